import { BookOutlined, EditOutlined, NotificationOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/use-me.ts';
import { type Employer, useEmployer, useEmployers } from '../api/employers.ts';
import {
  type Job,
  nextStatuses,
  type Posting,
  type PostingKind,
  type Project,
  postingKinds,
  type Training,
  useEmployerPostings,
  useSavePosting,
} from '../api/postings.ts';
import { EmployerProfile } from './employer-profile.tsx';
import { EmployerReviewStatus } from './employer-review-status.tsx';
import { StatusSteps } from './status-steps.tsx';
import '../opportunities.css';
import { QueryError } from '../../../shared/query-error.tsx';

const kindIcons = { jobs: <NotificationOutlined />, trainings: <BookOutlined />, projects: <ShopOutlined /> };

/** 我的发布: the employer's review status, and its jobs, courses and projects with their next steps. */
/** The link to a posting's applicants (the matching feature's); composed in web/src/app/pages/. */
export type ApplicantsSlot = (kind: PostingKind, posting: Posting) => ReactNode;

export function EmployerPostingsPage({ applicants }: { applicants: ApplicantsSlot }) {
  const me = useMe().data;
  return me?.role === 'employer' ? (
    <EmployerPostings employerId={me.employerId} applicants={applicants} />
  ) : (
    <OnBehalfPostings applicants={applicants} />
  );
}

/** Workers and admins pick the small employer they post for (代发布); workers cannot post for enterprises. */
function OnBehalfPostings({ applicants }: { applicants: ApplicantsSlot }) {
  const { t } = useTranslation();
  const role = useMe().data?.role;
  const [params, setParams] = useSearchParams();
  const employers = useEmployers({ forPosting: true, page: 1 });
  const chosen = params.get('employer');
  const choices = employers.data?.items.filter((e) => role === 'admin' || e.kind !== 'enterprise');
  return (
    <>
      {/* The chosen employer's postings bring their own heading; until then the page needs one. */}
      {!chosen && <h1>{t('opportunities.postings.title')}</h1>}
      <QueryError query={employers} />
      <label className="stack-form">
        {t('opportunities.postings.postFor')}
        <select
          value={chosen ?? ''}
          onChange={(event) => setParams({ employer: event.target.value })}
          data-testid="on-behalf-employer"
        >
          <option value="">—</option>
          {choices?.map((employer) => (
            <option key={employer.id} value={employer.id}>
              {employer.name}（{t(`opportunities.employer.kinds.${employer.kind}`)}）
            </option>
          ))}
        </select>
      </label>
      {chosen && <EmployerPostings employerId={chosen} key={chosen} applicants={applicants} />}
    </>
  );
}

function EmployerPostings({ employerId, applicants }: { employerId: string | null; applicants: ApplicantsSlot }) {
  const { t } = useTranslation();
  const onBehalf = useMe().data?.role !== 'employer';
  const employer = useEmployer(employerId);

  if (employerId && employer.isPending) return <Spin description={t('common.loading')} />;
  if (employerId && employer.isError) return <QueryError query={employer} />;
  if (!employerId || !employer.data) {
    return (
      <section className="opps-page" aria-labelledby="employer-title">
        <h1 id="employer-title">{t('opportunities.employer.register')}</h1>
        <p className="opps-note">{t('opportunities.employer.registerFirst')}</p>
        <EmployerProfile employer={null} />
      </section>
    );
  }
  const rejected = employer.data.reviewStatus === 'rejected';
  return (
    <section className="opps-page" aria-labelledby="postings-title">
      <h1 id="postings-title">
        <NotificationOutlined aria-hidden="true" /> {t('opportunities.postings.title')}
      </h1>
      <EmployerReviewStatus employer={employer.data} />
      {postingKinds.map((kind) => (
        <PostingList key={kind} kind={kind} employer={employer.data} onBehalf={onBehalf} applicants={applicants} />
      ))}
      {!onBehalf && (
        <details open={rejected}>
          <summary className="big-button">{t('opportunities.employer.title')}</summary>
          <EmployerProfile employer={employer.data} />
        </details>
      )}
    </section>
  );
}

function PostingList({
  kind,
  employer,
  onBehalf,
  applicants,
}: {
  kind: PostingKind;
  employer: Employer;
  onBehalf: boolean;
  applicants: ApplicantsSlot;
}) {
  const { t } = useTranslation();
  const postings = useEmployerPostings(kind, employer.id);
  const newPath = `/postings/${kind}/new${onBehalf ? `?employer=${employer.id}` : ''}`;
  return (
    <section aria-labelledby={`postings-${kind}`}>
      <h2 id={`postings-${kind}`}>
        <span aria-hidden="true">{kindIcons[kind]}</span> {t(`opportunities.postings.kinds.${kind}`)}
      </h2>
      <div className="opps-actions">
        <Link to={newPath} className="primary" data-testid={`new-${kind}`}>
          <PlusOutlined aria-hidden="true" />
          &nbsp;{t(`opportunities.postings.newOf.${kind}`)}
        </Link>
      </div>
      <QueryError query={postings} />
      <ul className="result-list" data-testid={`my-${kind}`}>
        {postings.data?.items.length === 0 && (
          <li>{t('opportunities.postings.noneOf', { kind: t(`opportunities.postings.kinds.${kind}`) })}</li>
        )}
        {postings.data?.items.map((posting) => (
          <PostingItem key={posting.id} kind={kind} posting={posting} onBehalf={onBehalf} applicants={applicants} />
        ))}
      </ul>
    </section>
  );
}

/** How many people a posting takes: 招 N 人, N 个名额, 带动 N 人. */
function sizeOf(kind: PostingKind, posting: Posting, t: ReturnType<typeof useTranslation>['t']) {
  if (kind === 'trainings') return t('opportunities.postings.seats', { count: (posting as Training).seats });
  if (kind === 'projects') return t('opportunities.postings.positions', { count: (posting as Project).positions });
  return t('opportunities.postings.headcount', { count: (posting as Job).headcount });
}

function PostingItem({
  kind,
  posting,
  onBehalf,
  applicants,
}: {
  kind: PostingKind;
  posting: Posting;
  onBehalf: boolean;
  applicants: ApplicantsSlot;
}) {
  const { t } = useTranslation();
  const save = useSavePosting(kind);
  const query = onBehalf ? `?employer=${posting.employerId}` : '';
  // The one just posted or changed on the form (?saved=id): marked, and scrolled to.
  const justSaved = useSearchParams()[0].get('saved') === posting.id;
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (justSaved) item.current?.scrollIntoView({ block: 'center' });
  }, [justSaved]);
  return (
    <li
      ref={item}
      className={justSaved ? 'result-card posting-just-saved' : 'result-card'}
      data-testid="posting"
      data-just-saved={justSaved || undefined}
    >
      {justSaved && <span className="opps-ok">{t('opportunities.postings.justSaved')}</span>}
      <h3 className="result-title-line">{posting.title}</h3>
      <StatusSteps status={posting.status} />
      <p>
        {sizeOf(kind, posting, t)}
        {posting.status === 'open' && (
          <>
            {' · '}
            <span className={posting.employerVerified ? 'opps-ok' : 'opps-warn'}>
              {posting.employerVerified ? t('opportunities.postings.live') : t('opportunities.postings.notLive')}
            </span>
          </>
        )}
      </p>
      <div className="opps-actions">
        {posting.status !== 'closed' && (
          <Link
            to={`/postings/${kind}/${posting.id}/edit${query}`}
            aria-label={`${t('opportunities.postings.edit')}：${posting.title}`}
          >
            <EditOutlined aria-hidden="true" />
            &nbsp;{t('opportunities.postings.edit')}
          </Link>
        )}
        {applicants(kind, posting)}
        {nextStatuses[posting.status].map((status) => (
          <button
            type="button"
            key={status}
            className={status === 'open' ? 'primary' : undefined}
            disabled={save.isPending}
            onClick={() => save.mutate({ id: posting.id, fields: { status } })}
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
