import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { postingSites } from './posting-sites.queries.ts';

const postingSite = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  })
  .openapi('PostingSite');

/**
 * 安置点 as an employer needs them to post: name and location only (no roster figures), so a job
 * can lie near a site and name the sites its shuttle (班车) runs from.
 */
export function postingSiteRoutes({ db }: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['jobs'],
      summary: 'Resettlement sites by name or code, with their location, for placing postings',
      request: { query: z.object({ q: z.string().trim().max(50).optional() }) },
      responses: {
        200: {
          description: 'Up to 50 sites',
          content: { 'application/json': { schema: z.object({ items: z.array(postingSite) }) } },
        },
      },
    }),
    async (c) => {
      requireRole(requireActor(c), 'employer', 'worker', 'admin');
      const { q } = c.req.valid('query');
      return c.json({ items: await postingSites(db, q) }, 200);
    },
  );
}
