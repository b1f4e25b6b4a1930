import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

/** Active workers or helpers whose sites overlap the signed-in worker's (all, for an admin). */
export function useStaff(role: 'worker' | 'helper', enabled = true) {
  return useQuery({
    queryKey: ['staff', role],
    queryFn: async () => unwrap(await api.api.users.staff.$get({ query: { role } })),
    enabled,
    staleTime: 60_000,
  });
}

export function useHelperAssignments(householdId: string) {
  return useQuery({
    queryKey: ['helper-assignments', householdId],
    queryFn: async () => unwrap(await api.api['helper-assignments'].$get({ query: { householdId } })),
  });
}

export function useAssignHelper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: { helperId: string; householdIds: string[] }) =>
      unwrap(await api.api['helper-assignments'].$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['helper-assignments'] }),
  });
}

export function useUnassignHelper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (param: { helperId: string; householdId: string }) => {
      const response = await api.api['helper-assignments'][':helperId'][':householdId'].$delete({ param });
      if (!response.ok) await unwrap(response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['helper-assignments'] }),
  });
}

/** 帮扶责任人 of one household, through the household's own update (with the version read). */
export function useSetResponsibleWorker(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: { version: number; responsibleWorkerId: string }) =>
      unwrap(await api.api.households[':id'].$patch({ param: { id: householdId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['household', householdId] }),
  });
}

export function useHandOver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: { fromWorkerId: string; toWorkerId: string }) =>
      unwrap(await api.api.households['hand-over'].$post({ json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['households'] });
      void queryClient.invalidateQueries({ queryKey: ['household'] });
    },
  });
}

const ID_NUMBER = /^\d{17}[\dXx]$/;

/** People in the caller's households by name, or by full ID number (matched by its keyed hash). */
export function usePersonLookup(term: string) {
  const query = ID_NUMBER.test(term) ? { idNumber: term, pageSize: '10' } : { q: term, pageSize: '10' };
  return useQuery({
    queryKey: ['person-lookup', term],
    queryFn: async () => unwrap(await api.api.persons.$get({ query: query })),
    enabled: term.length > 0,
  });
}

export function useLinkPerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, personId }: { userId: string; personId: string | null }) =>
      unwrap(
        await (personId
          ? api.api.users[':id'].person.$put({ param: { id: userId }, json: { personId } })
          : api.api.users[':id'].person.$delete({ param: { id: userId } })),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
