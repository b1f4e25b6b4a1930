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
