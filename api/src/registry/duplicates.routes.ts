import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { dismissDuplicate, duplicatePairs, mergeDuplicates } from './duplicates.queries.ts';
import { pageQuery } from './schema.ts';
import { requireRegistryWriter } from './scope.ts';

const personBrief = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  householdId: z.string(),
  householdNumber: z.string(),
  /** So a worker can tell the two apart without opening both households. */
  relation: z.string(),
  siteName: z.string(),
});
const duplicatePair = z
  .object({ reason: z.string(), personA: personBrief, personB: personBrief })
  .openapi('DuplicatePair');
const pairBody = z
  .object({ personAId: z.string().regex(/^\d+$/), personBId: z.string().regex(/^\d+$/) })
  .openapi('DuplicateDismiss');
const mergeBody = z
  .object({ keepPersonId: z.string().regex(/^\d+$/), removePersonId: z.string().regex(/^\d+$/) })
  .openapi('DuplicateMerge');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Potential duplicates to review: the same name and birth date in two households',
  request: { query: z.object(pageQuery) },
  responses: {
    200: {
      description: 'A page of pairs',
      content: {
        'application/json': {
          schema: pageOf(duplicatePair, 'DuplicatePairPage'),
        },
      },
    },
  },
});
const dismissRoute = createRoute({
  method: 'post',
  path: '/dismiss',
  summary: 'Not the same person: keep both and stop listing the pair (audited)',
  request: { body: { content: { 'application/json': { schema: pairBody } }, required: true } },
  responses: { 204: { description: 'Dismissed' } },
});
const mergeRoute = createRoute({
  method: 'post',
  path: '/merge',
  summary: 'The same person: keep one record, move skills and history to it, remove the other (audited)',
  request: { body: { content: { 'application/json': { schema: mergeBody } }, required: true } },
  responses: { 204: { description: 'Merged' } },
});

export function duplicateRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { page, pageSize } = c.req.valid('query');
      return c.json(await duplicatePairs(db, actor, { page, pageSize }), 200);
    })
    .openapi(dismissRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { personAId, personBId } = c.req.valid('json');
      const [low, high] = [personAId, personBId].sort((x, y) => Number(x) - Number(y));
      if (low === high)
        throw new AppError('validation', 'Two different people are needed', {
          errors: [{ path: 'json.personBId', message: 'same as personAId', code: 'same-as-other' }],
        });
      await dismissDuplicate(db, c, actor, low, high);
      return c.body(null, 204);
    })
    .openapi(mergeRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { keepPersonId, removePersonId } = c.req.valid('json');
      if (keepPersonId === removePersonId) {
        throw new AppError('validation', 'Two different people are needed', {
          errors: [{ path: 'json.removePersonId', message: 'same as keepPersonId', code: 'same-as-other' }],
        });
      }
      await mergeDuplicates(db, c, actor, keepPersonId, removePersonId);
      return c.body(null, 204);
    });
}
