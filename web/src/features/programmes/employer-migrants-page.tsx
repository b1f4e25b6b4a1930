import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { useEmployerMembers } from './api.ts';
import { MemberFacts } from './batch-page.tsx';
import { Card } from './parts.tsx';

type Member = NonNullable<ReturnType<typeof useEmployerMembers>['data']>['items'][number];

/** 用工单位: the labour-export migrants sent to its own company, with workplace, contract, pay and 稳岗 status. */
export function EmployerMigrantsPage() {
  const { t } = useTranslation();
  const members = useEmployerMembers();
  const items = members.data?.items;
  return (
    <section aria-labelledby="employer-migrants-title">
      <h1 id="employer-migrants-title">{t('programmes.employer.title')}</h1>
      <p className="programmes-muted">{t('programmes.employer.intro')}</p>
      <QueryError query={members} />
      {items && items.length === 0 ? <p>{t('programmes.employer.empty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="programmes-list" data-testid="employer-members">
          {items.map((member) => (
            <Card key={member.id} title={member.personName ?? '—'} testId="member">
              <RetentionStatus member={member} />
              <MemberFacts member={member} />
            </Card>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The latest 稳岗 follow-up's outcome, or that there is none yet. */
function RetentionStatus({ member }: { member: Member }) {
  const { t } = useTranslation();
  const latest = member.followups.reduce<Member['followups'][number] | undefined>(
    (last, followup) => (!last || followup.milestoneMonths > last.milestoneMonths ? followup : last),
    undefined,
  );
  return (
    <p data-testid="retention-status">
      <strong>
        {latest
          ? t('programmes.employer.status', {
              outcome: t(`programmes.outcomes.${latest.outcome}`),
              months: latest.milestoneMonths,
              date: latest.followedUpOn,
            })
          : t('programmes.employer.noStatus')}
      </strong>
    </p>
  );
}
