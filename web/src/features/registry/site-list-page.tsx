import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSites } from './api.ts';
import { Pager } from './pager.tsx';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

/** 安置点列表: mount at /registry/sites */
export function SiteListPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const sites = useSites({ page: String(page), q });
  return (
    <section>
      <h1>🏘️ {t('registry.sites')}</h1>
      <div className="registry-filters">
        <input
          aria-label={t('registry.name')}
          placeholder={t('registry.name')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
      </div>
      {sites.isPending ? (
        <p>{t('registry.loading')}</p>
      ) : sites.isError ? (
        <QueryError query={sites} />
      ) : (
        <>
          <ul className="registry-list">
            {sites.data.items.map((site) => (
              <li key={site.id}>
                <Link to={`/registry/sites/${site.id}`}>
                  <strong>{site.name}</strong> <small>{site.code}</small>
                  <br />
                  {site.kind ? t(`registry.kind.${site.kind}`) : ''} · {t('registry.householdCount')}{' '}
                  {site.householdCount} · {t('registry.personCount')} {site.personCount}
                </Link>
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={sites.data.pageSize} total={sites.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
