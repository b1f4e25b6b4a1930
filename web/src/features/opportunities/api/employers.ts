import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api } from '../../../shared/api-client.ts';
import { unwrap } from '../../../shared/api-error.ts';
import { meQueryKey } from '../../auth/use-me.ts';

export type EmployerInput = InferRequestType<typeof api.api.employers.$post>['json'];

export function useEmployer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['employer', id],
    queryFn: async () => unwrap(await api.api.employers[':id'].$get({ param: { id: id as string } })),
    enabled: Boolean(id),
  });
}
export type Employer = NonNullable<ReturnType<typeof useEmployer>['data']>;

/** Registers the account's employer (then `me` names it) or changes it. */
export function useSaveEmployer(id: string | null | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: EmployerInput) =>
      id
        ? unwrap(await api.api.employers[':id'].$patch({ param: { id }, json }))
        : unwrap(await api.api.employers.$post({ json })),
    onSuccess: async (employer) => {
      queryClient.setQueryData(['employer', employer.id], employer);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useEmployers(filter: {
  verified?: 'true' | 'false';
  reviewStatus?: Employer['reviewStatus'];
  forPosting?: boolean;
  q?: string;
  page: number;
}) {
  return useQuery({
    queryKey: ['employers', filter],
    queryFn: async () =>
      unwrap(
        await api.api.employers.$get({
          query: {
            verified: filter.verified,
            reviewStatus: filter.reviewStatus,
            forPosting: filter.forPosting ? 'true' : undefined,
            q: filter.q || undefined,
            page: String(filter.page),
            pageSize: '20',
          },
        }),
      ),
  });
}

export function useVerifyEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, verified }: { id: string; verified: boolean }) =>
      unwrap(await api.api.employers[':id'].verify.$post({ param: { id }, json: { verified } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['employers'] }),
  });
}

/** 驳回: an admin rejects an employer with the reason it will read. */
export function useRejectEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      unwrap(await api.api.employers[':id'].reject.$post({ param: { id }, json: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['employers'] }),
  });
}

/** A rejected employer, corrected, asks to be reviewed again. */
export function useResubmitEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.api.employers[':id'].resubmit.$post({ param: { id } })),
    onSuccess: (employer) => queryClient.setQueryData(['employer', employer.id], employer),
  });
}
