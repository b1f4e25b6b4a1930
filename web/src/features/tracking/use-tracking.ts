import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';

/** Fetchers and hooks of the tracking pages, all through the typed client. */
async function ok(response: { ok: boolean; json: () => Promise<any> }): Promise<any> {
  if (!response.ok) throw new Error(`request failed: ${(response as unknown as Response).status}`);
  return response.json();
}

export function useWorklist() {
  return useQuery({
    queryKey: ['alerts', 'mine'],
    queryFn: async () => ok(await api.api.alerts.$get({ query: { state: 'active', pageSize: '100' } as never })),
  });
}

export function useAlertAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      id: string;
      action: 'acknowledge' | 'resolve' | 'dismiss';
      measure?: string;
      reason?: string;
    }) => {
      const param = { id: input.id };
      if (input.action === 'acknowledge') return ok(await api.api.alerts[':id'].acknowledge.$post({ param }));
      if (input.action === 'resolve')
        return ok(await api.api.alerts[':id'].resolve.$post({ param, json: { measure: input.measure as never } }));
      return ok(await api.api.alerts[':id'].dismiss.$post({ param, json: { reason: input.reason ?? '' } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

export function useTimeline(householdId: string) {
  return useQuery({
    queryKey: ['timeline', householdId],
    queryFn: async () => ok(await api.api.households[':id'].timeline.$get({ param: { id: householdId }, query: {} })),
  });
}

export function useRegionReport(code: string) {
  return useQuery({
    queryKey: ['report', code],
    enabled: code.length > 0,
    queryFn: async () => ok(await api.api.reports.regions[':code'].$get({ param: { code }, query: {} })),
  });
}

export interface VisitForm {
  householdId: string;
  visitedOn: string;
  kind: 'routine' | 'alert_follow_up' | 'dibao_check';
  findings: string;
  measures: string[];
  nextVisitDue: string;
  income?: { period: string; source: string; amountYuan: number; productionCostsYuan: number };
}

export function useRecordVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (form: VisitForm) => {
      const visit = await ok(
        await api.api.visits.$post({
          json: {
            householdId: form.householdId,
            visitedOn: form.visitedOn,
            kind: form.kind,
            findings: form.findings || null,
            measures: form.measures as never,
            nextVisitDue: form.nextVisitDue || null,
          },
        }),
      );
      if (form.income)
        await ok(
          await api.api['income-records'].$post({
            json: {
              householdId: form.householdId,
              periodKind: 'month',
              period: form.income.period,
              source: form.income.source as never,
              amountYuan: form.income.amountYuan,
              productionCostsYuan: form.income.productionCostsYuan,
              visitId: (visit as { id: string }).id,
            },
          }),
        );
      return visit;
    },
    onSuccess: () => client.invalidateQueries(),
  });
}
