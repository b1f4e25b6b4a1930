import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { householdSearchFilter, requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { RESIDENTS_INDEX } from './resident-search.ts';

const hit = z
  .object({
    id: z.string(),
    name: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    siteId: z.string(),
    siteName: z.string(),
    relation: z.string(),
    phoneLast4: z.string().nullable(),
  })
  .openapi('ResidentHit');

const searchRoute = createRoute({
  method: 'get',
  path: '/residents',
  summary: 'Find a resident by name, pinyin, initials ("zs" → 张三), household number or phone tail',
  description: 'Results are limited by a server-side filter to the caller’s sites (or a helper’s households).',
  request: {
    query: z.object({
      q: z.string().trim().max(50).default(''),
      page: z.coerce.number().int().min(1).max(50).default(1),
      pageSize: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: {
    200: {
      description: 'Hits',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(hit), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
  },
});

export function residentSearchRoutes(deps: AppDeps) {
  return createRouter().openapi(searchRoute, async (c) => {
    const actor = requireActor(c);
    requireRole(actor, 'admin', 'official', 'worker', 'helper');
    const { q, page, pageSize } = c.req.valid('query');
    const filter = await householdSearchFilter(deps.db, actor);
    if (filter === false) return c.json({ items: [], total: 0, page, pageSize }, 200);
    const result = await deps.search.searchIn(deps.search.indexUid(RESIDENTS_INDEX), {
      q,
      filter: filter ?? undefined,
      hitsPerPage: pageSize,
      page,
    });
    const items = result.hits.map((h) => ({
      id: String(h.id),
      name: String(h.name),
      householdId: String(h.householdId),
      householdNumber: String(h.householdNumber),
      siteId: String(h.siteId),
      siteName: String(h.siteName),
      relation: String(h.relation),
      phoneLast4: (h.phoneLast4 as string | null) ?? null,
    }));
    return c.json({ items, total: result.totalHits ?? items.length, page, pageSize }, 200);
  });
}
