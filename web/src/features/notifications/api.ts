import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export function useInbox() {
  return useQuery({
    queryKey: ['notifications', 'inbox'],
    queryFn: async () => unwrap(await api.api.notifications.$get({ query: { pageSize: '50' } })),
  });
}

/** The bell's badge; refreshed every minute while the portal is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => unwrap(await api.api.notifications['unread-count'].$get()),
    enabled,
    refetchInterval: 60_000,
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

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.api.notifications['read-all'].$post()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: ['notification-preferences'],
    queryFn: async () => unwrap(await api.api.notifications.preferences.$get()),
  });
}

export type Preferences = NonNullable<ReturnType<typeof usePreferences>['data']>;

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: Preferences) => unwrap(await api.api.notifications.preferences.$put({ json })),
    onSuccess: (data) => queryClient.setQueryData(['notification-preferences'], data),
  });
}

export function useMyConsent(enabled: boolean) {
  return useQuery({
    queryKey: ['my-consent'],
    queryFn: async () => unwrap(await api.api.me.consent.$get()),
    enabled,
  });
}

export function useSetMyConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (given: boolean) => unwrap(await api.api.me.consent.$post({ json: { given } })),
    onSuccess: (data) => queryClient.setQueryData(['my-consent'], data),
  });
}
