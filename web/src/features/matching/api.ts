import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

export type OpportunityKind = 'job' | 'training' | 'project';

/** 为你推荐: the person's best jobs, courses or projects, each with its reasons. */
export function useMatches(personId: string, kind: OpportunityKind, limit = 5) {
  return useQuery({
    queryKey: ['matches', personId, kind, limit],
    queryFn: async () =>
      unwrap(
        await api.api.persons[':id'].matches.$get({
          param: { id: personId },
          query: { kind, limit: String(limit) },
        }),
      ),
  });
}
export type Match = NonNullable<ReturnType<typeof useMatches>['data']>['items'][number];
export type Reason = Match['reasons'][number];

/** Skill-gap pathways: the few skills that would open the most jobs nearby. */
export function usePathways(personId: string) {
  return useQuery({
    queryKey: ['pathways', personId],
    queryFn: async () => unwrap(await api.api.persons[':id'].pathways.$get({ param: { id: personId } })),
  });
}
export type Pathway = NonNullable<ReturnType<typeof usePathways>['data']>['items'][number];

/** Applications the caller may see, optionally of one person or to one posting. */
export function useApplications(query: { personId?: string; kind?: OpportunityKind; opportunityId?: string }) {
  return useQuery({
    queryKey: ['applications', query],
    queryFn: async () => unwrap(await api.api.applications.$get({ query: { ...query, pageSize: '100' } })),
  });
}
export type ApplicationRow = NonNullable<ReturnType<typeof useApplications>['data']>['items'][number];
export type ApplicationState = ApplicationRow['state'];

/** Apply to a job, enrol in a course or join a project, for oneself or (helper, worker) for a resident. */
export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { kind: OpportunityKind; opportunityId: string; personId: string }) =>
      unwrap(await api.api.applications.$post({ json: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['applications'] }),
  });
}

/**
 * Move an application one step. No version is sent: the state machine judges the move against the
 * current state, so a click on a page someone else has since changed is refused only when illegal.
 * A course completed with its certificate (结业发证) sends the certificate, which goes on the skill.
 */
export function useMoveApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string; state: ApplicationState; certificate?: string }) =>
      unwrap(
        await api.api.applications[':id'].transitions.$post({
          param: { id: input.id },
          json: { state: input.state, certificate: input.certificate },
        }),
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['applications'] });
      void client.invalidateQueries({ queryKey: ['application-steps'] });
      void client.invalidateQueries({ queryKey: ['candidates'] });
      void client.invalidateQueries({ queryKey: ['household'] });
    },
  });
}

/** Each step of one application, timestamped (fetched when someone opens 经过). */
export function useApplicationSteps(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['application-steps', id],
    enabled,
    queryFn: async () => unwrap(await api.api.applications[':id'].$get({ param: { id } })),
  });
}

/** Ranked candidates for one of the employer's jobs (masked, no household income). */
export function useCandidates(jobId: string | undefined) {
  return useQuery({
    queryKey: ['candidates', jobId],
    enabled: Boolean(jobId),
    queryFn: async () =>
      unwrap(await api.api.jobs[':id'].candidates.$get({ param: { id: jobId as string }, query: { limit: '50' } })),
  });
}
export type Candidate = NonNullable<ReturnType<typeof useCandidates>['data']>['items'][number];

/** The provider's own postings of one kind (drafts included), to pick one and see who applied. */
export function useOwnPostings(kind: OpportunityKind, employerId: string | null | undefined) {
  return useQuery({
    queryKey: ['postings', 'own', kind, employerId],
    enabled: Boolean(employerId),
    queryFn: async () => {
      const query = { employerId: employerId as string, pageSize: '100' };
      const page =
        kind === 'job'
          ? await unwrap(await api.api.jobs.$get({ query }))
          : kind === 'training'
            ? await unwrap(await api.api.trainings.$get({ query }))
            : await unwrap(await api.api.projects.$get({ query }));
      return page.items.map((posting) => ({ id: posting.id, title: posting.title, status: posting.status }));
    },
  });
}
