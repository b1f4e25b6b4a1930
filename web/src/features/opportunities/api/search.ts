import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json.ts';

export type SearchKind = 'jobs' | 'trainings' | 'projects';
export type SortOrder = 'relevance' | 'pay' | 'distance' | 'newest';

/** The query of GET /api/search/{kind}; a saved search stores the same (without paging and sort). */
export interface SearchParams {
  q: string;
  lat?: number;
  lng?: number;
  radiusKm?: number;
  shuttleFromSite?: string;
  payMin?: number;
  kind?: string;
  accommodation?: boolean;
  subsidyEligible?: boolean;
  sort: SortOrder;
  page: number;
}

/**
 * One hit; fields differ by kind, so the ones a card shows are optional. The API sends these and
 * no others (`hitFields` in api/src/opportunities/search-query.ts); the description comes only
 * cropped and highlighted, in `_formatted`.
 */
export interface SearchHit {
  id: string;
  title: string;
  employerName: string;
  kind?: string;
  payMin?: number | null;
  payMax?: number | null;
  payUnit?: string;
  incomeUnit?: string;
  accommodation?: boolean;
  shuttleSiteIds?: string[];
  deadline?: string | null;
  startDate?: string | null;
  certificate?: string | null;
  schedule?: string | null;
  seats?: number;
  cost?: number;
  subsidyEligible?: boolean;
  childcare?: boolean;
  participationModes?: string[];
  distanceKm: number | null;
  _formatted?: { title?: string; description?: string; employerName?: string };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, Record<string, number>>;
}

/** The saved-search form of the parameters: strings as the query string carries them. */
export function savedParamsOf(params: SearchParams): Record<string, string | number | boolean> {
  const { sort: _sort, page: _page, ...rest } = params;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== ''));
}

export function searchUrl(kind: SearchKind, params: SearchParams): string {
  const query = new URLSearchParams({ sort: params.sort, page: String(params.page), pageSize: '20' });
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || key === 'sort' || key === 'page') continue;
    query.set(key, String(value));
  }
  return `/api/search/${kind}?${query}`;
}

export function useSearch(kind: SearchKind, params: SearchParams) {
  return useQuery({
    queryKey: ['search', kind, params],
    queryFn: () => fetchJson<SearchResult>(searchUrl(kind, params)),
    placeholderData: keepPreviousData,
    retry: 1,
  });
}
