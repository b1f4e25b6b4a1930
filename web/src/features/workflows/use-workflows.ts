import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

const household = api.api.households[':id'];
const workflow = api.api.workflows[':id'];

export type StartJson = Parameters<(typeof household)['workflows']['$post']>[0]['json'];
export type CompleteJson = Parameters<(typeof workflow)['steps'][':stepKey']['$post']>[0]['json'];

/** A household's workflows with their trails. */
export function useHouseholdWorkflows(id: string) {
  return useQuery({
    queryKey: ['workflows', 'household', id],
    queryFn: async () => unwrap(await household.workflows.$get({ param: { id } })),
  });
}

/** 待办流程: open workflows in scope, the overdue first (the API orders them). */
export function useOpenWorkflows(overdue: boolean, page: number) {
  return useQuery({
    queryKey: ['workflows', 'open', overdue, page],
    queryFn: async () =>
      unwrap(
        await api.api.workflows.$get({
          query: { state: 'open', overdue: overdue ? 'true' : undefined, page: String(page), pageSize: '50' },
        }),
      ),
  });
}

/** Starts, completes a step, withdraws; afterwards everything shown may have changed (category, 低保). */
export function useWorkflowWrite(householdId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      write:
        | { kind: 'start'; json: StartJson }
        | { kind: 'complete'; id: string; stepKey: string; json: CompleteJson }
        | { kind: 'withdraw'; id: string; note: string },
    ) => {
      if (write.kind === 'start')
        return unwrap(await household.workflows.$post({ param: { id: householdId }, json: write.json }));
      if (write.kind === 'complete')
        return unwrap(
          await workflow.steps[':stepKey'].$post({ param: { id: write.id, stepKey: write.stepKey }, json: write.json }),
        );
      return unwrap(await workflow.withdraw.$post({ param: { id: write.id }, json: { note: write.note } }));
    },
    onSuccess: () => void client.invalidateQueries(),
  });
}
