import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { siteDataQuality } from './data-quality.ts';
import { idParams, siteCreateBody, siteListQuery, siteSchema, siteUpdateBody } from './schema.ts';
import { createSite, sitesPage, updateSite, visibleSite } from './sites.queries.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Resettlement sites (安置点) in the caller’s regions, with household and people counts',
  request: { query: siteListQuery },
  responses: { 200: json(pageOf(siteSchema, 'SitePage'), 'A page of sites') },
});
const readRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One site with its facts and counts',
  request: { params: idParams },
  responses: { 200: json(siteSchema, 'The site'), 404: { description: 'No such site (or not yours)' } },
});
const createSiteRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a site under any region: county, township, village, grid … (admin)',
  request: body(siteCreateBody),
  responses: { 201: json(siteSchema, 'Created') },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change a site’s facts (admin)',
  request: { params: idParams, ...body(siteUpdateBody) },
  responses: { 200: json(siteSchema, 'Updated') },
});
const qualityRoute = createRoute({
  method: 'get',
  path: '/{id}/data-quality',
  summary: 'Data-quality report of a site: missing or invalid ID numbers, gaps in employment, education, workers',
  request: { params: idParams },
  responses: {
    200: json(
      z
        .object({
          siteId: z.string(),
          checks: z.array(
            z.object({
              code: z.string(),
              count: z.number().int(),
              personIds: z.array(z.string()),
              householdIds: z.array(z.string()),
            }),
          ),
        })
        .openapi('SiteDataQuality'),
      'The report',
    ),
  },
});

export function siteRoutes(deps: AppDeps) {
  const { db } = deps;
  const readSite = (actor: Actor, id: string) => visibleSite(db, actor, id);
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      const query = c.req.valid('query');
      return c.json(await sitesPage(db, actor, query), 200);
    })
    .openapi(readRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      return c.json(await readSite(actor, c.req.valid('param').id), 200);
    })
    .openapi(createSiteRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const id = await createSite(db, c, actor, c.req.valid('json'));
      return c.json(await readSite(actor, id), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      await readSite(actor, id);
      await updateSite(db, c, id, c.req.valid('json'));
      return c.json(await readSite(actor, id), 200);
    })
    .openapi(qualityRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker');
      const { id } = c.req.valid('param');
      await readSite(actor, id);
      return c.json({ siteId: id, checks: await siteDataQuality(db, deps.config.dataEncryptionKey, id) }, 200);
    });
}
