import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api } from '../../shared/api-client.ts';
import { ApiError, unwrap } from '../../shared/api-error.ts';

export function useRegions(includeRetired: boolean) {
  return useQuery({
    queryKey: ['regions', includeRetired],
    queryFn: async () =>
      unwrap(await api.api.regions.$get({ query: { includeRetired: String(includeRetired) as 'true' } })),
  });
}

export type Region = NonNullable<ReturnType<typeof useRegions>['data']>['items'][number];
export type NewRegion = InferRequestType<typeof api.api.regions.$post>['json'];
export type RegionChange = InferRequestType<(typeof api.api.regions)[':id']['$patch']>['json'];

function useRegionMutation<T, R>(run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['regions'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts', 'assignable-regions'] });
    },
  });
}

export const useCreateRegion = () =>
  useRegionMutation(async (json: NewRegion) => unwrap(await api.api.regions.$post({ json })));

export type NewSite = InferRequestType<typeof api.api.sites.$post>['json'];

/** A site (安置点) is a region with its own facts: created through the sites endpoint. */
export const useCreateSite = () =>
  useRegionMutation(async (json: NewSite) => unwrap(await api.api.sites.$post({ json })));

export const useChangeRegion = () =>
  useRegionMutation(async ({ id, json }: { id: string; json: RegionChange }) =>
    unwrap(await api.api.regions[':id'].$patch({ param: { id }, json })),
  );

export const useRetireRegion = () =>
  useRegionMutation(async (id: string) => unwrap(await api.api.regions[':id'].retire.$post({ param: { id } })));

export interface RegionImportReport {
  dryRun: boolean;
  committed: boolean;
  rowCount: number;
  created: number;
  renamed: number;
  unchanged: number;
  rejected: { row: number; column: string; reason: string }[];
}

/** Multipart upload (the typed client speaks JSON only); a 422 still carries the report. */
export async function uploadRegions(file: File, dryRun: boolean): Promise<RegionImportReport> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`/api/regions/import?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok || response.status === 422) return body as RegionImportReport;
  throw new ApiError(response.status, body, null);
}
