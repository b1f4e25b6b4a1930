import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export const meQueryKey = ['me'] as const;

/**
 * "Connected but no internet": the phone reports a connection, requests hang. Without an answer in
 * this time the session check gives up, and the shell opens the phone's kept 今日走访 as it does
 * without signal (issue 22). Generous: the answer is a few hundred bytes even on a slow phone.
 */
const ME_TIMEOUT_MS = 8000;

/** No answer from the network (fetch failed, or the timeout above): not a signed-out session. */
export const isNoSignal = (error: unknown) =>
  error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError');

/** The session query; web/src/main.tsx starts it before the first render (one round trip sooner). */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async ({ signal }) => {
    const response = await api.api.auth.me.$get(undefined, {
      init: { signal: AbortSignal.any([signal, AbortSignal.timeout(ME_TIMEOUT_MS)]) },
    });
    if (response.status === 401) return null;
    return unwrap(response);
  },
  // A hung network is not asked a second time: the shell goes offline at once.
  retry: (failures, error) => failures < 1 && !(error instanceof DOMException && error.name === 'TimeoutError'),
  staleTime: 60_000,
});

/** The signed-in account, or null when signed out. Every guard and the navigation read it. */
export function useMe() {
  return useQuery(meQuery);
}

export type Me = NonNullable<ReturnType<typeof useMe>['data']>;
export type Role = Me['role'];
