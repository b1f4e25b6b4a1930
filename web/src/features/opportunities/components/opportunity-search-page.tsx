import { CarOutlined, EnvironmentOutlined, HomeOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/use-me.ts';
import { useSaveSearch } from '../api/saved-searches.ts';
import { type SearchKind, type SearchParams, type SortOrder, savedParamsOf, useSearch } from '../api/search.ts';
import { ResultCard } from './result-card.tsx';
import '../opportunities.css';
import { QueryError } from '../../../shared/query-error.tsx';

const radii = [5, 10, 20, 50];
const payFloors = [2000, 3000, 4000, 5000];
/** The facet whose counts become the "type" chips, per index. */
const kindFacet: Partial<Record<SearchKind, { facet: string; prefix: string }>> = {
  jobs: { facet: 'employmentType', prefix: 'opportunities.employmentType' },
  projects: { facet: 'kind', prefix: 'opportunities.projectKind' },
};
const copy: Record<SearchKind, { title: string; placeholder: string }> = {
  jobs: { title: 'opportunities.search.title', placeholder: 'opportunities.search.placeholder' },
  trainings: { title: 'opportunities.search.trainingTitle', placeholder: 'opportunities.search.trainingPlaceholder' },
  projects: { title: 'opportunities.search.projectTitle', placeholder: 'opportunities.search.projectPlaceholder' },
};

/**
 * 找工作 / 学技能 / 产业项目: a resident (or their helper) searches near their site by default, with
 * big chips for the filters that matter on a phone, type counts, and matches highlighted.
 */
export function OpportunitySearchPage({ kind }: { kind: SearchKind }) {
  const { t } = useTranslation();
  const site = useMe().data?.homeSite ?? null;
  const located = site?.lat != null && site.lng != null;
  const [text, setText] = useState('');
  const [params, setParams] = useState<SearchParams>(() => ({
    q: '',
    sort: 'relevance',
    page: 1,
    ...(located ? { lat: site.lat as number, lng: site.lng as number, radiusKm: 20 } : {}),
  }));
  const search = useSearch(kind, params);
  const save = useSaveSearch();
  const change = (patch: Partial<SearchParams>) => {
    save.reset();
    setParams((current) => ({ ...current, page: 1, ...patch }));
  };
  const near = params.radiusKm !== undefined;
  const toggleNear = () =>
    near
      ? change({
          lat: undefined,
          lng: undefined,
          radiusKm: undefined,
          sort: params.sort === 'distance' ? 'relevance' : params.sort,
        })
      : change({ lat: site?.lat ?? undefined, lng: site?.lng ?? undefined, radiusKm: 20 });
  const facet = kindFacet[kind];
  const facetCounts = facet ? (search.data?.facets[facet.facet] ?? {}) : {};
  const sorts: SortOrder[] = located ? ['relevance', 'distance', 'pay', 'newest'] : ['relevance', 'pay', 'newest'];
  const sortLabels = kind === 'trainings' ? 'opportunities.search.trainingSorts' : 'opportunities.search.sorts';
  const where =
    near && site ? t('opportunities.search.nearSite', { site: site.name }) : t('opportunities.search.everywhere');

  return (
    <section className="opps-page" aria-labelledby="opps-search-title">
      <h1 id="opps-search-title">
        <SearchOutlined aria-hidden="true" /> {t(copy[kind].title)}
      </h1>
      <form
        className="search-box"
        aria-label={t(copy[kind].title)}
        onSubmit={(event) => {
          event.preventDefault();
          change({ q: text.trim() });
        }}
      >
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t(copy[kind].placeholder)}
          aria-label={t(copy[kind].placeholder)}
          data-testid="search-input"
        />
        <button type="submit" className="big-button">
          {t('opportunities.search.go')}
        </button>
      </form>
      {!site && <p className="opps-note">{t('opportunities.search.noSite')}</p>}
      <fieldset className="chips" aria-label={t('opportunities.search.filters')}>
        {located && site && (
          <button type="button" className="chip" aria-pressed={near} onClick={toggleNear}>
            <EnvironmentOutlined aria-hidden="true" /> {t('opportunities.search.nearSite', { site: site.name })}
          </button>
        )}
        {near && (
          <select
            className="chip"
            aria-label={t('opportunities.search.radius', { km: params.radiusKm })}
            value={params.radiusKm}
            onChange={(event) => change({ radiusKm: Number(event.target.value) })}
          >
            {radii.map((km) => (
              <option key={km} value={km}>
                {t('opportunities.search.radius', { km })}
              </option>
            ))}
          </select>
        )}
        {site && kind !== 'trainings' && (
          <button
            type="button"
            className="chip"
            aria-pressed={params.shuttleFromSite === site.id}
            onClick={() => change({ shuttleFromSite: params.shuttleFromSite ? undefined : site.id })}
          >
            <CarOutlined aria-hidden="true" />{' '}
            {kind === 'jobs' ? t('opportunities.search.shuttle', { site: site.name }) : site.name}
          </button>
        )}
        {kind === 'jobs' && (
          <button
            type="button"
            className="chip"
            aria-pressed={Boolean(params.accommodation)}
            onClick={() => change({ accommodation: params.accommodation ? undefined : true })}
          >
            <HomeOutlined aria-hidden="true" /> {t('opportunities.search.accommodation')}
          </button>
        )}
        {kind === 'trainings' && (
          <button
            type="button"
            className="chip"
            aria-pressed={Boolean(params.subsidyEligible)}
            onClick={() => change({ subsidyEligible: params.subsidyEligible ? undefined : true })}
          >
            🎓 {t('opportunities.search.subsidy')}
          </button>
        )}
        {kind !== 'trainings' && (
          <select
            className="chip"
            aria-label={t('opportunities.search.payMin')}
            value={params.payMin ?? ''}
            onChange={(event) => change({ payMin: event.target.value ? Number(event.target.value) : undefined })}
          >
            <option value="">💰 {t('opportunities.search.payAny')}</option>
            {payFloors.map((pay) => (
              <option key={pay} value={pay}>
                💰 {t('opportunities.search.payAtLeast', { pay })}
              </option>
            ))}
          </select>
        )}
        <select
          className="chip"
          aria-label={t('opportunities.search.sort')}
          value={params.sort}
          onChange={(event) => change({ sort: event.target.value as SortOrder })}
        >
          {sorts.map((sort) => (
            <option key={sort} value={sort}>
              ↕ {t(`${sortLabels}.${sort}`)}
            </option>
          ))}
        </select>
      </fieldset>
      {facet && (
        <fieldset className="chips" aria-label={t('opportunities.search.kind')}>
          <button
            type="button"
            className="chip"
            aria-pressed={!params.kind}
            onClick={() => change({ kind: undefined })}
          >
            {t('opportunities.search.anyKind')}
          </button>
          {Object.entries(facetCounts).map(([value, count]) => (
            <button
              type="button"
              key={value}
              className="chip"
              aria-pressed={params.kind === value}
              onClick={() => change({ kind: params.kind === value ? undefined : value })}
            >
              {t(`${facet.prefix}.${value}`)} ({count})
            </button>
          ))}
        </fieldset>
      )}
      <QueryError query={search} message={t('opportunities.search.unavailable')} />
      {search.data && (
        <p role="status" data-testid="search-count">
          {t('opportunities.search.count', { count: search.data.total })}
        </p>
      )}
      {search.data?.total === 0 && <p>{t('opportunities.search.none')}</p>}
      <ul className="result-list" data-testid="search-results">
        {search.data?.hits.map((hit) => (
          <ResultCard key={hit.id} kind={kind} hit={hit} />
        ))}
      </ul>
      {search.data && search.data.total > search.data.page * search.data.pageSize && (
        <button type="button" className="big-button" onClick={() => setParams({ ...params, page: params.page + 1 })}>
          {t('opportunities.search.more')}
        </button>
      )}
      {params.page > 1 && (
        <button type="button" className="big-button" onClick={() => setParams({ ...params, page: params.page - 1 })}>
          {t('opportunities.search.previous')}
        </button>
      )}
      <div className="opps-save">
        <button
          type="button"
          className="big-button"
          disabled={save.isPending || save.isSuccess}
          onClick={() =>
            save.mutate({
              index: kind,
              name: t('opportunities.search.savedName', { q: params.q || t('opportunities.search.allWork'), where }),
              params: savedParamsOf(params),
            })
          }
        >
          <StarOutlined aria-hidden="true" /> {t('opportunities.search.save')}
        </button>
        {save.isSuccess && <p role="status">{t('opportunities.search.saved')}</p>}
        {save.isError && <p role="alert">{t('common.error')}</p>}
      </div>
    </section>
  );
}
