import { z } from '@hono/zod-openapi';
import { pageOf, pageQuery as pagingQuery } from '../http/paging.ts';
import { programmeWorklistKinds } from '../programmes/worklist-items.ts';
import { alertRuleIds } from '../tracking/alert-rules.ts';
import { id } from '../tracking/schema.ts';

/** Every kind of worklist item: the alert rules, then the programmes' work. */
const worklistKinds: [string, ...string[]] = ['workflow_step', ...programmeWorklistKinds, ...alertRuleIds];

/** The worker's worklist: what kind, which site, how soon. */
export const worklistQuery = z.object({
  kind: z.enum(worklistKinds).optional(),
  site: id.optional(),
  due: z.enum(['overdue', 'week', 'all']).default('all'),
  ...pagingQuery,
});

export const worklistItemSchema = z
  .object({
    source: z.enum(['alert', 'visit', 'workflow_step', ...programmeWorklistKinds]),
    alertId: z.string().nullable(),
    /** For a `workflow_step` item: the workflow whose step is overdue. */
    workflowId: z.string().nullable(),
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string().nullable(),
    siteId: z.string(),
    site: z.string(),
    kind: z.enum(worklistKinds),
    state: z.string(),
    dueOn: z.string(),
    lastVisitOn: z.string().nullable(),
    explanationZh: z.string().nullable(),
    explanationEn: z.string().nullable(),
    escalated: z.boolean(),
    responsibleWorkerName: z.string().nullable(),
    /** For programme work: the labour-export member or 公益性岗位 assignment to act on. */
    refId: z.string().nullable().optional(),
    overdue: z.boolean(),
    daysOverdue: z.number().int(),
  })
  .openapi('WorklistItem');
export const worklistPageSchema = pageOf(worklistItemSchema, 'WorklistPage');
