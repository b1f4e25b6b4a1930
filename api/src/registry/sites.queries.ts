import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { regionScope } from '../access/policy.ts';
import type { Database, Db } from '../db/database.ts';
import { insertRow } from '../db/row-values.ts';
import type { AppEnv } from '../http/env.ts';
import { paged } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { insertRegion } from '../regions/queries.ts';
import { mayCreateUnder } from '../regions/service.ts';
import type { siteCreateBody, siteListQuery, siteUpdateBody } from './schema.ts';

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

/** One site the actor may see (404 otherwise). */
export async function visibleSite(db: Db, actor: Actor, id: string) {
  const site = await sitesQuery(db, actor).where('regions.id', '=', id).executeTakeFirst();
  if (!site) throw outOfScope('site');
  return site;
}

/** A page of the sites the actor may see, filtered and sorted. */
export function sitesPage(db: Db, actor: Actor, query: z.infer<typeof siteListQuery>) {
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
  return paged(base, sorted, query);
}

/** Creates a site (a region of level 'site' with its facts) under a live region the actor manages, audited. */
export function createSite(db: Db, c: Context<AppEnv>, actor: Actor, input: z.infer<typeof siteCreateBody>) {
  const { code, name, parentCode, ...facts } = input;
  return db.transaction().execute(async (trx) => {
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
}

/** Changes a site's name and facts (a site without facts needs kind and setting first), audited. */
export function updateSite(db: Db, c: Context<AppEnv>, id: string, input: z.infer<typeof siteUpdateBody>) {
  const { name, ...facts } = input;
  return db.transaction().execute(async (trx) => {
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
      fields: Object.keys(input),
    });
  });
}
