import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json.ts';

export interface JobSearchParams {
  q: string;
  lat?: number;
  lng?: number;
  radiusKm?: number;
  accommodation?: boolean;
  shuttleFromSite?: string;
  sort: 'relevance' | 'pay' | 'distance' | 'newest';
}

export interface JobHit {
  id: string;
  title: string;
  employerName: string;
  payMin: number | null;
  payMax: number | null;
  payUnit: 'month' | 'day' | 'hour' | 'piece';
  accommodation: boolean;
  shuttleSiteIds: string[];
  distanceKm: number | null;
  _formatted?: { title?: string };
}

export interface JobSearchResult {
  hits: JobHit[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

export function jobSearchUrl(params: JobSearchParams): string {
  const query = new URLSearchParams({ q: params.q, sort: params.sort, pageSize: '20' });
  if (params.lat !== undefined && params.lng !== undefined) {
    query.set('lat', String(params.lat));
    query.set('lng', String(params.lng));
  }
  if (params.radiusKm) query.set('radiusKm', String(params.radiusKm));
  if (params.accommodation) query.set('accommodation', 'true');
  if (params.shuttleFromSite) query.set('shuttleFromSite', params.shuttleFromSite);
  return `/api/search/jobs?${query}`;
}

export function useJobSearch(params: JobSearchParams) {
  return useQuery({
    queryKey: ['search', 'jobs', params],
    queryFn: () => fetchJson<JobSearchResult>(jobSearchUrl(params)),
    placeholderData: keepPreviousData,
  });
}
