import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { assignHelper, handOver, helperAssignmentList, unassignHelper } from './assignments.queries.ts';
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

export function helperAssignmentRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      const rows = await helperAssignmentList(db, actor, c.req.valid('query'));
      return c.json({ items: rows.map((row) => ({ id: `${row.helperId}:${row.householdId}`, ...row })) }, 200);
    })
    .openapi(assignRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { helperId, householdIds } = c.req.valid('json');
      const assigned = await assignHelper(db, c, actor, helperId, householdIds);
      return c.json({ assigned }, 200);
    })
    .openapi(unassignRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { helperId, householdId } = c.req.valid('param');
      await unassignHelper(db, c, actor, helperId, householdId);
      return c.body(null, 204);
    });
}

export function handOverRoutes({ db }: AppDeps) {
  return createRouter().openapi(handOverRoute, async (c) => {
    const actor = requireActor(c);
    requireRegistryWriter(actor);
    const { fromWorkerId, toWorkerId } = c.req.valid('json');
    const moved = await handOver(db, c, actor, fromWorkerId, toWorkerId);
    return c.json(moved, 200);
  });
}
