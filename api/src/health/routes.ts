import { createRoute, z } from '@hono/zod-openapi';
import { pingDatabase } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';

const partStatus = z.enum(['ok', 'down']);
const healthSchema = z.object({ status: partStatus, db: partStatus, search: partStatus }).openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness of the API, PostgreSQL and Meilisearch',
  responses: {
    200: { description: 'All parts are up', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'A part is down', content: { 'application/json': { schema: healthSchema } } },
  },
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

const liveRoute = createRoute({
  method: 'get',
  path: '/live',
  summary: 'Liveness of the API process alone (no database or search call)',
  responses: {
    200: {
      description: 'The process answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export function healthRoutes({ db, search }: AppDeps) {
  return createRouter()
    .openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(healthRoute, async (c) => {
      const [dbUp, searchUp] = await Promise.all([
        withTimeout(pingDatabase(db), 2_000).then(
          () => true,
          () => false,
        ),
        withTimeout(search.isHealthy(), 2_000).catch(() => false),
      ]);
      const body = {
        status: dbUp && searchUp ? ('ok' as const) : ('down' as const),
        db: dbUp ? ('ok' as const) : ('down' as const),
        search: searchUp ? ('ok' as const) : ('down' as const),
      };
      return body.status === 'ok' ? c.json(body, 200) : c.json(body, 503);
    });
}
