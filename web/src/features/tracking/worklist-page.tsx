import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAlertAction, useWorklist } from './use-tracking.ts';
import './tracking.css';

const measures = [
  'job_referral',
  'training_referral',
  'dibao_application',
  'public_welfare_post',
  'medical_aid',
  'education_aid',
  'other',
] as const;

interface Alert {
  id: string;
  householdId: string;
  householdNumber: string;
  ruleId: string;
  state: string;
  explanationZh: string;
  explanationEn: string;
  deadline: string;
  overdue: boolean;
  escalatedAt: string | null;
}

/** 预警清单: the worker's alerts, earliest deadline first, with big buttons. */
export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const worklist = useWorklist();
  if (worklist.isPending) return <p>{t('tracking.loading')}</p>;
  const items = (worklist.data?.items ?? []) as Alert[];
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">📋 {t('tracking.worklist')}</h1>
      {items.length === 0 ? <p>{t('tracking.noAlerts')}</p> : null}
      <ul className="tracking-list">
        {items.map((alert) => (
          <AlertCard key={alert.id} alert={alert} english={i18n.language === 'en'} />
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
  const [reason, setReason] = useState('');
  return (
    <li className={`tracking-card${alert.overdue ? ' overdue' : ''}`} data-testid="alert" data-rule={alert.ruleId}>
      <h2>
        ⚠️ {t(`tracking.rules.${alert.ruleId}`)} · {t('tracking.household')} {alert.householdNumber}
      </h2>
      <p>{english ? alert.explanationEn : alert.explanationZh}</p>
      <p>
        ⏰ {t('tracking.deadline')}: {alert.deadline}{' '}
        {alert.overdue ? <span className="tracking-badge">{t('tracking.overdue')}</span> : null}{' '}
        {alert.escalatedAt ? <span className="tracking-badge">{t('tracking.escalated')}</span> : null}
      </p>
      {mode === 'resolve' ? (
        <label className="tracking-form">
          {t('tracking.chooseMeasure')}
          <select value={measure} onChange={(event) => setMeasure(event.target.value)}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {t(`tracking.measureNames.${m}`)}
              </option>
            ))}
          </select>
        </label>
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
            {alert.state === 'open' ? (
              <button type="button" onClick={() => action.mutate({ id: alert.id, action: 'acknowledge' })}>
                ✋ {t('tracking.acknowledge')}
              </button>
            ) : null}
            <button type="button" className="tracking-primary" onClick={() => setMode('resolve')}>
              ✅ {t('tracking.resolve')}
            </button>
            <button type="button" onClick={() => setMode('dismiss')}>
              ✖️ {t('tracking.dismiss')}
            </button>
            <Link className="button" to={`/tracking/households/${alert.householdId}`}>
              🏠 {t('tracking.openHousehold')}
            </Link>
          </>
        ) : (
          <>
            <button
              type="button"
              className="tracking-primary"
              disabled={mode === 'dismiss' && reason.trim() === ''}
              onClick={() =>
                action.mutate({ id: alert.id, action: mode, measure, reason }, { onSuccess: () => setMode('idle') })
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
    </li>
  );
}
