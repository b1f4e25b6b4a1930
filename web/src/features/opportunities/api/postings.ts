import type { EmploymentType, PostingStatus } from '@anju/domain/enums';
import type { JobSchedule, PhysicalFact } from '@anju/domain/work-facts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api-client.ts';
import { unwrap } from '../../../shared/api-error.ts';

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
  /** 班次: any one listed is a way to do the job. */
  schedule?: JobSchedule[];
  hoursPerWeek?: number | null;
  /** A piece rate's usual pieces a month, and a fast worker's: the monthly pay range. */
  piecesPerMonth?: number | null;
  piecesPerMonthMax?: number | null;
  /** 送料上门: take-home work with materials brought to the site. */
  materialsDelivered?: boolean;
  /** 公益性岗位 */
  publicWelfare?: boolean;
  /** 持证上岗 for this job */
  certificateRequired?: boolean;
  physicalDemand?: 'light' | 'medium' | 'heavy' | null;
  demands?: PhysicalFact[];
}

export type Job = JobFields & Saved;

/** The three kinds of posting, as the API names them: 岗位, 技能培训, 产业项目. */
export type PostingKind = 'jobs' | 'trainings' | 'projects';
export const postingKinds: PostingKind[] = ['jobs', 'trainings', 'projects'];

/** The training-course fields the portal edits (the API's TrainingInput). */
export interface TrainingFields {
  title: string;
  description: string;
  requirements: string;
  skillsTaught: { code: string; level: number }[];
  certificate: string | null;
  schedule: string | null;
  startDate: string | null;
  endDate: string | null;
  seats: number;
  cost: number;
  subsidyEligible: boolean;
  childcare: boolean;
  address: string | null;
  lat: number | null;
  lng: number | null;
  deadline: string | null;
  status?: PostingStatus;
  employerId?: string;
}

export const projectKinds = [
  'planting',
  'livestock',
  'processing',
  'tourism',
  'workshop',
  'pv',
  'ecommerce',
  'other',
] as const;
export const participationModes = ['wage', 'shareholding', 'contracting'] as const;

/** The industry-project fields the portal edits (the API's ProjectInput). */
export interface ProjectFields {
  title: string;
  description: string;
  requirements: string;
  kind: (typeof projectKinds)[number];
  siteIds: string[];
  requiredSkills: { code: string; minLevel: number }[];
  positions: number;
  participationModes: (typeof participationModes)[number][];
  expectedIncomeMin: number | null;
  expectedIncomeMax: number | null;
  incomeUnit: 'month' | 'year';
  address: string | null;
  lat: number | null;
  lng: number | null;
  startDate: string | null;
  deadline: string | null;
  status?: PostingStatus;
  employerId?: string;
}

interface Saved {
  id: string;
  employerId: string;
  employerName: string;
  employerVerified: boolean;
  status: PostingStatus;
  version: number;
  /** In the employer's own list: applications received and how many are still new (the API counts them). */
  applicationCount?: number | null;
  newApplicationCount?: number | null;
}
export type Training = TrainingFields & Saved;
export type Project = ProjectFields & Saved;
export type Posting = Job | Training | Project;
export type PostingFields = JobFields | TrainingFields | ProjectFields;

/** 状态: what an employer may do next with a posting (draft → open → filled / closed). */
export const nextStatuses: Record<PostingStatus, PostingStatus[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: ['closed'],
  closed: [],
};

// The three resources share one shape of routes; the typed client differs only in the body type.
const endpoints = (kind: PostingKind) => api.api[kind as 'jobs'];

export function useEmployerPostings(kind: PostingKind, employerId: string | null | undefined) {
  return useQuery({
    queryKey: [kind, 'employer', employerId],
    queryFn: async () =>
      (await unwrap(
        await endpoints(kind).$get({ query: { employerId: employerId as string, pageSize: '100' } }),
      )) as unknown as { items: Posting[]; total: number },
    enabled: Boolean(employerId),
  });
}

export function usePosting(kind: PostingKind, id: string | undefined) {
  return useQuery({
    queryKey: [kind, 'one', id],
    queryFn: async () =>
      (await unwrap(await endpoints(kind)[':id'].$get({ param: { id: id as string } }))) as unknown as Posting,
    enabled: Boolean(id),
  });
}

/** Posts a new job, course or project, or changes one (fields or status). */
export function useSavePosting(kind: PostingKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, fields }: { id?: string; fields: Partial<PostingFields> }) =>
      (id
        ? await unwrap(await endpoints(kind)[':id'].$patch({ param: { id }, json: fields }))
        : await unwrap(await endpoints(kind).$post({ json: fields }))) as unknown as Posting,
    onSuccess: async (posting) => {
      queryClient.setQueryData([kind, 'one', posting.id], posting);
      await queryClient.invalidateQueries({ queryKey: [kind] });
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
