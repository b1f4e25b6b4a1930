import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export const meQueryKey = ['me'] as const;

/** The session query; web/src/main.tsx starts it before the first render (one round trip sooner). */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async () => {
    const response = await api.api.auth.me.$get();
    if (response.status === 401) return null;
    return unwrap(response);
  },
  staleTime: 60_000,
});

/** The signed-in account, or null when signed out. Every guard and the navigation read it. */
export function useMe() {
  return useQuery(meQuery);
}

export type Me = NonNullable<ReturnType<typeof useMe>['data']>;
export type Role = Me['role'];
