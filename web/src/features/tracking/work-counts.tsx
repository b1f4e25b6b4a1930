import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWorklistCounts } from './use-tracking.ts';

/** The home page's counts of work: in all, overdue, due within a week; each opens the worklist filtered. */
export function WorkCounts() {
  const { t } = useTranslation();
  const counts = useWorklistCounts(true);
  if (!counts.data) return null;
  const { total, overdue, dueWithinWeek } = counts.data;
  return (
    <section aria-labelledby="work-counts-title" className="work-counts" data-testid="work-counts">
      <h2 id="work-counts-title">📋 {t('tracking.homeWork')}</h2>
      <ul>
        <li>
          <Link to="/tracking/worklist">{t('tracking.homeTotal', { count: total })}</Link>
        </li>
        <li className={overdue ? 'urgent' : undefined}>
          <Link to="/tracking/worklist?due=overdue">{t('tracking.homeOverdue', { count: overdue })}</Link>
        </li>
        <li>
          <Link to="/tracking/worklist?due=week">{t('tracking.homeWeek', { count: dueWithinWeek })}</Link>
        </li>
      </ul>
    </section>
  );
}
