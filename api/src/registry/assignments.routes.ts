import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole, staffInScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { handOverHouseholds } from './responsible.ts';
import { requireRegistryWriter } from './scope.ts';

/**
 * 结对帮扶: which households each helper (帮扶干部) acts for, and 工作交接 of a leaving worker's
 * households. Mounted at /api/helper-assignments and /api/households/hand-over.
 */

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

const assignmentSchema = z
  .object({
    id: z.string().openapi({ description: '`helperId:householdId`' }),
    helperId: z.string(),
    helperName: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    siteId: z.string(),
    siteName: z.string(),
  })
  .openapi('HelperAssignment');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Helper assignments on the households the caller may see (a helper: their own)',
  request: { query: z.object({ helperId: id.optional(), householdId: id.optional() }) },
  responses: { 200: json(z.object({ items: z.array(assignmentSchema) }).openapi('HelperAssignments'), 'Assignments') },
});
const assignRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Assign households to a helper (worker on their sites, or admin); audited',
  request: body(z.object({ helperId: id, householdIds: z.array(id).min(1).max(500) }).openapi('HelperAssign')),
  responses: {
    200: json(z.object({ assigned: z.number().int() }).openapi('HelperAssigned'), 'How many were newly assigned'),
    404: { description: 'No such helper or household within your scope' },
  },
});
const unassignRoute = createRoute({
  method: 'delete',
  path: '/{helperId}/{householdId}',
  summary: 'End a helper’s assignment to a household; audited',
  request: {
    params: z.object({
      helperId: id.openapi({ param: { name: 'helperId', in: 'path' } }),
      householdId: id.openapi({ param: { name: 'householdId', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Ended' }, 404: { description: 'No such assignment within your scope' } },
});
const handOverRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Hand every household of one worker (帮扶责任人) over to another, with their open alerts; audited',
  request: body(z.object({ fromWorkerId: id, toWorkerId: id }).openapi('HandOver')),
  responses: {
    200: json(
      z.object({ households: z.number().int(), alerts: z.number().int() }).openapi('HandedOver'),
      'How many households and open alerts moved',
    ),
    404: { description: 'No such worker within your scope' },
    409: { description: 'The receiving worker does not work on some of the sites (reason hand-over-not-on-site)' },
  },
});

async function helperInScope(db: Db, actor: Actor, helperId: string) {
  const helper = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', '=', helperId)
    .where('users.role', '=', 'helper')
    .where('users.status', '=', 'active')
    .where(staffInScope(actor))
    .executeTakeFirst();
  if (!helper) throw outOfScope('helper');
}

export function helperAssignmentRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      const { helperId, householdId } = c.req.valid('query');
      let query = db
        .selectFrom('helperAssignments')
        .innerJoin('households', 'households.id', 'helperAssignments.householdId')
        .innerJoin('users', 'users.id', 'helperAssignments.userId')
        .innerJoin('regions as site', 'site.id', 'households.siteId')
        .where(householdVisible(actor))
        .select([
          'helperAssignments.userId as helperId',
          'users.name as helperName',
          'households.id as householdId',
          'households.householdNumber',
          'site.id as siteId',
          'site.name as siteName',
        ]);
      if (actor.role === 'helper') query = query.where('helperAssignments.userId', '=', actor.userId);
      if (helperId) query = query.where('helperAssignments.userId', '=', helperId);
      if (householdId) query = query.where('households.id', '=', householdId);
      const rows = await query.orderBy('households.householdNumber').limit(2000).execute();
      return c.json({ items: rows.map((row) => ({ id: `${row.helperId}:${row.householdId}`, ...row })) }, 200);
    })
    .openapi(assignRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { helperId, householdIds } = c.req.valid('json');
      const assigned = await db.transaction().execute(async (trx) => {
        await helperInScope(trx, actor, helperId);
        const wanted = [...new Set(householdIds)];
        const households = await trx
          .selectFrom('households')
          .select(['households.id', 'households.countyCode'])
          .where('households.id', 'in', wanted)
          .where(householdVisible(actor))
          .execute();
        if (households.length !== wanted.length) throw outOfScope('household');
        const inserted = await trx
          .insertInto('helperAssignments')
          .values(households.map((h) => ({ userId: helperId, householdId: h.id, countyCode: h.countyCode })))
          .onConflict((oc) => oc.columns(['userId', 'householdId']).doNothing())
          .executeTakeFirst();
        await writeAudit(trx, c, {
          action: 'helper.assign',
          resourceType: 'user',
          resourceId: helperId,
          detail: { householdIds: wanted },
        });
        return Number(inserted.numInsertedOrUpdatedRows ?? 0);
      });
      return c.json({ assigned }, 200);
    })
    .openapi(unassignRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { helperId, householdId } = c.req.valid('param');
      await db.transaction().execute(async (trx) => {
        const visible = await trx
          .selectFrom('households')
          .select('households.id')
          .where('households.id', '=', householdId)
          .where(householdVisible(actor))
          .executeTakeFirst();
        if (!visible) throw outOfScope('household');
        const removed = await trx
          .deleteFrom('helperAssignments')
          .where('userId', '=', helperId)
          .where('householdId', '=', householdId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw outOfScope('assignment');
        await writeAudit(trx, c, {
          action: 'helper.unassign',
          resourceType: 'user',
          resourceId: helperId,
          detail: { householdId },
        });
      });
      return c.body(null, 204);
    });
}

export function handOverRoutes({ db }: AppDeps) {
  return createRouter().openapi(handOverRoute, async (c) => {
    const actor = requireActor(c);
    requireRegistryWriter(actor);
    const { fromWorkerId, toWorkerId } = c.req.valid('json');
    const moved = await db.transaction().execute(async (trx) => {
      const result = await handOverHouseholds(trx, actor, fromWorkerId, toWorkerId);
      await writeAudit(trx, c, {
        action: 'household.hand-over',
        resourceType: 'household',
        detail: { fromWorkerId, toWorkerId, ...result },
      });
      return result;
    });
    return c.json(moved, 200);
  });
}
