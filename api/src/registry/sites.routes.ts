import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { regionScope, requireRole } from '../access/policy.ts';
import type { Database, Db } from '../db/database.ts';
import { insertRow } from '../db/row-values.ts';
import type { AppDeps } from '../http/env.ts';
import { paged, pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { insertRegion } from '../regions/queries.ts';
import { mayCreateUnder } from '../regions/service.ts';
import { siteDataQuality } from './data-quality.ts';
import { idParams, siteCreateBody, siteListQuery, siteSchema, siteUpdateBody } from './schema.ts';

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

/** Sites the actor may see: regions of level 'site' in their region scope (helpers: their sites). */
function sitesQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('regions')
    .leftJoin('sites', 'sites.regionId', 'regions.id')
    .where('regions.level', '=', 'site')
    .where('regions.retiredAt', 'is', null)
    .where(regionScope<Database, 'regions' | 'sites'>(actor, 'regions.path'))
    .select([
      'regions.id',
      'regions.code',
      'regions.name',
      'regions.path',
      'regions.countyCode',
      'sites.kind',
      'sites.setting',
      'sites.address',
      'sites.lat',
      'sites.lng',
      'sites.capacityHouseholds',
      sql<string[]>`coalesce(sites.facilities, '{}')`.as('facilities'),
      sql<number>`(select count(*)::int from households h where h.site_id = regions.id)`.as('householdCount'),
      sql<number>`(select count(*)::int from persons p join households h on h.id = p.household_id where h.site_id = regions.id)`.as(
        'personCount',
      ),
    ]);
}

export function siteRoutes(deps: AppDeps) {
  const { db } = deps;
  const readSite = async (actor: Actor, id: string) => {
    const site = await sitesQuery(db, actor).where('regions.id', '=', id).executeTakeFirst();
    if (!site) throw outOfScope('site');
    return site;
  };
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      const query = c.req.valid('query');
      let base = sitesQuery(db, actor);
      if (query.q) {
        const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
        base = base.where((eb) => eb.or([eb('regions.name', 'like', like), eb('regions.code', 'like', like)]));
      }
      if (query.countyCode) base = base.where('regions.countyCode', '=', query.countyCode);
      if (query.kind) base = base.where('sites.kind', '=', query.kind);
      if (query.setting) base = base.where('sites.setting', '=', query.setting);
      const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'desc'] : [query.sort, 'asc'];
      const sorted = (filtered: typeof base) =>
        filtered.orderBy(`regions.${column}` as 'regions.code', direction as 'asc').orderBy('regions.id');
      return c.json(await paged(base, sorted, query), 200);
    })
    .openapi(readRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker', 'helper');
      return c.json(await readSite(actor, c.req.valid('param').id), 200);
    })
    .openapi(createSiteRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { code, name, parentCode, ...facts } = c.req.valid('json');
      const id = await db.transaction().execute(async (trx) => {
        // A site hangs under any level of the administrative tree (a county, a village, a grid …).
        const parent = await trx
          .selectFrom('regions')
          .select(['level', 'path', 'retiredAt'])
          .where('code', '=', parentCode)
          .executeTakeFirst();
        if (!parent || parent.level === 'site' || parent.retiredAt) {
          throw new AppError('validation', 'No such region', {
            errors: [
              {
                path: 'json.parentCode',
                message: 'must be the code of a live region that is not a site',
                code: 'not-allowed',
              },
            ],
          });
        }
        if (!mayCreateUnder(actor, parent.path)) {
          throw new AppError('forbidden', 'The region is outside the regions you manage', {
            errors: [{ path: 'json.parentCode', message: 'outside your regions', code: 'outside-scope' }],
          });
        }
        if (await trx.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirst()) {
          throw new AppError('conflict', 'This region code is taken', {
            errors: [{ path: 'json.code', message: 'already used', code: 'taken' }],
          });
        }
        const region = await insertRegion(trx, { code, name, level: 'site', parentCode });
        await trx
          .insertInto('sites')
          .values({
            regionId: region.id,
            ...facts,
            address: facts.address ?? null,
            lat: facts.lat ?? null,
            lng: facts.lng ?? null,
            capacityHouseholds: facts.capacityHouseholds ?? null,
          })
          .execute();
        await writeAudit(trx, c, { action: 'create', resourceType: 'site', resourceId: region.id });
        return region.id;
      });
      return c.json(await readSite(actor, id), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      const { name, ...facts } = c.req.valid('json');
      await readSite(actor, id);
      await db.transaction().execute(async (trx) => {
        if (name) await trx.updateTable('regions').set({ name }).where('id', '=', id).execute();
        const existing = await trx.selectFrom('sites').select('regionId').where('regionId', '=', id).executeTakeFirst();
        const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
        if (existing) {
          if (Object.keys(defined).length) {
            await trx
              .updateTable('sites')
              .set({ ...defined, updatedAt: new Date() })
              .where('regionId', '=', id)
              .execute();
          }
        } else {
          if (!facts.kind || !facts.setting) {
            throw new AppError('validation', 'A site without facts needs kind and setting first', {
              errors: [{ path: 'json.kind', message: 'required', code: 'required' }],
            });
          }
          await trx
            .insertInto('sites')
            .values(insertRow('sites', { regionId: id, kind: facts.kind, setting: facts.setting, ...defined }))
            .execute();
        }
        await writeAudit(trx, c, {
          action: 'update',
          resourceType: 'site',
          resourceId: id,
          fields: Object.keys(c.req.valid('json')),
        });
      });
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
