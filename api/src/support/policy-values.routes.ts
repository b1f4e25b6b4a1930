import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { policyValue } from '../tracking/policy-values.ts';
import { insertPolicyValue, listPolicyValues, regionCodeExists, updatePolicyValue } from './queries.ts';
import { policyResolveQuery, policyValueBody, policyValuePatch, policyValueSchema } from './schema.ts';

const readers = ['admin', 'official', 'worker'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Policy values by key, place and year (政策参数)',
  responses: { 200: json(z.object({ items: z.array(policyValueSchema) }), 'Policy values'), ...problems },
});
const resolveRoute = createRoute({
  method: 'get',
  path: '/resolve',
  summary: 'The value in force for a key, place and year: most specific region, then latest year',
  request: { query: policyResolveQuery },
  responses: { 200: json(z.object({ value: z.number().nullable() }), 'Value in force'), ...problems },
});
const createValueRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add a policy value for a place (null: everywhere) from a year (admin)',
  request: body(policyValueBody),
  responses: { 201: json(policyValueSchema, 'Added'), ...problems, ...conflict },
});
const patchValueRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change a policy value (admin)',
  request: { params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), ...body(policyValuePatch) },
  responses: { 200: json(policyValueSchema, 'Changed'), ...problems },
});

export function policyValueRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      requireRole(requireActor(c), ...readers);
      const items = await listPolicyValues(db);
      return c.json({ items }, 200);
    })
    .openapi(resolveRoute, async (c) => {
      requireRole(requireActor(c), ...readers);
      const { key, region, year } = c.req.valid('query');
      return c.json({ value: await policyValue(db, key, region ?? null, year) }, 200);
    })
    .openapi(createValueRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const input = c.req.valid('json');
      if (input.regionCode) {
        if (!(await regionCodeExists(db, input.regionCode)))
          throw new AppError('validation', `No region ${input.regionCode}`, {
            errors: [{ path: 'json.regionCode', message: 'no such region' }],
          });
      }
      const row = await insertPolicyValue(db, { ...input, note: input.note ?? null, updatedBy: actor.userId });
      if (!row)
        throw new AppError('conflict', 'A value for this key, place and year exists: change it instead', {
          errors: [{ path: 'json.year', message: 'already set for this key and place' }],
        });
      await writeAudit(db, c, { action: 'create', resourceType: 'policy_value', resourceId: row.id, detail: input });
      return c.json(row, 201);
    })
    .openapi(patchValueRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const input = c.req.valid('json');
      const row = await updatePolicyValue(db, c.req.valid('param').id, {
        ...input,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      });
      if (!row) throw new AppError('not-found', 'No such policy value');
      await writeAudit(db, c, { action: 'update', resourceType: 'policy_value', resourceId: row.id, detail: input });
      return c.json(row, 200);
    });
}
