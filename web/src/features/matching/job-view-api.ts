import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

/** 岗位详情 as one person sees it: pay a month, place, why it fits, what is lacking, the course. */
export function useJobView(personId: string | undefined, jobId: string) {
  return useQuery({
    queryKey: ['job-view', personId, jobId],
    enabled: Boolean(personId),
    queryFn: async () =>
      unwrap(await api.api.persons[':id'].jobs[':jobId'].$get({ param: { id: personId as string, jobId } })),
  });
}
export type JobView = NonNullable<ReturnType<typeof useJobView>['data']>;

/** The people a helper (or worker) may act for, to choose whom a job page is read and applied for. */
export function usePeopleToActFor(enabled: boolean) {
  return useQuery({
    queryKey: ['persons', 'act-for'],
    enabled,
    queryFn: async () => unwrap(await api.api.persons.$get({ query: { pageSize: '200', sort: 'name' } })),
  });
}
