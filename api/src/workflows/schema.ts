import { monitoringCategories } from '@anju/domain/enums';
import { stepOutcomes, workflowKinds, workflowStates } from '@anju/domain/workflows';
import { z } from '@hono/zod-openapi';

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');

export const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
export const stepParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  stepKey: z.string().openapi({ param: { name: 'stepKey', in: 'path' } }),
});

export const startBody = z
  .object({
    kind: z.enum(workflowKinds),
    reason: z.string().trim().min(1).max(500),
    /** 监测识别: the category the household enters on approval. */
    category: z
      .enum(monitoringCategories.filter((c) => c !== 'none') as ['unstable', 'marginal', 'sudden_hardship'])
      .optional(),
    alertId: id.optional(),
  })
  .strict()
  .openapi('WorkflowStart');

export const completeBody = z
  .object({
    outcome: z.enum(stepOutcomes),
    note: z.string().trim().max(2000).optional(),
    /** Documents as file names or references (入户核实表, 评议记录, 公示照片 …). */
    documents: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
    objection: z.enum(['reverify', 'reject']).optional(),
    terms: z
      .object({
        class: z.enum(['A', 'B', 'C']).optional(),
        monthlyAmountYuan: z.number().finite().min(0).max(100_000).optional(),
        validUntil: isoDate.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('WorkflowStepComplete');

export const withdrawBody = z
  .object({ note: z.string().trim().min(1).max(500) })
  .strict()
  .openapi('WorkflowWithdraw');

export const listQuery = z
  .object({
    state: z.enum(workflowStates).optional(),
    kind: z.enum(workflowKinds).optional(),
    /** Only workflows whose current step is overdue. */
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const stepSchema = z.object({
  id: z.string(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  startedOn: z.string(),
  dueOn: z.string(),
  publicityDays: z.number().nullable(),
  publicityEndsOn: z.string().nullable(),
  outcome: z.enum(stepOutcomes).nullable(),
  note: z.string().nullable(),
  documents: z.array(z.string()),
  completedBy: z.string().nullable(),
  completedByName: z.string().nullable(),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const workflowSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    kind: z.enum(workflowKinds),
    state: z.enum(workflowStates),
    origin: z.string(),
    alertId: z.string().nullable(),
    reason: z.string(),
    targetCategory: z.string().nullable(),
    terms: z.record(z.string(), z.unknown()).nullable(),
    currentStep: z.string().nullable(),
    currentDueOn: z.string().nullable(),
    startedBy: z.string().nullable(),
    startedOn: z.string(),
    closedOn: z.string().nullable(),
    trail: z.array(stepSchema).optional(),
  })
  .openapi('Workflow');

export const workflowPage = z
  .object({ items: z.array(workflowSchema), total: z.number(), page: z.number(), pageSize: z.number() })
  .openapi('WorkflowPage');
