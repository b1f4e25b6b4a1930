import { EditOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/use-me.ts';
import { ApplicantsLink } from '../../matching/applicants-link.tsx';
import { useEmployer, useEmployers } from '../api/employers.ts';
import { type Job, nextStatuses, useEmployerJobs, useSaveJob } from '../api/postings.ts';
import { EmployerProfile } from './employer-profile.tsx';
import '../opportunities.css';

/** 我的岗位: the employer's profile, whether it is verified, and its postings with their next steps. */
export function EmployerPostingsPage() {
  const me = useMe().data;
  return me?.role === 'employer' ? <EmployerPostings employerId={me.employerId} /> : <OnBehalfPostings />;
}

/** Workers and admins pick the small employer they post for (代发布). */
function OnBehalfPostings() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const employers = useEmployers({ page: 1 });
  const chosen = params.get('employer');
  return (
    <>
      <label className="stack-form">
        {t('opportunities.employer.name')}
        <select value={chosen ?? ''} onChange={(event) => setParams({ employer: event.target.value })}>
          <option value="">—</option>
          {employers.data?.items.map((employer) => (
            <option key={employer.id} value={employer.id}>
              {employer.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && <EmployerPostings employerId={chosen} key={chosen} />}
    </>
  );
}

function EmployerPostings({ employerId }: { employerId: string | null }) {
  const { t } = useTranslation();
  const onBehalf = useMe().data?.role !== 'employer';
  const employer = useEmployer(employerId);
  const jobs = useEmployerJobs(employerId);

  if (employerId && employer.isPending) return <Spin description={t('common.loading')} />;
  if (!employerId || !employer.data) {
    return (
      <section className="opps-page" aria-labelledby="employer-title">
        <h1 id="employer-title">{t('opportunities.employer.register')}</h1>
        <p className="opps-note">{t('opportunities.employer.registerFirst')}</p>
        <EmployerProfile employer={null} />
      </section>
    );
  }
  const verified = employer.data.verified;
  return (
    <section className="opps-page" aria-labelledby="postings-title">
      <h1 id="postings-title">
        <NotificationOutlined aria-hidden="true" /> {t('opportunities.postings.title')}
      </h1>
      <p>
        <strong>{employer.data.name}</strong> ·{' '}
        <span className={verified ? 'opps-ok' : 'opps-warn'} data-testid="employer-verified">
          {verified ? t('opportunities.employer.verified') : t('opportunities.employer.unverified')}
        </span>
      </p>
      {!verified && (
        <p className="opps-note" role="note">
          {t('opportunities.employer.notVerifiedNotice')}
        </p>
      )}
      <div className="opps-actions">
        <Link to={onBehalf ? `/postings/new?employer=${employerId}` : '/postings/new'} className="primary">
          <PlusOutlined aria-hidden="true" />
          &nbsp;{t('opportunities.postings.new')}
        </Link>
      </div>
      <ul className="result-list" data-testid="my-postings">
        {jobs.data?.items.length === 0 && <li>{t('opportunities.postings.none')}</li>}
        {jobs.data?.items.map((job) => (
          <PostingItem key={job.id} job={job} />
        ))}
      </ul>
      {!onBehalf && (
        <details>
          <summary className="big-button">{t('opportunities.employer.title')}</summary>
          <EmployerProfile employer={employer.data} />
        </details>
      )}
    </section>
  );
}

function PostingItem({ job }: { job: Job }) {
  const { t } = useTranslation();
  const save = useSaveJob();
  return (
    <li className="result-card" data-testid="posting">
      <h2 className="result-title-line">{job.title}</h2>
      <p>
        {t(`opportunities.status.${job.status}`)} · {t('opportunities.postings.headcount', { count: job.headcount })}
        {job.status === 'open' && (
          <>
            {' · '}
            <span className={job.employerVerified ? 'opps-ok' : 'opps-warn'}>
              {job.employerVerified ? t('opportunities.postings.live') : t('opportunities.postings.notLive')}
            </span>
          </>
        )}
      </p>
      <div className="opps-actions">
        {job.status !== 'closed' && (
          <Link to={`/postings/${job.id}/edit`}>
            <EditOutlined aria-hidden="true" />
            &nbsp;{t('opportunities.postings.edit')}
          </Link>
        )}
        <ApplicantsLink kind="job" postingId={job.id} />
        {nextStatuses[job.status].map((status) => (
          <button
            type="button"
            key={status}
            className={status === 'open' ? 'primary' : undefined}
            disabled={save.isPending}
            onClick={() => save.mutate({ id: job.id, fields: { status } })}
          >
            {t(`opportunities.statusAction.${status}`)}
          </button>
        ))}
      </div>
      {save.isError && (
        <p className="field-error" role="alert">
          {save.error.message}
        </p>
      )}
    </li>
  );
}
