import { createRoute } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { applyDibaoTransition, dibaoTransitions } from './dibao.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { conflict, pageWithTotal, problems } from './http.ts';
import { dibaoCreateBody, dibaoListQuery, dibaoSchema, dibaoTransitionBody, idParam, page } from './schema.ts';
import { findScopedHousehold, trackingDeciders, trackingReaders } from './scope.ts';

const AMOUNT_FIELDS = ['monthlyAmountYuan'];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: '低保 enrolments of households in scope',
  request: { query: dibaoListQuery },
  responses: { 200: json(page(dibaoSchema, 'DibaoEnrolmentPage'), 'Enrolments'), ...problems },
});
const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One 低保 enrolment with its dated state history',
  request: { params: idParam },
  responses: { 200: json(dibaoSchema, 'Enrolment'), ...problems },
});
const createEnrolmentRoute = createRoute({
  method: 'post',
  path: '/',
  summary: "Start a household's 低保 record (not applied, or an application)",
  request: body(dibaoCreateBody),
  responses: { 201: json(dibaoSchema, 'Created'), ...problems, ...conflict },
});
const transitionRoute = createRoute({
  method: 'post',
  path: '/{id}/transitions',
  summary: 'Move a 低保 enrolment to its next state; an illegal transition is refused with 409 naming it',
  request: { params: idParam, ...body(dibaoTransitionBody) },
  responses: { 200: json(dibaoSchema, 'Moved'), ...problems, ...conflict },
});

async function findEnrolment(db: Db, actor: Actor, id: string) {
  requireRole(actor, ...trackingReaders);
  if (!/^\d{1,18}$/.test(id)) throw outOfScope('dibao enrolment');
  const row = await db
    .selectFrom('dibaoEnrolments')
    .innerJoin('households', 'households.id', 'dibaoEnrolments.householdId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .selectAll('dibaoEnrolments')
    .where('dibaoEnrolments.id', '=', id)
    .where(householdVisible(actor))
    .executeTakeFirst();
  if (!row) throw outOfScope('dibao enrolment');
  return row;
}

async function present(db: Db, row: Awaited<ReturnType<typeof findEnrolment>>, withEvents: boolean) {
  const events = withEvents
    ? await db
        .selectFrom('dibaoEvents')
        .select(['fromState', 'toState', 'onDate', 'reason', 'class', 'monthlyAmountYuan', 'validUntil'])
        .where('enrolmentId', '=', row.id)
        .orderBy('onDate')
        .orderBy('id')
        .execute()
    : undefined;
  return {
    id: row.id,
    householdId: row.householdId,
    state: row.state,
    class: row.class,
    monthlyAmountYuan: row.monthlyAmountYuan === null ? null : Number(row.monthlyAmountYuan),
    validUntil: row.validUntil,
    stateSince: row.stateSince,
    allowedNext: [...dibaoTransitions[row.state]],
    events: events?.map((e) => ({
      ...e,
      monthlyAmountYuan: e.monthlyAmountYuan === null ? null : Number(e.monthlyAmountYuan),
    })),
  };
}

export function dibaoRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingReaders);
      const { householdId, state, page: pageNo, pageSize } = c.req.valid('query');
      let query = db
        .selectFrom('dibaoEnrolments')
        .innerJoin('households', 'households.id', 'dibaoEnrolments.householdId')
        .innerJoin('regions as site', 'site.id', 'households.siteId')
        .where(householdVisible(actor));
      if (householdId) query = query.where('dibaoEnrolments.householdId', '=', householdId);
      if (state) query = query.where('dibaoEnrolments.state', '=', state);
      const { rows, total } = await pageWithTotal(
        query,
        (q) => q.selectAll('dibaoEnrolments').orderBy('dibaoEnrolments.id'),
        pageNo,
        pageSize,
      );
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'dibao_enrolment',
        fields: AMOUNT_FIELDS,
        detail: { count: rows.length },
      });
      const items = await Promise.all(rows.map((row) => present(db, row, false)));
      return c.json({ items, total, page: pageNo, pageSize }, 200);
    })
    .openapi(getRoute, async (c) => {
      const actor = requireActor(c);
      const row = await findEnrolment(db, actor, c.req.valid('param').id);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'dibao_enrolment',
        resourceId: row.id,
        fields: AMOUNT_FIELDS,
      });
      return c.json(await present(db, row, true), 200);
    })
    .openapi(createEnrolmentRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingDeciders);
      const created = await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('dibaoEnrolments')
          .select(['id', 'state'])
          .where('householdId', '=', household.id)
          .executeTakeFirst();
        if (existing)
          throw new AppError(
            'conflict',
            `The household has a 低保 record already (${existing.state}); add a transition`,
            {
              enrolmentId: existing.id,
            },
          );
        const row = await trx
          .insertInto('dibaoEnrolments')
          .values({
            countyCode: household.countyCode,
            householdId: household.id,
            state: input.state,
            class: null,
            monthlyAmountYuan: null,
            validUntil: null,
            stateSince: input.on,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('dibaoEvents')
          .values({
            countyCode: household.countyCode,
            householdId: household.id,
            enrolmentId: row.id,
            fromState: null,
            toState: input.state,
            onDate: input.on,
            reason: input.reason ?? null,
            class: null,
            monthlyAmountYuan: null,
            validUntil: null,
            recordedBy: actor.userId,
          })
          .execute();
        await evaluateAlerts(trx, { householdIds: [household.id] });
        return row;
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'dibao_enrolment', resourceId: created.id });
      return c.json(await present(db, created, true), 201);
    })
    .openapi(transitionRoute, async (c) => {
      const actor = requireActor(c);
      const enrolment = await findEnrolment(db, actor, c.req.valid('param').id);
      requireRole(actor, ...trackingDeciders);
      const input = c.req.valid('json');
      await db.transaction().execute(async (trx) => {
        // Still a direct path past the 低保 workflows (issue 20): to be refused once the portal and
        // its tests move to POST /api/households/{id}/workflows.
        await sql`select set_config('anju.workflow', 'on', true)`.execute(trx);
        await applyDibaoTransition(trx, actor, enrolment, input);
        await evaluateAlerts(trx, { householdIds: [enrolment.householdId] });
      });
      await writeAudit(db, c, {
        action: 'transition',
        resourceType: 'dibao_enrolment',
        resourceId: enrolment.id,
        detail: { from: enrolment.state, to: input.to },
      });
      const fresh = await findEnrolment(db, actor, enrolment.id);
      return c.json(await present(db, fresh, true), 200);
    });
}
