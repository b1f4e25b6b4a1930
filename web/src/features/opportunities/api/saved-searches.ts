import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api-client.ts';
import { unwrap } from '../../../shared/api-error.ts';
import type { SearchKind } from './search.ts';

export function useSavedSearches() {
  return useQuery({
    queryKey: ['saved-searches'],
    queryFn: async () => unwrap(await api.api['saved-searches'].$get({ query: {} })),
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { index: SearchKind; name: string; params: Record<string, unknown> }) =>
      unwrap(await api.api['saved-searches'].$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.api['saved-searches'][':id'].$delete({ param: { id } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

/** In-app notifications (新岗位提醒) raised by saved searches. */
export function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: async () => unwrap(await api.api.notifications.$get({ query: { pageSize: '50' } })),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.api.notifications[':id'].read.$post({ param: { id } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
