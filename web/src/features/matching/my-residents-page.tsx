import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

/** 帮扶对象: the households a helper is assigned to; each opens the household page with its members' recommendations. */
export function MyResidentsPage() {
  const { t } = useTranslation();
  const households = useQuery({
    queryKey: ['households', 'helped'],
    queryFn: async () => unwrap(await api.api.households.$get({ query: { pageSize: '100' } })),
  });
  return (
    <section aria-labelledby="my-residents-title">
      <h1 id="my-residents-title">👪 {t('matching.myResidents')}</h1>
      {households.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={households} />
      {households.data?.items.length === 0 && <p>{t('matching.noResidents')}</p>}
      <ul className="match-list">
        {households.data?.items.map((household) => (
          <li key={household.id} className="match-card">
            <Link to={`/registry/households/${household.id}`} className="resident-link">
              <strong>{household.headName ?? household.householdNumber}</strong> · {household.siteName} ·{' '}
              {t('matching.members', { count: household.memberCount })}
              <br />⭐ {t('matching.showFor')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
