import { distanceKm, type GeoPoint } from '@anju/domain/geo';
import { coverCircle } from '@anju/domain/geo-cells';
import type { SearchParams, SearchResponse } from 'meilisearch';
import { cellFilter, type GeoQuery, type SearchQuery } from './search-query.ts';

/** What a search answers before the route shapes each hit. */
export interface SearchOutcome {
  hits: Record<string, unknown>[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

/** The most positions one pass reads: Meilisearch's own cap on reachable hits (pagination.maxTotalHits). */
export const MAX_POSITIONS = 5000;
/** Without a radius, distance order looks this far first, then farther until the page is full. */
const RINGS_KM = [20, 100, 500];

/** One index's search (Search.searchIn with the index's uid). */
export type IndexSearch = (params: SearchParams & { q: string }) => Promise<SearchResponse<Record<string, unknown>>>;

interface Position {
  id: string;
  km: number;
}

const idFilter = (ids: string[], not = false) =>
  `id ${not ? 'NOT IN' : 'IN'} [${ids.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(', ')}]`;

/** The id and distance of every match of `filter` (at most MAX_POSITIONS), nearest first. */
async function positions(search: IndexSearch, q: string, filter: string[], point: GeoPoint): Promise<Position[]> {
  const result = await search({ q, filter, limit: MAX_POSITIONS, attributesToRetrieve: ['id', '_geo'] });
  return (result.hits as { id: string; _geo?: GeoPoint }[])
    .map((hit) => ({ id: hit.id, km: hit._geo ? distanceKm(point, hit._geo) : Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const outcomeOf = (result: {
  hits: Record<string, unknown>[];
  totalHits?: number;
  facetDistribution?: unknown;
}): SearchOutcome => ({
  hits: result.hits,
  total: result.totalHits ?? 0,
  facets: (result.facetDistribution ?? {}) as Record<string, Record<string, number>>,
});

/**
 * Runs a resident's search (params from buildSearch) with the exact radius and distance order.
 * Meilisearch filters by grid cells (search-query.ts `geoOf`); postings in the border cells of the
 * circle are checked one by one, and those beyond the radius excluded by id, so that the page,
 * the total and the facet counts are those of the circle itself. Distance order: the positions of
 * the matches (within the radius, or within growing rings until the page is full), sorted here,
 * and the page's postings fetched by id with their highlights.
 */
export async function runSearch(
  search: IndexSearch,
  query: SearchQuery,
  params: SearchParams & { q: string },
  geo: GeoQuery | undefined,
): Promise<SearchOutcome> {
  const filter = (params.filter ?? []) as string[];
  const cover = geo?.cover;
  const cells = cover ? cellFilter([...cover.inner, ...cover.border]) : undefined;
  const base = filter.filter((part) => part !== cells);
  if (!geo || (query.sort !== 'distance' && !cover)) return outcomeOf(await search(params));

  if (query.sort !== 'distance' && cover && geo.radiusKm !== undefined) {
    const radiusKm = geo.radiusKm;
    const edge = cover.border.length
      ? await positions(search, params.q, [...base, cellFilter(cover.border)], geo.point)
      : [];
    const beyond = edge.filter((p) => p.km > radiusKm).map((p) => p.id);
    const exact = beyond.length ? [...filter, idFilter(beyond, true)] : filter;
    return outcomeOf(await search({ ...params, filter: exact }));
  }

  // Distance order: the matches' positions, nearest first.
  let nearest: Position[] = [];
  let facetFilter = base;
  if (geo.radiusKm !== undefined && cells) {
    const radiusKm = geo.radiusKm;
    const all = await positions(search, params.q, filter, geo.point);
    nearest = all.filter((p) => p.km <= radiusKm);
    const beyond = all.filter((p) => p.km > radiusKm).map((p) => p.id);
    facetFilter = beyond.length ? [...filter, idFilter(beyond, true)] : filter;
  } else {
    const wanted = query.page * query.pageSize;
    for (const radiusKm of [...RINGS_KM, undefined]) {
      if (radiusKm === undefined) {
        nearest = await positions(search, params.q, base, geo.point);
        break;
      }
      const ring = coverCircle(geo.point, radiusKm);
      const found = await positions(
        search,
        params.q,
        [...base, cellFilter([...ring.inner, ...ring.border])],
        geo.point,
      );
      nearest = found.filter((p) => p.km <= radiusKm);
      if (nearest.length >= wanted) break;
    }
  }
  const pageIds = nearest.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map((p) => p.id);
  const { page: _page, hitsPerPage: _hitsPerPage, facets, ...display } = params;
  const [counted, shown] = await Promise.all([
    search({ q: params.q, filter: facetFilter, facets, page: 1, hitsPerPage: 0 }),
    pageIds.length
      ? search({ ...display, q: params.q, filter: [...base, idFilter(pageIds)], limit: pageIds.length })
      : Promise.resolve({ hits: [] as Record<string, unknown>[] }),
  ]);
  const byId = new Map<string, Record<string, unknown>>(shown.hits.map((hit) => [String(hit.id), hit]));
  return {
    hits: pageIds.flatMap<Record<string, unknown>>((id) => byId.get(id) ?? []),
    total: counted.totalHits ?? 0,
    facets: (counted.facetDistribution ?? {}) as Record<string, Record<string, number>>,
  };
}
