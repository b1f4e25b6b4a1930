import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';
import { Recommendations } from './recommendations.tsx';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

/**
 * The recommendations of one member of a helped household, the head's first: one tap on 看推荐 shows
 * the jobs with 申请 (walk3: it took two, through the household page). Other members are a tap away.
 */
function HouseholdRecommendations({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const household = useQuery({
    queryKey: ['household', householdId],
    queryFn: async () => unwrap(await api.api.households[':id'].$get({ param: { id: householdId } })),
  });
  const members = household.data?.members ?? [];
  const [chosen, setChosen] = useState<string>();
  const person =
    members.find((member) => member.id === chosen) ?? members.find((m) => m.relation === 'head') ?? members[0];
  return (
    <div className="helped-matches">
      {household.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={household} />
      {members.length > 1 && (
        <fieldset className="member-choice">
          <legend>{t('matching.whoFor')}</legend>
          {members.map((member) => (
            <button
              key={member.id}
              type="button"
              className="big-button"
              aria-pressed={member.id === person?.id}
              onClick={() => setChosen(member.id)}
            >
              {member.name}
            </button>
          ))}
        </fieldset>
      )}
      {person && (
        <Recommendations
          key={person.id}
          personId={person.id}
          heading={t('matching.forPerson', { name: person.name })}
        />
      )}
    </div>
  );
}

/** 帮扶对象: the households a helper is assigned to; 看推荐 opens a member's recommendations right here. */
export function MyResidentsPage() {
  const { t } = useTranslation();
  const households = useQuery({
    queryKey: ['households', 'helped'],
    queryFn: async () => unwrap(await api.api.households.$get({ query: { pageSize: '100' } })),
  });
  const [open, setOpen] = useState<string>();
  return (
    <section aria-labelledby="my-residents-title">
      <h1 id="my-residents-title">👪 {t('matching.myResidents')}</h1>
      {households.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={households} />
      {households.data?.items.length === 0 && <p>{t('matching.noResidents')}</p>}
      <ul className="match-list">
        {households.data?.items.map((household) => (
          <li key={household.id} className="match-card" data-testid={`helped-${household.id}`}>
            <Link to={`/registry/households/${household.id}`} className="resident-link">
              <strong>{household.headName ?? household.householdNumber}</strong> · {household.siteName} ·{' '}
              {t('matching.members', { count: household.memberCount })}
              <br />👪 {t('matching.householdPage')}
            </Link>
            <button
              type="button"
              className="big-button primary"
              aria-expanded={open === household.id}
              onClick={() => setOpen(open === household.id ? undefined : household.id)}
            >
              ⭐ {t(open === household.id ? 'matching.hideFor' : 'matching.showFor')}
            </button>
            {open === household.id && <HouseholdRecommendations householdId={household.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
