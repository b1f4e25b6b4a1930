import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

/** The scheduled jobs; refreshed every 10 s so a run started by hand shows its outcome. */
export function useJobs() {
  return useQuery({
    queryKey: ['admin-jobs'],
    queryFn: async () => unwrap(await api.api.admin.jobs.$get()),
    refetchInterval: 10_000,
  });
}

export type ScheduledJob = NonNullable<ReturnType<typeof useJobs>['data']>['items'][number];

export function useRunJob() {
  const client = useQueryClient();
  return useMutation({
    // 202, which the typed client's success body does not cover: the shape is the API's JobRunQueued.
    mutationFn: async (name: string) =>
      (await unwrap(await api.api.admin.jobs[':name'].run.$post({ param: { name } }))) as unknown as {
        name: string;
        alreadyWaiting: boolean;
      },
    onSettled: () => client.invalidateQueries({ queryKey: ['admin-jobs'] }),
  });
}
