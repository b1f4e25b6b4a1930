import { useTranslation } from 'react-i18next';
import { type ApplicationRow, useMoveApplication } from './api.ts';
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

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`state-badge ${state}`} data-testid="application-state">
      <span aria-hidden="true">{stateIcon[state]}</span> {t(`matching.states.${state}`)}
    </span>
  );
}

/**
 * One application with its state and, as buttons, the moves the caller may make next (the API
 * says which; it still refuses a stale or illegal one, and the refusal shows in plain words).
 */
export function ApplicationCard({ application, showPerson }: { application: ApplicationRow; showPerson: boolean }) {
  const { t } = useTranslation();
  const move = useMoveApplication();
  return (
    <li className="application-card" data-testid={`application-${application.id}`}>
      <h3>
        {showPerson ? `${application.personName} · ` : ''}
        {application.title ?? t(`matching.kind.${application.kind}`)}
      </h3>
      {application.employerName && <p>🏢 {application.employerName}</p>}
      <p>
        <StateBadge state={application.state} /> {t('matching.updated', { date: application.updatedAt.slice(0, 10) })}
      </p>
      {application.nextStates.length > 0 && (
        <div className="button-row">
          {application.nextStates.map((state) => (
            <button
              key={state}
              type="button"
              className={`big-button${state === 'hired' || state === 'completed' ? ' primary' : ''}`}
              disabled={move.isPending}
              onClick={() => move.mutate({ id: application.id, state })}
            >
              {t(`matching.moves.${state}`)}
            </button>
          ))}
        </div>
      )}
      {move.isError && <p role="alert">{problemText(t, move.error)}</p>}
    </li>
  );
}
