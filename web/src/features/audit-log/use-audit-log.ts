import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export interface AuditFilters {
  page: number;
  pageSize: number;
  userId?: string;
  action?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit-log', filters],
    queryFn: async () => {
      const query = Object.fromEntries(
        Object.entries(filters)
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([key, value]) => [key, String(value)]),
      );
      return unwrap(await api.api['audit-log'].$get({ query: query }));
    },
    placeholderData: keepPreviousData,
  });
}

export type AuditEntry = NonNullable<ReturnType<typeof useAuditLog>['data']>['items'][number];
