import { incomeSources, monitoringCategories, supportMeasures, visitKinds } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';
import { pageQueryOf, pageQuery as pagingQuery } from '../http/paging.ts';
import { alertRuleIds } from './alert-rules.ts';
import { alertStates, dibaoClasses, dibaoStates } from './tracking.tables.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');
export const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const yuan = z.number().finite().min(-10_000_000).max(10_000_000);

export const pageQuery = pageQueryOf({ defaultSize: 50, maxSize: 200 });
export const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

// 走访
const incomeItem = z
  .object({
    source: z.enum(incomeSources),
    amountYuan: yuan,
    productionCostsYuan: z.number().finite().min(0).max(10_000_000).default(0),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.productionCostsYuan > 0 && value.source !== 'business')
      ctx.addIssue({
        code: 'custom',
        path: ['productionCostsYuan'],
        message: 'only business/farming income carries production costs',
      });
  });
/** Income of one month by source (收入, 按来源): taken on a visit, or alone in an offline record. */
export const monthIncome = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
    items: z.array(incomeItem).min(1).max(incomeSources.length),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.items.forEach((item, index) => {
      if (seen.has(item.source))
        ctx.addIssue({ code: 'custom', path: ['items', index, 'source'], message: 'each source once' });
      seen.add(item.source);
    });
  });
/** A visit's own fields (the household comes from the route's body or the offline record). */
export const visitFields = z
  .object({
    visitedOn: isoDate,
    kind: z.enum(visitKinds),
    notes: z.string().max(4000).nullish(),
    findings: z.string().max(4000).nullish(),
    measures: z.array(z.enum(supportMeasures)).max(10).default([]),
    nextVisitDue: isoDate.nullish(),
    /** Income of one month by source, taken on the visit: written with it, in one transaction. */
    income: monthIncome.nullish(),
  })
  .strict();
export const visitBody = visitFields.extend({ householdId: id }).openapi('VisitInput');
export const visitSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    workerId: z.string(),
    visitedOn: z.string(),
    kind: z.enum(visitKinds),
    notes: z.string().nullable(),
    findings: z.string().nullable(),
    measures: z.array(z.enum(supportMeasures)),
    nextVisitDue: z.string().nullable(),
  })
  .openapi('Visit');
export const visitListQuery = z.object({ householdId: id.optional(), ...pageQuery });
export const visitDueSchema = z
  .object({
    householdId: z.string(),
    householdNumber: z.string(),
    monitoringCategory: z.string(),
    lastVisitOn: z.string().nullable(),
    intervalDays: z.number(),
    dueOn: z.string(),
    overdue: z.boolean(),
    daysOverdue: z.number(),
  })
  .openapi('VisitDue');
export const scheduleSchema = z
  .object({ monitoringCategory: z.enum(monitoringCategories), intervalDays: z.number().int() })
  .openapi('VisitSchedule');
export const scheduleBody = z.object({ intervalDays: z.number().int().min(1).max(730) }).openapi('VisitScheduleInput');

// 收入台账
export const incomeBody = z
  .object({
    householdId: id,
    periodKind: z.enum(['month', 'year']),
    period: z.string().regex(/^\d{4}(-\d{2})?$/, 'YYYY-MM for a month, YYYY for a year'),
    source: z.enum(incomeSources),
    amountYuan: yuan,
    productionCostsYuan: z.number().finite().min(0).max(10_000_000).default(0),
    visitId: id.nullish(),
  })
  .superRefine((value, ctx) => {
    const monthly = /^\d{4}-(0[1-9]|1[0-2])$/.test(value.period);
    if (value.periodKind === 'month' && !monthly)
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'a month is YYYY-MM' });
    if (value.periodKind === 'year' && !/^\d{4}$/.test(value.period))
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'a year is YYYY' });
    if (value.productionCostsYuan > 0 && value.source !== 'business')
      ctx.addIssue({
        code: 'custom',
        path: ['productionCostsYuan'],
        message: 'only business/farming income carries production costs',
      });
  })
  .openapi('IncomeRecordInput');
export const incomeRecordSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    periodKind: z.enum(['month', 'year']),
    periodStart: z.string(),
    source: z.enum(incomeSources),
    amountYuan: z.number().nullable(),
    productionCostsYuan: z.number().nullable(),
    netYuan: z.number().nullable(),
    recordedAt: z.string(),
    supersededAt: z.string().nullable(),
  })
  .openapi('IncomeRecord');
export const incomeListQuery = z.object({
  householdId: id,
  includeSuperseded: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export const perCapitaQuery = z.object({ householdId: id, asOf: isoDate.optional() });
export const perCapitaSchema = z
  .object({
    householdId: z.string(),
    members: z.number(),
    monthsWithData: z.number(),
    netIncomeOfMonthsPresent: z.number().nullable(),
    annualNetIncome: z.number().nullable(),
    perCapitaNetIncome: z.number().nullable(),
    annualised: z.boolean(),
    line: z.number().nullable(),
    windowFrom: z.string(),
    windowTo: z.string(),
  })
  .openapi('PerCapitaIncome');

// 监测线
export const lineBody = z
  .object({
    regionCode: z.string().regex(/^\d{2}$|^\d{6}$/, 'a 2-digit province or 6-digit county code'),
    year: z.number().int().min(2000).max(2100),
    amountYuan: z.number().positive().max(1_000_000),
    note: z.string().max(500).nullish(),
  })
  .openapi('MonitoringLineInput');
export const lineSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    level: z.enum(['province', 'county']),
    year: z.number(),
    amountYuan: z.number(),
    note: z.string().nullable(),
  })
  .openapi('MonitoringLine');
export const lineInForceQuery = z.object({
  countyCode: z.string().regex(/^\d{6}$/, 'a 6-digit county code'),
  year: z.coerce.number().int().min(2000).max(2100),
});

// 低保
export const dibaoCreateBody = z
  .object({
    householdId: id,
    /** An application (applied) is refused here: it is a 低保申请 workflow. */
    state: z.enum(['not_applied', 'applied']).default('not_applied'),
    on: isoDate,
    reason: z.string().max(1000).nullish(),
  })
  .openapi('DibaoEnrolmentInput');
export const dibaoTransitionBody = z
  .object({
    to: z.enum(dibaoStates),
    on: isoDate,
    reason: z.string().max(1000).nullish(),
    class: z.enum(dibaoClasses).nullish(),
    monthlyAmountYuan: z.number().min(0).max(100_000).nullish(),
    validUntil: isoDate.nullish(),
  })
  .openapi('DibaoTransition');
export const dibaoEventSchema = z.object({
  fromState: z.string().nullable(),
  toState: z.string(),
  onDate: z.string(),
  reason: z.string().nullable(),
  class: z.string().nullable(),
  monthlyAmountYuan: z.number().nullable(),
  validUntil: z.string().nullable(),
});
export const dibaoSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    state: z.enum(dibaoStates),
    class: z.string().nullable(),
    monthlyAmountYuan: z.number().nullable(),
    validUntil: z.string().nullable(),
    stateSince: z.string(),
    allowedNext: z.array(z.enum(dibaoStates)),
    events: z.array(dibaoEventSchema).optional(),
  })
  .openapi('DibaoEnrolment');
export const dibaoListQuery = z.object({
  householdId: id.optional(),
  state: z.enum(dibaoStates).optional(),
  ...pageQuery,
});

// 社区融入
const score = z.number().int().min(1).max(5);
/** 社区融入: five dimensions 1–5 plus facts (the household comes from the route's body or the offline record). */
export const assessmentFields = z
  .object({
    assessedOn: isoDate,
    economic: score,
    socialTies: score,
    dailyLifeServices: score,
    culturalParticipation: score,
    psychologicalBelonging: score,
    childrenInLocalSchool: z.boolean().nullish(),
    medicalInsuranceTransferred: z.boolean().nullish(),
    householdRegistrationMoved: z.boolean().nullish(),
    returnsToOriginVillage: z.boolean().nullish(),
    notes: z.string().max(4000).nullish(),
  })
  .strict();
export const assessmentBody = assessmentFields.extend({ householdId: id }).openapi('IntegrationAssessmentInput');
export const assessmentSchema = assessmentBody
  .extend({ id: z.string(), total: z.number(), householdId: z.string(), assessedOn: z.string() })
  .openapi('IntegrationAssessment');
export const assessmentListQuery = z.object({ householdId: id.optional(), ...pageQuery });

// 监测户 category changes
export const categoryBody = z
  .object({ category: z.enum(monitoringCategories), on: isoDate, reason: z.string().min(1).max(1000) })
  .openapi('MonitoringCategoryChange');

// 预警
export const alertSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    ruleId: z.string(),
    state: z.enum(alertStates),
    explanationZh: z.string(),
    explanationEn: z.string(),
    facts: z.record(z.string(), z.unknown()).nullable(),
    responsibleWorkerId: z.string().nullable(),
    /** 帮扶责任人's name, so the worklist says who must act. */
    responsibleWorkerName: z.string().nullable(),
    deadline: z.string(),
    overdue: z.boolean(),
    openedAt: z.string(),
    measure: z.string().nullable(),
    closeNote: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    escalatedTo: z.string().nullable(),
  })
  .openapi('Alert');
export const alertListQuery = z.object({
  state: z.enum(['active', ...alertStates]).default('active'),
  ruleId: z.enum(alertRuleIds as [string, ...string[]]).optional(),
  householdId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export const resolveBody = z
  .object({ measure: z.enum(supportMeasures), note: z.string().max(2000).nullish() })
  .openapi('AlertResolution');
export const dismissBody = z.object({ reason: z.string().trim().min(1).max(2000) }).openapi('AlertDismissal');

// Reports
export const reportQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'YYYY-MM')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'YYYY-MM')
    .optional(),
  compare: z.string().max(500).optional(),
});
/** `?lang=en` (else the Accept-Language) picks the language of exported values and sheet names. */
const exportLang = z.enum(['zh', 'en']).optional();
export const exportQuery = z.object({ region: z.string().max(20).optional(), lang: exportLang });
/** The dashboard as shown: the same range and comparison as the report. */
export const dashboardExportQuery = reportQuery.extend({ region: z.string().max(20), lang: exportLang });

/** Drill-down to households: a region's (or site's) households, one responsible worker's or those with none. */
export const drillQuery = z.object({
  to: reportQuery.shape.to,
  worker: z.union([id, z.literal('none')]).optional(),
  ...pagingQuery,
});
