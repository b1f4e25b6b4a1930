import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { type ApplicationRow, type ApplicationState, useApplicationSteps, useMoveApplication } from './api.ts';
import { dayInChina, moveLabel, stateLabel } from './labels.ts';
import { problemText } from './problem-text.ts';

const stateIcon: Record<string, string> = {
  applied: '📨',
  viewed: '👀',
  interview: '🗣️',
  hired: '🎉',
  rejected: '✖️',
  withdrawn: '↩️',
  enrolled: '📝',
  attending: '📘',
  completed: '🎓',
  dropped: '✖️',
};

export function StateBadge({ kind, state }: { kind: ApplicationRow['kind']; state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`state-badge ${state}`} data-testid="application-state">
      <span aria-hidden="true">{stateIcon[state]}</span> {stateLabel(t, kind, state)}
    </span>
  );
}

/** 经过: each step of the application with the day it happened, loaded when opened. */
function Steps({ application }: { application: ApplicationRow }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const steps = useApplicationSteps(application.id, open);
  return (
    <details className="application-steps" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>📅 {t('matching.steps')}</summary>
      {steps.isPending && open && <p>{t('common.loading')}</p>}
      {steps.isError && <QueryError query={steps} message={problemText(t, steps.error, application.kind)} />}
      <ol data-testid="application-steps">
        {steps.data?.events.map((event) => (
          <li key={`${event.toState}-${event.occurredAt}`}>
            {dayInChina(event.occurredAt)} {stateLabel(t, application.kind, event.toState)}
            {event.certificate && ` · 📜 ${event.certificate}`}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * 结业: completing a course teaches its skills. When the course awards a certificate the person
 * gets it unless unticked (failed the exam); a certificate number may be added.
 */
function CompleteCourse({ application, onDone }: { application: ApplicationRow; onDone: () => void }) {
  const { t } = useTranslation();
  const move = useMoveApplication();
  const awarded = application.courseCertificate;
  const [withCertificate, setWithCertificate] = useState(Boolean(awarded));
  const [number, setNumber] = useState('');
  const certificate =
    awarded && withCertificate ? [awarded, number.trim()].filter(Boolean).join(' ').slice(0, 100) : undefined;
  return (
    <div className="confirm-box" data-testid="complete-course">
      <p>{t('matching.completeQuestion', { name: application.personName })}</p>
      {awarded && (
        <>
          <label className="check-line">
            <input type="checkbox" checked={withCertificate} onChange={(e) => setWithCertificate(e.target.checked)} />🎓{' '}
            {t('matching.certificateAwarded', { certificate: awarded })}
          </label>
          {withCertificate && (
            <label className="stack-form">
              {t('matching.certificateNumber')}
              <input value={number} maxLength={40} onChange={(e) => setNumber(e.target.value)} />
            </label>
          )}
        </>
      )}
      <div className="button-row">
        <button
          type="button"
          className="big-button primary"
          disabled={move.isPending}
          onClick={() => move.mutate({ id: application.id, state: 'completed', certificate }, { onSuccess: onDone })}
        >
          ✅ {t('matching.confirmComplete')}
        </button>
        <button type="button" className="big-button" onClick={onDone}>
          {t('matching.cancel')}
        </button>
      </div>
      {move.isError && <p role="alert">{problemText(t, move.error, application.kind)}</p>}
    </div>
  );
}

/**
 * One application with its state, its dates and, as buttons, the moves the caller may make next
 * (the API says which; it still refuses a stale or illegal one, and the refusal shows in plain words).
 */
export function ApplicationCard({ application, showPerson }: { application: ApplicationRow; showPerson: boolean }) {
  const { t } = useTranslation();
  const move = useMoveApplication();
  const [completing, setCompleting] = useState(false);
  const pick = (state: ApplicationState) =>
    state === 'completed' ? setCompleting(true) : move.mutate({ id: application.id, state });
  return (
    <li className="application-card" data-testid={`application-${application.id}`}>
      <h3>
        {showPerson ? `${application.personName} · ` : ''}
        {application.title ?? t(`matching.kind.${application.kind}`)}
      </h3>
      {application.employerName && <p>🏢 {application.employerName}</p>}
      <p>
        <StateBadge kind={application.kind} state={application.state} />{' '}
        <span className="date-phrase">
          {t(`matching.filedOn.${application.kind}`, { date: dayInChina(application.createdAt) })}
        </span>{' '}
        · <span className="date-phrase">{t('matching.updated', { date: dayInChina(application.updatedAt) })}</span>
      </p>
      {application.nextStates.length > 0 && !completing && (
        <div className="button-row">
          {application.nextStates.map((state) => (
            <button
              key={state}
              type="button"
              className={`big-button${state === 'hired' || state === 'completed' ? ' primary' : ''}`}
              disabled={move.isPending}
              onClick={() => pick(state)}
            >
              {moveLabel(t, application.kind, state)}
            </button>
          ))}
        </div>
      )}
      {completing && <CompleteCourse application={application} onDone={() => setCompleting(false)} />}
      {move.isError && <p role="alert">{problemText(t, move.error, application.kind)}</p>}
      <Steps application={application} />
    </li>
  );
}
