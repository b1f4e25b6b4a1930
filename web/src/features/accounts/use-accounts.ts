import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export interface AccountFilters {
  page: number;
  pageSize: number;
  q?: string;
}

export function useAccounts(filters: AccountFilters) {
  return useQuery({
    queryKey: ['accounts', filters],
    queryFn: async () =>
      unwrap(
        await api.api.users.$get({
          query: { page: String(filters.page), pageSize: String(filters.pageSize), q: filters.q || undefined },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export type Account = NonNullable<ReturnType<typeof useAccounts>['data']>['items'][number];

export function useAssignableRegions() {
  return useQuery({
    queryKey: ['accounts', 'assignable-regions'],
    queryFn: async () => unwrap(await api.api.users['assignable-regions'].$get()),
    staleTime: 5 * 60_000,
  });
}

export type NewAccount = InferRequestType<typeof api.api.users.$post>['json'];

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: NewAccount) => unwrap(await api.api.users.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useSetAccountStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, enabled }: { id: string; enabled: boolean }) => {
      const route = api.api.users[':id'];
      return unwrap(await (enabled ? route.enable.$post({ param: { id } }) : route.disable.$post({ param: { id } })));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useIssueSetupCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, residentRequest }: { id: string; residentRequest?: string }) =>
      unwrap(await api.api.users[':id']['setup-code'].$post({ param: { id }, json: { residentRequest } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
