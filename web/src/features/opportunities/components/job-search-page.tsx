import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type JobHit, type JobSearchParams, useJobSearch } from '../api/search-jobs.ts';

/** 找工作: a resident (or their helper) searches jobs near the site, in big, plain chips. */
export function JobSearchPage({ siteId }: { siteId?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [params, setParams] = useState<JobSearchParams>({ q: '', sort: 'relevance' });
  const search = useJobSearch(params);
  const toggle = (patch: Partial<JobSearchParams>) => setParams((current) => ({ ...current, ...patch }));

  const nearMe = () => {
    if (params.radiusKm) return toggle({ radiusKm: undefined, lat: undefined, lng: undefined, sort: 'relevance' });
    navigator.geolocation?.getCurrentPosition((position) =>
      toggle({ lat: position.coords.latitude, lng: position.coords.longitude, radiusKm: 10, sort: 'distance' }),
    );
  };

  return (
    <section className="card" aria-labelledby="job-search-title">
      <h1 id="job-search-title">{t('opportunities.search.title')}</h1>
      <form
        className="search-box"
        aria-label={t('opportunities.search.title')}
        onSubmit={(event) => {
          event.preventDefault();
          toggle({ q: text.trim() });
        }}
      >
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('opportunities.search.placeholder')}
          aria-label={t('opportunities.search.placeholder')}
          data-testid="job-search-input"
        />
        <button type="submit" className="big-button">
          🔍 {t('opportunities.search.go')}
        </button>
      </form>
      <fieldset className="chips" aria-label={t('opportunities.search.filters')}>
        <button type="button" className="chip" aria-pressed={Boolean(params.radiusKm)} onClick={nearMe}>
          📍 {t('opportunities.search.nearMe')}
        </button>
        {siteId && (
          <button
            type="button"
            className="chip"
            aria-pressed={params.shuttleFromSite === siteId}
            onClick={() => toggle({ shuttleFromSite: params.shuttleFromSite ? undefined : siteId })}
          >
            🚌 {t('opportunities.search.shuttle')}
          </button>
        )}
        <button
          type="button"
          className="chip"
          aria-pressed={Boolean(params.accommodation)}
          onClick={() => toggle({ accommodation: !params.accommodation || undefined })}
        >
          🏠 {t('opportunities.search.accommodation')}
        </button>
        <button
          type="button"
          className="chip"
          aria-pressed={params.sort === 'pay'}
          onClick={() => toggle({ sort: params.sort === 'pay' ? 'relevance' : 'pay' })}
        >
          💰 {t('opportunities.search.highPay')}
        </button>
        <button
          type="button"
          className="chip"
          aria-pressed={params.sort === 'newest'}
          onClick={() => toggle({ sort: params.sort === 'newest' ? 'relevance' : 'newest' })}
        >
          🆕 {t('opportunities.search.newest')}
        </button>
      </fieldset>
      {search.isError && <p role="alert">{t('opportunities.search.unavailable')}</p>}
      {search.data && <p>{t('opportunities.search.count', { count: search.data.total })}</p>}
      <ul className="result-list">
        {search.data?.hits.map((hit) => (
          <JobCard key={hit.id} hit={hit} />
        ))}
      </ul>
    </section>
  );
}

function JobCard({ hit }: { hit: JobHit }) {
  const { t } = useTranslation();
  const pay =
    hit.payMin === null
      ? t('opportunities.pay.negotiable')
      : hit.payMax && hit.payMax !== hit.payMin
        ? `${hit.payMin}–${hit.payMax}`
        : String(hit.payMin);
  return (
    <li className="result-card" data-testid="job-card">
      <h2>{hit.title}</h2>
      <p>{hit.employerName}</p>
      <p className="pay">
        💰 {pay} {hit.payMin !== null && t(`opportunities.pay.${hit.payUnit}`)}
      </p>
      <p>
        {hit.distanceKm !== null && <span>📍 {t('opportunities.distance', { km: hit.distanceKm })} </span>}
        {hit.accommodation && <span>🏠 {t('opportunities.search.accommodation')} </span>}
        {hit.shuttleSiteIds.length > 0 && <span>🚌 {t('opportunities.search.shuttle')}</span>}
      </p>
    </li>
  );
}
