import { chinaToday } from '@anju/domain/clock';
import { monthOf } from '@anju/domain/dates';
import { type IncomeSource, incomeSources, type SupportMeasure, supportMeasures, visitKinds } from '@anju/domain/enums';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useRecordVisit } from './use-tracking.ts';
import { cameFromAlert } from './visit-origin.ts';
import './tracking.css';

const amountOf = (text: string) => Number(text.replace(/[,，\s]/g, ''));

/**
 * 记录走访: what was found, the measures taken, the next visit, and one month's income by
 * source, saved together so the alerts are re-evaluated once with everything the visit learnt.
 */
export function RecordVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const save = useRecordVisit();
  const today = chinaToday();
  const location = useLocation();
  const [kind, setKind] = useState<'routine' | 'alert_follow_up' | 'dibao_check'>(
    cameFromAlert(location.state) ? 'alert_follow_up' : 'routine',
  );
  const [visitedOn, setVisitedOn] = useState(today);
  const [findings, setFindings] = useState('');
  const [chosen, setChosen] = useState<SupportMeasure[]>([]);
  const [nextVisitDue, setNextVisitDue] = useState('');
  // Last month by default: income counts by complete months.
  const [month, setMonth] = useState(monthOf(today, -1));
  const [amounts, setAmounts] = useState<Partial<Record<IncomeSource, string>>>({});
  const [costs, setCosts] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const items = incomeSources
      .filter((source) => (amounts[source] ?? '').trim() !== '')
      .map((source) => ({
        source,
        amountYuan: amountOf(amounts[source] ?? ''),
        productionCostsYuan: source === 'business' && costs.trim() ? amountOf(costs) : 0,
      }));
    if (items.some((item) => Number.isNaN(item.amountYuan) || Number.isNaN(item.productionCostsYuan))) {
      setProblem(t('tracking.amountInvalid'));
      return;
    }
    setProblem(null);
    save.mutate(
      {
        householdId: id,
        visitedOn,
        kind,
        findings,
        measures: chosen,
        nextVisitDue,
        income: items.length ? { month, items } : undefined,
      },
      { onSuccess: () => navigate(`/tracking/households/${id}`, { state: { saved: true } }) },
    );
  };
  return (
    <form className="tracking-form" onSubmit={submit} aria-labelledby="visit-title">
      <h1 id="visit-title">✍️ {t('tracking.recordVisit')}</h1>
      <label>
        📅 {t('tracking.visitedOn')}
        <input type="date" value={visitedOn} max={today} onChange={(e) => setVisitedOn(e.target.value)} required />
      </label>
      <label>
        {t('tracking.visitKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {visitKinds.map((k) => (
            <option key={k} value={k}>
              {t(`tracking.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        📝 {t('tracking.findings')}
        <textarea value={findings} onChange={(e) => setFindings(e.target.value)} rows={3} />
      </label>
      <fieldset>
        <legend>🛠️ {t('tracking.measures')}</legend>
        <div className="tracking-checks">
          {supportMeasures.map((m) => (
            <label key={m}>
              <input
                type="checkbox"
                name="measure"
                value={m}
                checked={chosen.includes(m)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, m] : chosen.filter((c) => c !== m))}
              />
              {t(`tracking.measureNames.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="tracking-form">
        <legend>💰 {t('tracking.incomeBySource')}</legend>
        <p className="tracking-muted">{t('tracking.incomeHint')}</p>
        <label>
          {t('tracking.incomeMonth')}
          <input type="month" value={month} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} />
        </label>
        {incomeSources.map((source) => (
          <label key={source}>
            {t(`tracking.sources.${source}`)} ({t('tracking.yuan')})
            <input
              name={`income-${source}`}
              inputMode="decimal"
              value={amounts[source] ?? ''}
              onChange={(e) => setAmounts({ ...amounts, [source]: e.target.value })}
            />
          </label>
        ))}
        {(amounts.business ?? '').trim() ? (
          <label>
            {t('tracking.costs')}
            <input name="income-costs" inputMode="decimal" value={costs} onChange={(e) => setCosts(e.target.value)} />
          </label>
        ) : null}
      </fieldset>
      <label>
        📅 {t('tracking.nextVisitDue')}
        <input type="date" value={nextVisitDue} min={visitedOn} onChange={(e) => setNextVisitDue(e.target.value)} />
      </label>
      <button type="submit" className="tracking-primary" disabled={save.isPending}>
        💾 {t('tracking.save')}
      </button>
      {problem ? <p role="alert">{problem}</p> : null}
      {save.isError ? (
        <p role="alert">
          {t('tracking.failed')} ({save.error.message})
        </p>
      ) : null}
    </form>
  );
}
