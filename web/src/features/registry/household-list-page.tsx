import { employmentStatuses, laborCapacities, monitoringCategories } from '@anju/domain/enums';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useHouseholds, useResidentSearch } from './api.ts';
import { Pager } from './pager.tsx';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

/** 搬迁户列表 with filters and a quick person search: mount at /registry/households */
export function HouseholdListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const hits = useResidentSearch(searched);
  const filters = {
    siteId: params.get('siteId') ?? undefined,
    monitoringCategory: params.get('monitoringCategory') ?? undefined,
    laborCapacity: params.get('laborCapacity') ?? undefined,
    employmentStatus: params.get('employmentStatus') ?? undefined,
    page: params.get('page') ?? '1',
  };
  const households = useHouseholds(filters);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const select = (key: keyof typeof filters, label: string, values: readonly string[], prefix: string) => (
    <select aria-label={label} value={filters[key] ?? ''} onChange={(e) => set(key, e.target.value)}>
      <option value="">
        {label}: {t('registry.all')}
      </option>
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${prefix}.${v}`)}
        </option>
      ))}
    </select>
  );
  return (
    <section>
      <h1>👪 {t('registry.households')}</h1>
      <form
        className="registry-filters"
        aria-label={t('registry.search')}
        onSubmit={(e) => {
          e.preventDefault();
          // The same words again must ask again: people imported a moment ago may be indexed now.
          if (q === searched) void hits.refetch();
          else setSearched(q);
        }}
      >
        <input
          name="q"
          aria-label={t('registry.search')}
          placeholder={t('registry.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ flex: '1 1 14rem' }}
        />
        <button type="submit" className="registry-button">
          🔍 {t('registry.searchButton')}
        </button>
      </form>
      {searched && hits.data && (
        <ul className="registry-list" data-testid="search-results">
          {hits.data.items.length === 0 && (
            <li>
              {t('registry.noResults')}
              <br />
              <small>{t('registry.noResultsHint')}</small>
            </li>
          )}
          {hits.data.items.map((hit) => (
            <li key={hit.id}>
              <Link to={`/registry/households/${hit.householdId}`}>
                {hit.name} · {hit.householdNumber} · {hit.siteName}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="registry-filters">
        {select('monitoringCategory', t('registry.monitoringCategory'), monitoringCategories, 'registry.monitoring')}
        {select('laborCapacity', t('registry.laborCapacity'), laborCapacities, 'registry.labor')}
        {select('employmentStatus', t('registry.employmentStatus'), employmentStatuses, 'registry.employment')}
      </div>
      {households.isPending ? (
        <p>{t('registry.loading')}</p>
      ) : households.isError ? (
        <QueryError query={households} />
      ) : (
        <>
          <ul className="registry-list">
            {households.data.items.map((h) => (
              <li key={h.id}>
                <Link to={`/registry/households/${h.id}`}>
                  <strong>{h.headName ?? '—'}</strong> · {h.householdNumber} · {h.memberCount} 👤
                  <br />
                  <small>
                    {h.siteName} {[h.building, h.unit, h.room].filter(Boolean).join('-')}
                  </small>{' '}
                  {h.monitoringCategory !== 'none' && (
                    <span className="registry-badge">{t(`registry.monitoring.${h.monitoringCategory}`)}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
          <Pager
            page={households.data.page}
            pageSize={households.data.pageSize}
            total={households.data.total}
            onPage={(p) => set('page', String(p))}
          />
        </>
      )}
    </section>
  );
}
