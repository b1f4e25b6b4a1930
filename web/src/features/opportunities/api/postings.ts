import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api-client.ts';
import { unwrap } from '../../../shared/api-error.ts';

export type PostingStatus = 'draft' | 'open' | 'filled' | 'closed';
export type EmploymentType = 'full_time' | 'part_time' | 'home_piecework' | 'public_welfare' | 'labour_export';
export const employmentTypes: EmploymentType[] = [
  'full_time',
  'part_time',
  'home_piecework',
  'public_welfare',
  'labour_export',
];

/** The job fields the portal edits (the API's JobInput). */
export interface JobFields {
  title: string;
  description: string;
  requirements: string;
  requiredSkills: { code: string; minLevel: number }[];
  payMin: number | null;
  payMax: number | null;
  payUnit: 'month' | 'day' | 'hour' | 'piece';
  employmentType: EmploymentType;
  destination: string | null;
  headcount: number;
  address: string | null;
  lat: number | null;
  lng: number | null;
  shuttleSiteIds: string[];
  accommodation: boolean;
  deadline: string | null;
  status?: PostingStatus;
  employerId?: string;
}

export interface Job extends JobFields {
  id: string;
  employerId: string;
  employerName: string;
  employerVerified: boolean;
  status: PostingStatus;
  version: number;
}

/** 状态: what an employer may do next with a posting (draft → open → filled / closed). */
export const nextStatuses: Record<PostingStatus, PostingStatus[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: ['closed'],
  closed: [],
};

export function useEmployerJobs(employerId: string | null | undefined) {
  return useQuery({
    queryKey: ['jobs', 'employer', employerId],
    queryFn: async () =>
      (await unwrap(
        await api.api.jobs.$get({ query: { employerId: employerId as string, pageSize: '100' } as never }),
      )) as unknown as { items: Job[]; total: number },
    enabled: Boolean(employerId),
  });
}

export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['job', id],
    queryFn: async () =>
      (await unwrap(await api.api.jobs[':id'].$get({ param: { id: id as string } }))) as unknown as Job,
    enabled: Boolean(id),
  });
}

/** Posts a new job, or changes one (fields or status). */
export function useSaveJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, fields }: { id?: string; fields: Partial<JobFields> }) =>
      (id
        ? await unwrap(await api.api.jobs[':id'].$patch({ param: { id }, json: fields as never }))
        : await unwrap(await api.api.jobs.$post({ json: fields as never }))) as unknown as Job,
    onSuccess: async (job) => {
      queryClient.setQueryData(['job', job.id], job);
      await queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}

export function usePostingSites(q: string) {
  return useQuery({
    queryKey: ['posting-sites', q],
    queryFn: async () => unwrap(await api.api['posting-sites'].$get({ query: { q: q || undefined } })),
    staleTime: 5 * 60_000,
  });
}
export type PostingSite = NonNullable<ReturnType<typeof usePostingSites>['data']>['items'][number];
