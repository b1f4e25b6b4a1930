import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

const household = api.api.households[':id'];

/** 帮扶措施, 风险类型, 刚性支出 and 三保障 checks of one household. */
export function useHouseholdSupport(id: string) {
  const param = { param: { id } };
  return useQuery({
    queryKey: ['household-support', id],
    queryFn: async () => {
      const [measures, risks, spending, checks] = await Promise.all([
        household['support-measures'].$get(param).then(unwrap),
        household.risks.$get(param).then(unwrap),
        household['essential-spending'].$get(param).then(unwrap),
        household['guarantee-checks'].$get(param).then(unwrap),
      ]);
      return { measures: measures.items, risks: risks.items, spending: spending.items, checks };
    },
  });
}

export type SupportWrite =
  | { kind: 'measure'; json: Parameters<(typeof household)['support-measures']['$post']>[0]['json'] }
  | { kind: 'risk'; json: Parameters<(typeof household)['risks']['$post']>[0]['json'] }
  | { kind: 'spending'; json: Parameters<(typeof household)['essential-spending']['$post']>[0]['json'] }
  | { kind: 'check'; json: Parameters<(typeof household)['guarantee-checks']['$post']>[0]['json'] }
  | { kind: 'voidRisk'; riskId: string; reason: string }
  | {
      kind: 'editSpending';
      spendingId: string;
      json: Parameters<(typeof household)['essential-spending'][':recordId']['$patch']>[0]['json'];
    };

export function useSupportWrite(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (write: SupportWrite) => {
      const param = { id };
      if (write.kind === 'measure')
        return unwrap(await household['support-measures'].$post({ param, json: write.json }));
      if (write.kind === 'risk') return unwrap(await household.risks.$post({ param, json: write.json }));
      if (write.kind === 'spending')
        return unwrap(await household['essential-spending'].$post({ param, json: write.json }));
      if (write.kind === 'voidRisk') {
        const response = await household.risks[':recordId'].void.$post({
          param: { ...param, recordId: write.riskId },
          json: { reason: write.reason },
        });
        if (!response.ok) await unwrap(response);
        return null;
      }
      if (write.kind === 'editSpending')
        return unwrap(
          await household['essential-spending'][':recordId'].$patch({
            param: { ...param, recordId: write.spendingId },
            json: write.json,
          }),
        );
      return unwrap(await household['guarantee-checks'].$post({ param, json: write.json }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['household-support', id] });
      void client.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

export function usePolicyValues() {
  return useQuery({
    queryKey: ['policy-values'],
    queryFn: async () => unwrap(await api.api['policy-values'].$get()),
  });
}

export function usePolicyValueWrite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      write:
        | { kind: 'change'; id: string; value: number }
        | { kind: 'add'; key: string; regionCode: string | null; year: number; value: number },
    ) =>
      write.kind === 'change'
        ? unwrap(
            await api.api['policy-values'][':id'].$patch({ param: { id: write.id }, json: { value: write.value } }),
          )
        : unwrap(
            await api.api['policy-values'].$post({
              json: { key: write.key, regionCode: write.regionCode, year: write.year, value: write.value },
            }),
          ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['policy-values'] }),
  });
}

export function useSupervision(region: string) {
  return useQuery({
    queryKey: ['supervision', region],
    queryFn: async () => unwrap(await api.api.supervision.$get({ query: { region: region || undefined } })),
  });
}
