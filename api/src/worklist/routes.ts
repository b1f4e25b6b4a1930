import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { mapPage } from '../http/paging.ts';
import { json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { worklistPageSchema, worklistQuery } from './schema.ts';
import { worklistCounts, worklistPage } from './worklist.ts';

const worklistReaders = ['helper', 'worker', 'official', 'admin'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The worklist: active alerts and overdue visits in scope, most urgent first (overdue, then severity)',
  request: { query: worklistQuery },
  responses: { 200: json(worklistPageSchema, 'A page of work'), ...problems },
});
const countsRoute = createRoute({
  method: 'get',
  path: '/counts',
  summary: 'How much work there is: in all, past due, due within a week, per kind (the home page)',
  responses: {
    200: json(
      z.object({
        total: z.number().int(),
        overdue: z.number().int(),
        dueWithinWeek: z.number().int(),
        byKind: z.record(z.string(), z.number().int()),
      }),
      'Counts',
    ),
    ...problems,
  },
});

/** 工作清单: what a worker (or helper, official, admin) has to do, one page at a time. */
export function worklistRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...worklistReaders);
      const { page, pageSize, ...filter } = c.req.valid('query');
      const work = await worklistPage(db, actor, chinaToday(), filter, { page, pageSize });
      // Alert explanations quote per-capita income: a read of income figures, audited.
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'worklist',
        fields: ['headName', 'explanation'],
        detail: { count: work.items.length },
      });
      const shown = mapPage(work, (item) => ({
        ...item,
        headName: actor.role === 'official' ? maskName(item.headName) : item.headName,
      }));
      return c.json(shown, 200);
    })
    .openapi(countsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...worklistReaders);
      return c.json(await worklistCounts(db, actor, chinaToday()), 200);
    });
}
