import { supportMeasures } from '@anju/domain/enums';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAlertAction, useOverdueVisits, useWorklist } from './use-tracking.ts';
import './tracking.css';
import { QueryError } from '../../shared/query-error.tsx';

interface Alert {
  id: string;
  householdId: string;
  householdNumber: string;
  ruleId: string;
  state: string;
  explanationZh: string;
  explanationEn: string;
  responsibleWorkerName: string | null;
  deadline: string;
  overdue: boolean;
  escalatedAt: string | null;
}

interface DueVisit {
  householdId: string;
  householdNumber: string;
  lastVisitOn: string | null;
  dueOn: string;
  daysOverdue: number;
}

/** 预警清单: open alerts and overdue visits, earliest deadline first, with big buttons. */
export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const worklist = useWorklist();
  const overdueVisits = useOverdueVisits();
  if (worklist.isPending) return <p>{t('tracking.loading')}</p>;
  if (worklist.isError) return <QueryError query={worklist} />;
  const items = (worklist.data?.items ?? []) as Alert[];
  const visits = (overdueVisits.data?.items ?? []) as DueVisit[];
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">📋 {t('tracking.worklist')}</h1>
      <p className="tracking-muted">{t('tracking.worklistCount', { alerts: items.length, visits: visits.length })}</p>
      {items.length === 0 ? <p>{t('tracking.noAlerts')}</p> : null}
      <ul className="tracking-list" data-testid="alerts">
        {items.map((alert) => (
          <AlertCard key={alert.id} alert={alert} english={i18n.language === 'en'} />
        ))}
      </ul>
      <h2>🚶 {t('tracking.overdueVisitsTitle')}</h2>
      <QueryError query={overdueVisits} />
      {visits.length === 0 ? <p>{t('tracking.noOverdueVisits')}</p> : null}
      <ul className="tracking-list" data-testid="overdue-visits">
        {visits.map((visit) => (
          <li key={visit.householdId} className="tracking-card overdue">
            <strong>
              {t('tracking.household')} {visit.householdNumber}
            </strong>
            <p>
              ⏰ {t('tracking.dueOn', { date: visit.dueOn, days: visit.daysOverdue })} · {t('tracking.lastVisit')}:{' '}
              {visit.lastVisitOn ?? t('tracking.never')}
            </p>
            <div className="tracking-actions">
              <Link className="button tracking-primary" to={`/tracking/households/${visit.householdId}/visit`}>
                ✍️ {t('tracking.recordVisit')}
              </Link>
              <Link className="button" to={`/tracking/households/${visit.householdId}`}>
                🏠 {t('tracking.openHousehold')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AlertCard({ alert, english }: { alert: Alert; english: boolean }) {
  const { t } = useTranslation();
  const action = useAlertAction();
  const [mode, setMode] = useState<'idle' | 'resolve' | 'dismiss'>('idle');
  const [measure, setMeasure] = useState<string>('job_referral');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const titleId = `alert-${alert.id}-title`;
  return (
    <li
      className={`tracking-card${alert.overdue ? ' overdue' : ''}`}
      data-testid="alert"
      data-rule={alert.ruleId}
      data-household={alert.householdNumber}
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        ⚠️ {t(`tracking.rules.${alert.ruleId}`)} · {t('tracking.household')} {alert.householdNumber}
      </h2>
      <p>{english ? alert.explanationEn : alert.explanationZh}</p>
      <p>
        ⏰ {t('tracking.deadline')}: {alert.deadline} · 👤 {t('tracking.responsible')}:{' '}
        {alert.responsibleWorkerName ?? t('tracking.nobody')}{' '}
        {alert.state === 'acknowledged' ? (
          <span className="tracking-badge ok">{t('tracking.states.acknowledged')}</span>
        ) : null}{' '}
        {alert.overdue ? <span className="tracking-badge">{t('tracking.overdue')}</span> : null}{' '}
        {alert.escalatedAt ? <span className="tracking-badge">{t('tracking.escalated')}</span> : null}
      </p>
      {mode === 'resolve' ? (
        <div className="tracking-form">
          <label>
            {t('tracking.chooseMeasure')}
            <select value={measure} onChange={(event) => setMeasure(event.target.value)}>
              {supportMeasures.map((m) => (
                <option key={m} value={m}>
                  {t(`tracking.measureNames.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tracking.note')}
            <input value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
        </div>
      ) : null}
      {mode === 'dismiss' ? (
        <label className="tracking-form">
          {t('tracking.dismissReason')}
          <input value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
      ) : null}
      <div className="tracking-actions">
        {mode === 'idle' ? (
          <>
            <Link className="button tracking-primary" to={`/tracking/households/${alert.householdId}`}>
              🏠 {t('tracking.openHousehold')}
            </Link>
            {alert.state === 'open' ? (
              <button type="button" onClick={() => action.mutate({ id: alert.id, action: 'acknowledge' })}>
                ✋ {t('tracking.acknowledge')}
              </button>
            ) : null}
            <button type="button" onClick={() => setMode('resolve')}>
              ✅ {t('tracking.resolve')}
            </button>
            <button type="button" onClick={() => setMode('dismiss')}>
              ✖️ {t('tracking.dismiss')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="tracking-primary"
              disabled={action.isPending || (mode === 'dismiss' && reason.trim() === '')}
              onClick={() =>
                action.mutate(
                  { id: alert.id, action: mode, measure, note, reason },
                  { onSuccess: () => setMode('idle') },
                )
              }
            >
              {t('tracking.confirm')}
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              {t('tracking.cancel')}
            </button>
          </>
        )}
      </div>
      {action.isError ? <p role="alert">{t('tracking.failed')}</p> : null}
    </li>
  );
}
