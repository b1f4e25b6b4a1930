import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { useSupervision } from './use-support.ts';
import './support.css';

interface FollowUp {
  id: string | null;
  name: string | null;
  households: number;
  overdueVisits: number;
  visitsOnTimeShare: number | null;
  alertsUpTo7Days: number;
  alerts8To30Days: number;
  alertsOver30Days: number;
}

/** 督查: follow-up per worker and township, and what is late with its owner (cards under 720 px). */
export function SupervisionPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [region, setRegion] = useState('');
  const report = useSupervision(region);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRegion(draft.trim());
  };
  return (
    <section aria-labelledby="supervision-title">
      <h1 id="supervision-title">📋 {t('support.supervision.title')}</h1>
      <form className="support-form" onSubmit={submit}>
        <label>
          {t('support.supervision.region')}
          <input value={draft} onChange={(e) => setDraft(e.target.value)} inputMode="numeric" />
        </label>
        <button type="submit">{t('support.supervision.show')}</button>
      </form>
      {report.error ? <QueryError query={report} /> : null}
      {report.data ? (
        <>
          <p>
            {report.data.region.name} · {report.data.asOf}
          </p>
          <FollowUpTable title={t('support.supervision.byWorker')} rows={report.data.workers} />
          <FollowUpTable title={t('support.supervision.byTownship')} rows={report.data.townships} />
          <h2>{t('support.supervision.late')}</h2>
          {report.data.late.length === 0 ? <p>{t('support.supervision.noLate')}</p> : null}
          <ul className="support-list" data-testid="late-items">
            {report.data.late.map((item) => (
              <li key={`${item.kind}-${item.householdId}-${String(item.ruleId)}`} className="support-card">
                <strong>
                  {item.kind === 'visit' ? t('support.supervision.visitLate') : t('support.supervision.alertLate')}
                </strong>
                {item.ruleId ? ` · ${t(`tracking.rules.${String(item.ruleId)}`)}` : ''} ·{' '}
                {t('support.supervision.household')} {String(item.householdNumber)} · {t('support.supervision.due')}{' '}
                {String(item.dueOn)} · {t('support.supervision.daysLate', { days: Number(item.daysLate) })} ·{' '}
                {t('support.supervision.owner')}{' '}
                {item.ownerName ? String(item.ownerName) : t('support.supervision.unassigned')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function FollowUpTable({ title, rows }: { title: string; rows: FollowUp[] }) {
  const { t } = useTranslation();
  const s = (key: string) => t(`support.supervision.${key}`);
  return (
    <>
      <h2>{title}</h2>
      <table className="support-table">
        <thead>
          <tr>
            <th>{s('name')}</th>
            <th>{s('households')}</th>
            <th>{s('onTime')}</th>
            <th>{s('overdueVisits')}</th>
            <th>{s('alerts7')}</th>
            <th>{s('alerts30')}</th>
            <th>{s('alerts31')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? 'none'}>
              <td data-label={s('name')}>{row.name ?? s('unassigned')}</td>
              <td data-label={s('households')}>{row.households}</td>
              <td data-label={s('onTime')}>
                {row.visitsOnTimeShare === null ? '—' : `${Math.round(row.visitsOnTimeShare * 100)}%`}
              </td>
              <td data-label={s('overdueVisits')}>{row.overdueVisits}</td>
              <td data-label={s('alerts7')}>{row.alertsUpTo7Days}</td>
              <td data-label={s('alerts30')}>{row.alerts8To30Days}</td>
              <td data-label={s('alerts31')}>{row.alertsOver30Days}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
