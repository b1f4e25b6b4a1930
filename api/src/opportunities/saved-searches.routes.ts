import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/middleware.ts';
import { coversRegion } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import {
  deleteSavedSearch,
  insertSavedSearch,
  savedSearchById,
  savedSearchesOf,
  userRoleAndRegion,
} from './saved-searches.queries.ts';
import { idParam } from './schema.ts';
import { searchQuery } from './search-query.ts';

const savedSearchInput = z
  .object({
    index: z.enum(['jobs', 'trainings', 'projects']),
    name: z.string().trim().min(1).max(100),
    params: searchQuery.omit({ page: true, pageSize: true, sort: true }).partial().openapi({
      description: 'The same parameters as GET /api/search/{index}',
    }),
    userId: z.string().regex(/^\d+$/).optional().openapi({ description: 'A helper saving for a resident' }),
  })
  .openapi('SavedSearchInput');

const savedSearch = z
  .object({
    id: z.string(),
    userId: z.string(),
    index: z.string(),
    name: z.string(),
    params: z.record(z.string(), z.unknown()),
  })
  .openapi('SavedSearch');

/** The resident a helper or worker acts for must live in one of their regions. */
async function resolveOwner(db: Db, actor: Actor, requested: string | undefined): Promise<string> {
  if (!requested || requested === actor.userId) return actor.userId;
  if (actor.role !== 'helper' && actor.role !== 'worker') {
    throw new AppError('forbidden', 'Only helpers and workers save searches for someone else');
  }
  const resident = await userRoleAndRegion(db, requested);
  if (resident?.role !== 'resident' || !resident.path || !coversRegion(actor, resident.path)) {
    throw outOfScope('resident');
  }
  return requested;
}

const toApi = (row: { id: string; userId: string; indexName: string; name: string; params: unknown }) => ({
  id: row.id,
  userId: row.userId,
  index: row.indexName,
  name: row.name,
  params: row.params as Record<string, unknown>,
});

export function savedSearchRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags: ['saved-searches'],
        summary: 'Save a search; new matching postings raise a notification (订阅提醒)',
        request: { body: { content: { 'application/json': { schema: savedSearchInput } }, required: true } },
        responses: { 201: { description: 'Saved', content: { 'application/json': { schema: savedSearch } } } },
      }),
      async (c) => {
        const actor = requireActor(c);
        const values = c.req.valid('json');
        const userId = await resolveOwner(db, actor, values.userId);
        const row = await insertSavedSearch(db, actor, userId, values);
        return c.json(toApi(row), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags: ['saved-searches'],
        summary: 'My saved searches (or a resident’s, for their helper)',
        request: { query: z.object({ userId: z.string().regex(/^\d+$/).optional() }) },
        responses: {
          200: {
            description: 'Saved searches',
            content: { 'application/json': { schema: z.object({ items: z.array(savedSearch) }) } },
          },
        },
      }),
      async (c) => {
        const actor = requireActor(c);
        const userId = await resolveOwner(db, actor, c.req.valid('query').userId);
        const rows = await savedSearchesOf(db, userId);
        return c.json({ items: rows.map(toApi) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags: ['saved-searches'],
        summary: 'Delete a saved search',
        request: { params: idParam },
        responses: { 204: { description: 'Deleted' } },
      }),
      async (c) => {
        const actor = requireActor(c);
        const row = await savedSearchById(db, c.req.valid('param').id);
        if (!row) throw new AppError('not-found', 'No such saved search');
        if (row.userId !== actor.userId && row.createdBy !== actor.userId) throw outOfScope('saved search');
        await deleteSavedSearch(db, row.id);
        return c.body(null, 204);
      },
    );
}
