import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me.ts';
import { type Candidate, useApplications, useCandidates, useOwnJobs } from './api.ts';
import { ApplicationCard } from './application-card.tsx';
import { ReasonLine, ScoreBadge } from './reason-line.tsx';
import './matching.css';

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

/** 候选人: pick one of my jobs, see who fits (masked, no household income) and move applications. */
export function CandidatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const jobs = useOwnJobs(me.data?.employerId);
  const [picked, setPicked] = useState<string>('');
  const jobId = picked || jobs.data?.items[0]?.id;
  const candidates = useCandidates(jobId);
  const applications = useApplications({ kind: 'job', opportunityId: jobId });
  return (
    <section aria-labelledby="candidates-title">
      <h1 id="candidates-title">🧑‍🤝‍🧑 {t('matching.candidates')}</h1>
      {(me.data?.employerId === null || jobs.data?.items.length === 0) && <p>{t('matching.noJobs')}</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <label className="stack-form">
          {t('matching.pickJob')}
          <select
            className="job-picker"
            value={jobId}
            onChange={(event) => setPicked(event.target.value)}
            data-testid="job-picker"
          >
            {jobs.data.items.map((job) => (
              <option key={job.id} value={job.id}>
                {job.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {jobId && (
        <>
          <h2>📨 {t('matching.applicationsToJob')}</h2>
          {applications.data?.items.length === 0 && <p>{t('matching.noApplicationsToJob')}</p>}
          <ul className="match-list" data-testid="job-applications">
            {applications.data?.items.map((application) => (
              <ApplicationCard key={application.id} application={application} showPerson />
            ))}
          </ul>
          <h2>⭐ {t('matching.ranked')}</h2>
          {candidates.isPending && <p>{t('common.loading')}</p>}
          {candidates.isError && <p role="alert">{t('common.error')}</p>}
          {candidates.data?.items.length === 0 && <p>{t('matching.noCandidates')}</p>}
          <ul className="match-list">
            {candidates.data?.items.map((candidate) => (
              <CandidateCard key={candidate.personId} candidate={candidate} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
