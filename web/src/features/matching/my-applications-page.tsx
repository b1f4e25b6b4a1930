import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me.ts';
import { useApplications } from './api.ts';
import { ApplicationCard } from './application-card.tsx';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

/** 我的申请: a resident's applications (a helper's: those of the people they help), newest first. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const applications = useApplications({});
  return (
    <section aria-labelledby="my-applications-title">
      <h1 id="my-applications-title">📄 {t('matching.myApplications')}</h1>
      {applications.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={applications} />
      {applications.data?.items.length === 0 && <p>{t('matching.noApplications')}</p>}
      <ul className="match-list">
        {applications.data?.items.map((application) => (
          <ApplicationCard key={application.id} application={application} showPerson={me.data?.role === 'helper'} />
        ))}
      </ul>
    </section>
  );
}
