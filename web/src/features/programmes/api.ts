import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

const labour = api.api['labour-export'];
const posts = api.api['welfare-posts'];

/** Sites in the actor's scope, for the 安置点 choice of a new batch, post or workshop. */
export function useSites() {
  return useQuery({
    queryKey: ['programmes', 'sites'],
    queryFn: async () => unwrap(await api.api.sites.$get({ query: { pageSize: '100' } })),
  });
}

/** People in the actor's households by name (at least one character). */
export function usePersonLookup(term: string) {
  return useQuery({
    queryKey: ['programmes', 'person-lookup', term],
    queryFn: async () => unwrap(await api.api.persons.$get({ query: { q: term, pageSize: '10' } })),
    enabled: term.trim().length > 0,
  });
}

// 劳务输出
export function useBatches() {
  return useQuery({
    queryKey: ['programmes', 'batches'],
    queryFn: async () => unwrap(await labour.batches.$get({ query: { pageSize: '50' } })),
  });
}
export type BatchInput = Parameters<typeof labour.batches.$post>[0]['json'];
export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: BatchInput) => unwrap(await labour.batches.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', 'batches'] }),
  });
}
export function useBatch(id: string) {
  return useQuery({
    queryKey: ['programmes', 'batch', id],
    queryFn: async () => unwrap(await labour.batches[':id'].$get({ param: { id } })),
  });
}
export type MemberInput = Parameters<(typeof labour.batches)[':id']['members']['$post']>[0]['json'];
export function useAddMember(batchId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: MemberInput) =>
      unwrap(await labour.batches[':id'].members.$post({ param: { id: batchId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
export function useMember(id: string) {
  return useQuery({
    queryKey: ['programmes', 'member', id],
    queryFn: async () => unwrap(await labour.members[':id'].$get({ param: { id } })),
  });
}
export type FollowupInput = Parameters<(typeof labour.members)[':id']['followups']['$post']>[0]['json'];
export function useRecordFollowup(memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: FollowupInput) =>
      unwrap(await labour.members[':id'].followups.$post({ param: { id: memberId }, json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['programmes'] });
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}
/** An employer account's own labour-export migrants (those of batches bound for its employer). */
export function useEmployerMembers() {
  return useQuery({
    queryKey: ['programmes', 'employer-members'],
    queryFn: async () => unwrap(await labour['employer-members'].$get()),
  });
}

// 公益性岗位
export function useWelfarePosts() {
  return useQuery({
    queryKey: ['programmes', 'posts'],
    queryFn: async () => unwrap(await posts.$get({ query: { pageSize: '100' } })),
  });
}
export type PostInput = Parameters<typeof posts.$post>[0]['json'];
export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: PostInput) => unwrap(await posts.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', 'posts'] }),
  });
}
export function useWelfarePost(id: string) {
  return useQuery({
    queryKey: ['programmes', 'post', id],
    queryFn: async () => unwrap(await posts[':id'].$get({ param: { id } })),
  });
}
export type AssignmentInput = Parameters<(typeof posts)[':id']['assignments']['$post']>[0]['json'];
export function useAssign(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: AssignmentInput) =>
      unwrap(await posts[':id'].assignments.$post({ param: { id: postId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
export function useAssignment(id: string) {
  return useQuery({
    queryKey: ['programmes', 'assignment', id],
    queryFn: async () => unwrap(await posts.assignments[':id'].$get({ param: { id } })),
  });
}
export type RotationInput = Parameters<(typeof posts)['assignments'][':id']['rotate']['$post']>[0]['json'];
export function useRotate(assignmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: RotationInput) =>
      unwrap(await posts.assignments[':id'].rotate.$post({ param: { id: assignmentId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
export function useAssignmentMonths(assignmentId: string | null) {
  return useQuery({
    queryKey: ['programmes', 'assignment-months', assignmentId],
    queryFn: async () => unwrap(await posts.assignments[':id'].months.$get({ param: { id: assignmentId as string } })),
    enabled: assignmentId !== null,
  });
}
export type MonthInput = Parameters<(typeof posts.assignments)[':id']['months']['$put']>[0]['json'];
export function useRecordMonth(assignmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: MonthInput) =>
      unwrap(await posts.assignments[':id'].months.$put({ param: { id: assignmentId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', 'assignment-months', assignmentId] }),
  });
}

// 帮扶车间
export function useWorkshops() {
  return useQuery({
    queryKey: ['programmes', 'workshops'],
    queryFn: async () => unwrap(await api.api.workshops.$get()),
  });
}
export type WorkshopInput = Parameters<typeof api.api.workshops.$post>[0]['json'];
export function useCreateWorkshop() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: WorkshopInput) => unwrap(await api.api.workshops.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', 'workshops'] }),
  });
}
export function useWorkshop(id: string) {
  return useQuery({
    queryKey: ['programmes', 'workshop', id],
    queryFn: async () => unwrap(await api.api.workshops[':id'].$get({ param: { id } })),
  });
}
export function useWorkshopEmployment(id: string) {
  return useQuery({
    queryKey: ['programmes', 'workshop-employment', id],
    queryFn: async () => unwrap(await api.api.workshops[':id'].employment.$get({ param: { id }, query: {} })),
  });
}
export type EmploymentInput = Parameters<(typeof api.api.workshops)[':id']['employment']['$put']>[0]['json'];
export function useRecordEmployment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: EmploymentInput) =>
      unwrap(await api.api.workshops[':id'].employment.$put({ param: { id }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
export type DecisionInput = Parameters<(typeof api.api.workshops)[':id']['decision']['$post']>[0]['json'];
export function useDecideWorkshop(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: DecisionInput) =>
      unwrap(await api.api.workshops[':id'].decision.$post({ param: { id }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}

/** Employers to recognise as a workshop (the admin's review list reads the same endpoint). */
export function useEmployers() {
  return useQuery({
    queryKey: ['programmes', 'employers'],
    queryFn: async () => unwrap(await api.api.employers.$get({ query: { pageSize: '100' } })),
  });
}

// 补贴台账
export function useSubsidies(year: number) {
  return useQuery({
    queryKey: ['programmes', 'subsidies', year],
    queryFn: async () => unwrap(await api.api.subsidies.$get({ query: { year: String(year) } })),
  });
}
export function useSubsidyTotals(year: number) {
  return useQuery({
    queryKey: ['programmes', 'subsidy-totals', year],
    queryFn: async () => unwrap(await api.api.subsidies.totals.$get({ query: { year: String(year) } })),
  });
}
export type SubsidyInput = Parameters<typeof api.api.subsidies.$post>[0]['json'];
export function useCreateSubsidy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: SubsidyInput) => unwrap(await api.api.subsidies.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
export function useAdvanceSubsidy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.api.subsidies[':id'].advance.$post({ param: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes'] }),
  });
}
