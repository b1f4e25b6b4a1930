import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import './tracking.css';

/**
 * From a household's registry page to its tracking side: the timeline (income, 低保, visits,
 * support) and, for a worker, 记录走访 straight away. Without it a worker could reach a visit
 * only from the worklist, which is empty for a household not yet due.
 */
export function HouseholdTrackingLinks({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <p className="tracking-actions">
      {me.data?.role === 'worker' && (
        <Link className="button tracking-primary tracking-big" to={`/tracking/households/${householdId}/visit`}>
          ✍️ {t('tracking.recordVisit')}
        </Link>
      )}{' '}
      <Link className="button" to={`/tracking/households/${householdId}`}>
        🏠 {t('tracking.openTimeline')}
      </Link>
    </p>
  );
}
