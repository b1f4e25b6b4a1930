import { useTranslation } from 'react-i18next';
import { useApplications } from './api.ts';
import { ApplicationCard } from './application-card.tsx';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

/**
 * 申请与报名: one person's job applications, course enrolments and project participation with
 * their state and dates, for the household page (a worker sees all of it for their sites).
 */
export function PersonApplications({ personId, name }: { personId: string; name: string }) {
  const { t } = useTranslation();
  const applications = useApplications({ personId });
  return (
    <section className="match-section" aria-label={t('matching.applicationsOf', { name })}>
      <h3>
        <span aria-hidden="true">📋</span> {t('matching.applicationsOf', { name })}
      </h3>
      {applications.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={applications} />
      {applications.data?.items.length === 0 && <p>{t('matching.noApplicationsOf')}</p>}
      <ul className="match-list" data-testid="person-applications">
        {applications.data?.items.map((application) => (
          <ApplicationCard key={application.id} application={application} showPerson={false} />
        ))}
      </ul>
    </section>
  );
}
