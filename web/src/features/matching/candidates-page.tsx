import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import { type Candidate, type OpportunityKind, useApplications, useCandidates, useOwnPostings } from './api.ts';
import { ApplicationCard } from './application-card.tsx';
import { ReasonLine, ScoreBadge } from './reason-line.tsx';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

const kinds: { kind: OpportunityKind; icon: string }[] = [
  { kind: 'job', icon: '💼' },
  { kind: 'training', icon: '📘' },
  { kind: 'project', icon: '🌱' },
];

const kindOf = (value: string | null): OpportunityKind => kinds.find((k) => k.kind === value)?.kind ?? 'job';

function CandidateCard({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  return (
    <li className="match-card" data-testid="candidate">
      <div className="match-head">
        <h3>
          {candidate.name}
          {candidate.age !== null && ` · ${t('matching.age', { age: candidate.age })}`}
        </h3>
        <ScoreBadge score={candidate.score} />
      </div>
      <p>
        {candidate.site && `📍 ${candidate.site}`}
        {candidate.phone && ` · 📞 ${candidate.phone}`}
        {candidate.applied && (
          <>
            {' · '}
            <strong>{t('matching.appliedBadge')}</strong>
          </>
        )}
      </p>
      <ReasonLine reasons={candidate.reasons} />
    </li>
  );
}

/** 合适的人: ranked candidates, which only jobs have (courses and projects take whoever enrols). */
function RankedCandidates({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const candidates = useCandidates(jobId);
  return (
    <>
      <h2>⭐ {t('matching.ranked')}</h2>
      {candidates.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={candidates} />
      {candidates.data?.items.length === 0 && <p>{t('matching.noCandidates')}</p>}
      <ul className="match-list">
        {candidates.data?.items.map((candidate) => (
          <CandidateCard key={candidate.personId} candidate={candidate} />
        ))}
      </ul>
    </>
  );
}

/**
 * 候选人 / 报名学员 / 参与人员: pick one of my jobs, courses or projects and move the people who
 * applied through its states (masked, no household income); for a job also see who fits.
 */
export function CandidatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const kind = kindOf(params.get('kind'));
  const postings = useOwnPostings(kind, me.data?.employerId);
  const postingId = params.get('posting') || postings.data?.[0]?.id;
  const applications = useApplications({ kind, opportunityId: postingId });
  return (
    <section aria-labelledby="candidates-title">
      <h1 id="candidates-title">🧑‍🤝‍🧑 {t(`matching.applicantsTitle.${kind}`)}</h1>
      <nav className="kind-tabs" aria-label={t('matching.postingKinds')}>
        {kinds.map((k) => (
          <Link key={k.kind} to={`/candidates?kind=${k.kind}`} aria-current={k.kind === kind ? 'page' : undefined}>
            <span aria-hidden="true">{k.icon}</span>&nbsp;{t(`matching.kind.${k.kind}`)}
          </Link>
        ))}
      </nav>
      {(me.data?.employerId === null || postings.data?.length === 0) && <p>{t(`matching.noPostings.${kind}`)}</p>}
      {postings.data && postings.data.length > 0 && (
        <label className="stack-form">
          {t(`matching.pickPosting.${kind}`)}
          <select
            className="job-picker"
            value={postingId}
            onChange={(event) => setParams({ kind, posting: event.target.value })}
            data-testid={`${kind}-picker`}
          >
            {postings.data.map((posting) => (
              <option key={posting.id} value={posting.id}>
                {posting.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {postingId && (
        <>
          <h2>📨 {t(`matching.applicationsTo.${kind}`)}</h2>
          {applications.isPending && <p>{t('common.loading')}</p>}
          <QueryError query={applications} />
          {applications.data?.items.length === 0 && <p>{t(`matching.noApplicationsTo.${kind}`)}</p>}
          <ul className="match-list" data-testid={`${kind}-applications`}>
            {applications.data?.items.map((application) => (
              <ApplicationCard key={application.id} application={application} showPerson />
            ))}
          </ul>
          {kind === 'job' && <RankedCandidates jobId={postingId} />}
        </>
      )}
    </section>
  );
}
