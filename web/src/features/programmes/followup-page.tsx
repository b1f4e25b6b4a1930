import { chinaToday } from '@anju/domain/clock';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { type FollowupInput, useMember, useRecordFollowup } from './api.ts';
import { MemberFacts } from './batch-page.tsx';
import { Refusal, useRefusalText } from './parts.tsx';

const outcomes = ['still_there', 'changed_job', 'came_home', 'unreachable'] as const;

/** 稳岗回访: one migrant's next follow-up, opened from the worklist or the batch. */
export function FollowupPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const member = useMember(id);
  const record = useRecordFollowup(id);
  const refusal = useRefusalText();
  const navigate = useNavigate();
  const [milestone, setMilestone] = useState<number | null>(null);
  const [followedUpOn, setFollowedUpOn] = useState(chinaToday());
  const [outcome, setOutcome] = useState<FollowupInput['outcome']>('still_there');
  const [reason, setReason] = useState('');
  const data = member.data;
  const months = milestone ?? data?.due[0]?.milestoneMonths ?? null;
  return (
    <section aria-labelledby="followup-title">
      <QueryError query={member} />
      {data ? (
        <>
          <p>
            <Link to={`/programmes/labour-export/${data.batchId}`}>
              ‹{' '}
              {t('programmes.labour.batch', {
                employer: data.batch.destinationEmployer,
                region: data.batch.destinationRegion,
              })}
            </Link>
          </p>
          <h1 id="followup-title">{t('programmes.labour.followupTitle', { name: data.personName ?? '—' })}</h1>
          <MemberFacts member={data} />
          {months === null ? (
            <p>{t('programmes.labour.noneDue')}</p>
          ) : (
            <form
              className="programmes-form"
              onSubmit={(event) => {
                event.preventDefault();
                record.mutate(
                  {
                    milestoneMonths: months as FollowupInput['milestoneMonths'],
                    followedUpOn,
                    outcome,
                    reason: reason || null,
                  },
                  { onSuccess: () => navigate(`/programmes/labour-export/${data.batchId}`) },
                );
              }}
            >
              <label>
                {t('programmes.labour.followups')}
                <select value={months} onChange={(e) => setMilestone(Number(e.target.value))}>
                  {data.due.map((due) => (
                    <option key={due.milestoneMonths} value={due.milestoneMonths}>
                      {t('programmes.labour.milestone', { months: due.milestoneMonths })} · {due.dueOn}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('programmes.labour.followedUpOn')}
                <input type="date" value={followedUpOn} onChange={(e) => setFollowedUpOn(e.target.value)} />
              </label>
              <label>
                {t('programmes.labour.outcome')}
                <select value={outcome} onChange={(e) => setOutcome(e.target.value as FollowupInput['outcome'])}>
                  {outcomes.map((value) => (
                    <option key={value} value={value}>
                      {t(`programmes.outcomes.${value}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('programmes.labour.reason')}
                <input value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <Refusal text={record.isError ? refusal(record.error, 'programmes.labour.problems') : null} />
              <button type="submit" className="programmes-primary" disabled={record.isPending}>
                {t('programmes.labour.recordFollowup')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </section>
  );
}
