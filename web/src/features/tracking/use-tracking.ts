import type { IncomeSource, SupportMeasure } from '@anju/domain/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';

/** Fetchers and hooks of the tracking pages, all through the typed client. */
async function ok(response: { ok: boolean; json: () => Promise<any> }): Promise<any> {
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem?.detail ?? `request failed: ${(response as unknown as Response).status}`);
  }
  return response.json();
}

export interface WorklistFilter {
  kind: string;
  site: string;
  due: 'all' | 'overdue' | 'week';
  page: number;
}

/** One page of the worklist (most urgent first), filtered by kind, site and due. */
export function useWorklist(filter: WorklistFilter, pageSize: number) {
  return useQuery({
    queryKey: ['worklist', filter, pageSize],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.api.worklist.$get({
          query: {
            kind: filter.kind || undefined,
            site: filter.site || undefined,
            due: filter.due,
            page: String(filter.page),
            pageSize: String(pageSize),
          },
        }),
      ),
  });
}

/** How much work there is (the home page's counts). */
export function useWorklistCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['worklist', 'counts'],
    enabled,
    queryFn: async () => unwrap(await api.api.worklist.counts.$get()),
  });
}

/** The regions the caller covers, root first (the dashboard's region picker). */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: async () => unwrap(await api.api.regions.$get({ query: {} })),
    staleTime: 5 * 60_000,
  });
}

/** The region a dashboard opens on: the official's own region, a worker's site, the root for an admin. */
export function useHomeRegion(enabled: boolean) {
  return useQuery({
    queryKey: ['report', 'home-region'],
    enabled,
    queryFn: async () => unwrap(await api.api.reports['home-region'].$get()),
    staleTime: 5 * 60_000,
  });
}

/** Drill-down: a region's households, one responsible worker's (or `none`), worst first. */
export function useDrillHouseholds(code: string, worker: string | null, to: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['report', code, 'households', worker, to, page, pageSize],
    enabled: worker !== null,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.api.reports.regions[':code'].households.$get({
          param: { code },
          query: { worker: worker ?? undefined, to, page: String(page), pageSize: String(pageSize) },
        }),
      ),
  });
}

type DibaoMove = InferRequestType<(typeof api.api)['dibao-enrolments'][':id']['transitions']['$post']>['json'];
/** A 低保 state the record may move to, and a 低保 class (A/B/C), as the API takes them. */
export type DibaoStep = DibaoMove['to'];
export type DibaoClass = NonNullable<DibaoMove['class']>;
export type AssessmentInput = InferRequestType<(typeof api.api)['integration-assessments']['$post']>['json'];

/** Households whose visit is overdue (derived from the schedule and the last visit). */
export function useAlertAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      id: string;
      action: 'acknowledge' | 'resolve' | 'dismiss';
      measure: SupportMeasure;
      note?: string;
      reason?: string;
    }) => {
      const param = { id: input.id };
      if (input.action === 'acknowledge') return unwrap(await api.api.alerts[':id'].acknowledge.$post({ param }));
      if (input.action === 'resolve')
        return unwrap(
          await api.api.alerts[':id'].resolve.$post({
            param,
            json: { measure: input.measure, note: input.note || null },
          }),
        );
      return unwrap(await api.api.alerts[':id'].dismiss.$post({ param, json: { reason: input.reason ?? '' } }));
    },
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useTimeline(householdId: string) {
  return useQuery({
    queryKey: ['timeline', householdId],
    queryFn: async () => ok(await api.api.households[':id'].timeline.$get({ param: { id: householdId }, query: {} })),
  });
}

export interface ReportRange {
  code: string;
  from?: string;
  to?: string;
  compare?: string;
}

export function useRegionReport({ code, from, to, compare }: ReportRange) {
  return useQuery({
    queryKey: ['report', code, from, to, compare],
    enabled: code.length > 0,
    queryFn: async () =>
      ok(
        await api.api.reports.regions[':code'].$get({
          param: { code },
          query: { from: from || undefined, to: to || undefined, compare: compare || undefined },
        }),
      ),
  });
}

export interface VisitForm {
  householdId: string;
  visitedOn: string;
  kind: 'routine' | 'alert_follow_up' | 'dibao_check';
  findings: string;
  measures: SupportMeasure[];
  nextVisitDue: string;
  /** One month's income by source, saved with the visit in one transaction. */
  income?: { month: string; items: { source: IncomeSource; amountYuan: number; productionCostsYuan: number }[] };
}

export function useRecordVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (form: VisitForm) =>
      ok(
        await api.api.visits.$post({
          json: {
            householdId: form.householdId,
            visitedOn: form.visitedOn,
            kind: form.kind,
            findings: form.findings || null,
            measures: form.measures,
            nextVisitDue: form.nextVisitDue || null,
            income: form.income,
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useRecordAssessment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: AssessmentInput) => ok(await api.api['integration-assessments'].$post({ json: input })),
    onSuccess: () => client.invalidateQueries(),
  });
}
