import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { listMeasures } from '../tracking/measures.ts';
import { findScopedHousehold, trackingRecorders } from '../tracking/scope.ts';
import { recordGuaranteeCheck } from './guarantee-checks.ts';
import {
  deleteMeasure,
  guaranteeChecks,
  insertMeasure,
  insertRisk,
  insertSpending,
  isMember,
  listRisks,
  listSpending,
  updateMeasure,
  updateRisk,
  updateSpending,
  voidRisk,
} from './queries.ts';
import {
  checkBody,
  checkSchema,
  checksSchema,
  householdParam,
  measureBody,
  measurePatch,
  measureSchema,
  recordParam,
  riskBody,
  riskPatch,
  riskSchema,
  riskVoidBody,
  spendingBody,
  spendingPatch,
  spendingSchema,
} from './schema.ts';

const ok = { 204: { description: 'Deleted' } };
const route = <M extends 'get' | 'post' | 'patch' | 'delete', P extends string>(
  method: M,
  path: P,
  summary: string,
) => ({
  method,
  path,
  summary,
});

const listMeasuresRoute = createRoute({
  ...route('get', '/{id}/support-measures', "A household's support measures (帮扶措施), newest first"),
  request: { params: householdParam },
  responses: { 200: json(z.object({ items: z.array(measureSchema) }), 'Support measures'), ...problems },
});
const createMeasureRoute = createRoute({
  ...route('post', '/{id}/support-measures', 'Record a support measure (帮扶措施) for a household or one member'),
  request: { params: householdParam, ...body(measureBody) },
  responses: { 201: json(measureSchema, 'Recorded'), ...problems },
});
const patchMeasureRoute = createRoute({
  ...route('patch', '/{id}/support-measures/{recordId}', 'Correct or end a support measure'),
  request: { params: recordParam, ...body(measurePatch) },
  responses: { 200: json(measureSchema, 'Updated'), ...problems },
});
const deleteMeasureRoute = createRoute({
  ...route('delete', '/{id}/support-measures/{recordId}', 'Delete a support measure recorded by mistake'),
  request: { params: recordParam },
  responses: { ...ok, ...problems },
});
const listRisksRoute = createRoute({
  ...route('get', '/{id}/risks', "A household's risk types (风险类型) as dated facts"),
  request: { params: householdParam },
  responses: { 200: json(z.object({ items: z.array(riskSchema) }), 'Risks'), ...problems },
});
const createRiskRoute = createRoute({
  ...route('post', '/{id}/risks', 'Record a risk type (因病, 因残, 因学, 因灾, 因意外, 因失业) from a date'),
  request: { params: householdParam, ...body(riskBody) },
  responses: { 201: json(riskSchema, 'Recorded'), ...problems },
});
const patchRiskRoute = createRoute({
  ...route('patch', '/{id}/risks/{recordId}', 'End a risk (its last day) or change its note'),
  request: { params: recordParam, ...body(riskPatch) },
  responses: { 200: json(riskSchema, 'Updated'), ...problems },
});
const voidRiskRoute = createRoute({
  ...route('post', '/{id}/risks/{recordId}/void', 'Void a risk recorded by mistake, saying why (kept, audited)'),
  request: { params: recordParam, ...body(riskVoidBody) },
  responses: { 204: { description: 'Voided' }, ...problems },
});
const listSpendingRoute = createRoute({
  ...route('get', '/{id}/essential-spending', "A household's essential spending (刚性支出: medical, schooling)"),
  request: { params: householdParam },
  responses: { 200: json(z.object({ items: z.array(spendingSchema) }), 'Spending'), ...problems },
});
const createSpendingRoute = createRoute({
  ...route('post', '/{id}/essential-spending', 'Record essential spending for a month or on a day'),
  request: { params: householdParam, ...body(spendingBody) },
  responses: { 201: json(spendingSchema, 'Recorded'), ...problems },
});
const patchSpendingRoute = createRoute({
  ...route('patch', '/{id}/essential-spending/{recordId}', 'Correct essential spending: kind, amount, period, note'),
  request: { params: recordParam, ...body(spendingPatch) },
  responses: { 200: json(spendingSchema, 'Updated'), ...problems },
});
const listChecksRoute = createRoute({
  ...route('get', '/{id}/guarantee-checks', '三保障 + 饮水安全 checks: the latest per dimension and the history'),
  request: { params: householdParam },
  responses: { 200: json(checksSchema, 'Checks'), ...problems },
});
const createCheckRoute = createRoute({
  ...route('post', '/{id}/guarantee-checks', 'Record a 三保障/饮水安全 check; a failed latest check opens an alert'),
  request: { params: householdParam, ...body(checkBody) },
  responses: { 201: json(checkSchema, 'Recorded'), ...problems },
});

const notFuture = (value: string | null | undefined, path: string) => {
  if (value && value > chinaToday())
    throw new AppError('validation', 'A date cannot be in the future', {
      errors: [{ path, message: 'must not be in the future' }],
    });
};
const notBefore = (start: string, end: string | null | undefined, path: string) => {
  if (end && end < start)
    throw new AppError('validation', 'The end is before the start', {
      errors: [{ path, message: 'must not be before the start' }],
    });
};

const eitherMonthOrDay = () =>
  new AppError('validation', 'Give either a month or a day', {
    errors: [{ path: 'json.month', message: 'give exactly one of month or spentOn' }],
  });
/** The period of a month ('YYYY-MM', kept as its 1st) or a day; both is refused, neither gives null. */
const spendingPeriod = (input: { month?: string; spentOn?: string }) => {
  if (input.month && input.spentOn) throw eitherMonthOrDay();
  if (!input.month && !input.spentOn) return null;
  const spentOn = input.month ? `${input.month}-01` : (input.spentOn as string);
  notFuture(spentOn, input.month ? 'json.month' : 'json.spentOn');
  return { periodKind: input.month ? ('month' as const) : ('day' as const), spentOn };
};

/** Household facts of issue 20 under /api/households/{id}: measures, risks, spending, 三保障 checks. */
export function householdFactRoutes({ db }: AppDeps) {
  const audited = (c: Parameters<typeof writeAudit>[1], resourceType: string, householdId: string, fields: string[]) =>
    writeAudit(db, c, { action: 'read', resourceType, resourceId: householdId, fields });
  const recorder = (c: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(c);
    return { actor, find: (id: string) => findScopedHousehold(db, actor, id, trackingRecorders) };
  };
  const checkMember = async (householdId: string, personId: string | null | undefined) => {
    if (personId && !(await isMember(db, householdId, personId)))
      throw new AppError('validation', 'The person is not a member of this household', {
        errors: [{ path: 'json.personId', message: 'must be a member of the household' }],
      });
  };
  const oneMeasure = async (householdId: string, measureId: string) => {
    if (!/^\d{1,18}$/.test(measureId)) throw outOfScope('support measure');
    const [row] = await listMeasures(db, householdId, measureId);
    if (!row) throw outOfScope('support measure');
    return row;
  };

  return createRouter()
    .openapi(listMeasuresRoute, async (c) => {
      const household = await findScopedHousehold(db, requireActor(c), c.req.valid('param').id);
      const items = await listMeasures(db, household.id);
      await audited(c, 'support_measure', household.id, ['amountYuan']);
      return c.json({ items }, 200);
    })
    .openapi(createMeasureRoute, async (c) => {
      const { actor, find } = recorder(c);
      const household = await find(c.req.valid('param').id);
      const input = c.req.valid('json');
      notBefore(input.startedOn, input.endedOn, 'json.endedOn');
      await checkMember(household.id, input.personId);
      const id = await insertMeasure(db, {
        countyCode: household.countyCode,
        householdId: household.id,
        personId: input.personId ?? null,
        kind: input.kind,
        startedOn: input.startedOn,
        endedOn: input.endedOn ?? null,
        amountYuan: input.amountYuan ?? null,
        responsibleUnit: input.responsibleUnit,
        note: input.note ?? null,
        recordedBy: actor.userId,
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'support_measure', resourceId: id });
      return c.json(await oneMeasure(household.id, id), 201);
    })
    .openapi(patchMeasureRoute, async (c) => {
      const { find } = recorder(c);
      const { id, recordId } = c.req.valid('param');
      const household = await find(id);
      const current = await oneMeasure(household.id, recordId);
      const input = c.req.valid('json');
      const startedOn = input.startedOn ?? current.startedOn;
      notBefore(startedOn, input.endedOn === undefined ? current.endedOn : input.endedOn, 'json.endedOn');
      await checkMember(household.id, input.personId);
      await updateMeasure(db, current.id, input);
      await writeAudit(db, c, { action: 'update', resourceType: 'support_measure', resourceId: current.id });
      return c.json(await oneMeasure(household.id, current.id), 200);
    })
    .openapi(deleteMeasureRoute, async (c) => {
      const { find } = recorder(c);
      const { id, recordId } = c.req.valid('param');
      const household = await find(id);
      const current = await oneMeasure(household.id, recordId);
      await deleteMeasure(db, current.id);
      await writeAudit(db, c, {
        action: 'delete',
        resourceType: 'support_measure',
        resourceId: current.id,
        detail: { kind: current.kind, startedOn: current.startedOn },
      });
      return c.body(null, 204);
    })
    .openapi(listRisksRoute, async (c) => {
      const household = await findScopedHousehold(db, requireActor(c), c.req.valid('param').id);
      const items = await listRisks(db, household.id);
      // 因病/因残 are health facts: every read is audited.
      await audited(c, 'household_risk', household.id, ['riskKind']);
      return c.json({ items }, 200);
    })
    .openapi(createRiskRoute, async (c) => {
      const { actor, find } = recorder(c);
      const household = await find(c.req.valid('param').id);
      const input = c.req.valid('json');
      notFuture(input.fromOn, 'json.fromOn');
      notBefore(input.fromOn, input.toOn, 'json.toOn');
      const row = await insertRisk(db, {
        countyCode: household.countyCode,
        householdId: household.id,
        kind: input.kind,
        fromOn: input.fromOn,
        toOn: input.toOn ?? null,
        note: input.note ?? null,
        recordedBy: actor.userId,
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'household_risk', resourceId: row.id });
      return c.json(row, 201);
    })
    .openapi(patchRiskRoute, async (c) => {
      const { find } = recorder(c);
      const { id, recordId } = c.req.valid('param');
      const household = await find(id);
      const current = (await listRisks(db, household.id)).find((row) => row.id === recordId);
      if (!current) throw outOfScope('risk');
      const input = c.req.valid('json');
      notBefore(current.fromOn, input.toOn, 'json.toOn');
      const row = await updateRisk(db, current.id, input);
      await writeAudit(db, c, { action: 'update', resourceType: 'household_risk', resourceId: row.id });
      return c.json(row, 200);
    })
    .openapi(voidRiskRoute, async (c) => {
      const { actor, find } = recorder(c);
      const { id, recordId } = c.req.valid('param');
      const household = await find(id);
      const current = (await listRisks(db, household.id)).find((row) => row.id === recordId);
      if (!current) throw outOfScope('risk');
      const { reason } = c.req.valid('json');
      await voidRisk(db, current.id, actor.userId, reason);
      await writeAudit(db, c, {
        action: 'void',
        resourceType: 'household_risk',
        resourceId: current.id,
        // The reason stays on the voided row; the kind (因病/因残 are health facts) is not copied here.
        detail: { householdId: household.id },
      });
      return c.body(null, 204);
    })
    .openapi(listSpendingRoute, async (c) => {
      const household = await findScopedHousehold(db, requireActor(c), c.req.valid('param').id);
      const items = await listSpending(db, household.id);
      await audited(c, 'essential_spending', household.id, ['amountYuan']);
      return c.json({ items }, 200);
    })
    .openapi(createSpendingRoute, async (c) => {
      const { actor, find } = recorder(c);
      const household = await find(c.req.valid('param').id);
      const input = c.req.valid('json');
      const period = spendingPeriod(input);
      if (!period) throw eitherMonthOrDay();
      const row = await insertSpending(db, {
        countyCode: household.countyCode,
        householdId: household.id,
        kind: input.kind,
        amountYuan: input.amountYuan,
        ...period,
        note: input.note ?? null,
        recordedBy: actor.userId,
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'essential_spending', resourceId: row.id });
      return c.json(row, 201);
    })
    .openapi(patchSpendingRoute, async (c) => {
      const { find } = recorder(c);
      const { id, recordId } = c.req.valid('param');
      const household = await find(id);
      const [current] = /^\d{1,18}$/.test(recordId) ? await listSpending(db, household.id, recordId) : [];
      if (!current) throw outOfScope('essential spending');
      const { month, spentOn, ...rest } = c.req.valid('json');
      const period = spendingPeriod({ month, spentOn });
      const row = await updateSpending(db, current.id, { ...rest, ...period });
      await writeAudit(db, c, {
        action: 'update',
        resourceType: 'essential_spending',
        resourceId: row.id,
        detail: { fields: Object.keys({ ...rest, ...(period ? { period: true } : {}) }) },
      });
      return c.json(row, 200);
    })
    .openapi(listChecksRoute, async (c) => {
      const household = await findScopedHousehold(db, requireActor(c), c.req.valid('param').id);
      const checks = await guaranteeChecks(db, household.id);
      await audited(c, 'guarantee_check', household.id, ['evidence']);
      return c.json(checks, 200);
    })
    .openapi(createCheckRoute, async (c) => {
      const { actor, find } = recorder(c);
      const household = await find(c.req.valid('param').id);
      const input = c.req.valid('json');
      notFuture(input.checkedOn, 'json.checkedOn');
      const id = await recordGuaranteeCheck(db, {
        countyCode: household.countyCode,
        householdId: household.id,
        dimension: input.dimension,
        checkedOn: input.checkedOn,
        ok: input.ok,
        evidence: input.evidence,
        checkedBy: actor.userId,
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'guarantee_check', resourceId: id });
      const created = (await guaranteeChecks(db, household.id)).history.find((row) => row.id === id);
      return c.json(created as NonNullable<typeof created>, 201);
    });
}
