import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export const meQueryKey = ['me'] as const;

/** The signed-in account, or null when signed out. Every guard and the navigation read it. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => {
      const response = await api.api.auth.me.$get();
      if (response.status === 401) return null;
      return unwrap(response);
    },
    staleTime: 60_000,
  });
}

export type Me = NonNullable<ReturnType<typeof useMe>['data']>;
export type Role = Me['role'];
