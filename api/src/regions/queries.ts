import type { RegionLevel } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { countyCodeOf } from './codes.ts';

export interface NewRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode?: string | null;
}

/** Inserts a region under its parent, computing its path and county; returns its id and path. */
export async function insertRegion(db: Db, region: NewRegion): Promise<{ id: string; path: string }> {
  const parent = region.parentCode
    ? await db
        .selectFrom('regions')
        .select(['id', 'path', 'countyCode'])
        .where('code', '=', region.parentCode)
        .executeTakeFirstOrThrow()
    : undefined;
  const inserted = await db
    .insertInto('regions')
    .values({
      code: region.code,
      name: region.name,
      level: region.level,
      parentId: parent?.id ?? null,
      path: 'pending',
      countyCode: countyCodeOf(region, parent?.countyCode ?? null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${inserted.id}/`;
  await db.updateTable('regions').set({ path }).where('id', '=', inserted.id).execute();
  return { id: inserted.id, path };
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

const regionColumns = [
  'regions.id',
  'regions.code',
  'regions.name',
  'regions.level',
  'regions.parentId',
  'regions.path',
  'regions.countyCode',
  'regions.retiredAt',
] as const;

type RegionRow = {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  path: string;
  countyCode: string | null;
  retiredAt: Date | null;
};

/** The one place a region row becomes its API shape. */
export const regionView = (row: RegionRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  level: row.level,
  parentId: row.parentId,
  path: row.path,
  countyCode: row.countyCode,
  retired: row.retiredAt !== null,
});

/** The regions the actor covers, root first (a flat list the portal folds into a tree). */
export async function listRegions(db: Db, actor: Actor, options: { includeRetired: boolean }) {
  let query = db.selectFrom('regions').select(regionColumns).where(regionScope<any, any>(actor, 'regions.path'));
  if (!options.includeRetired) query = query.where('regions.retiredAt', 'is', null);
  const rows = await query.orderBy('regions.path').limit(20_000).execute();
  return rows.map(regionView);
}

export async function findRegion(db: Db, by: { id: string } | { code: string }) {
  const query = db.selectFrom('regions').select(regionColumns);
  return 'id' in by
    ? query.where('regions.id', '=', by.id).executeTakeFirst()
    : query.where('regions.code', '=', by.code).executeTakeFirst();
}

/** Live things below a region (and in it, when a site): sites not retired, households on them. */
export async function liveBelow(db: Db, path: string, exceptSiteId?: string) {
  const row = await db
    .selectFrom('regions')
    .leftJoin('households', 'households.siteId', 'regions.id')
    .select([
      sql<number>`count(distinct regions.id) filter (where regions.level = 'site' and regions.id <> ${exceptSiteId ?? '0'})::int`.as(
        'sites',
      ),
      sql<number>`count(households.id)::int`.as('households'),
    ])
    .where('regions.path', 'like', `${escapeLike(path)}%`)
    .where('regions.retiredAt', 'is', null)
    .executeTakeFirstOrThrow();
  return row;
}

/** Retires a region and everything below it (撤销); returns how many regions were retired. */
export async function retireSubtree(db: Db, path: string): Promise<number> {
  const result = await db
    .updateTable('regions')
    .set({ retiredAt: new Date() })
    .where('path', 'like', `${escapeLike(path)}%`)
    .where('retiredAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Moves a region (and its subtree) under a new parent: every descendant's path is rewritten
 * by prefix; the county code follows when the region lies below county level.
 */
export async function moveSubtree(
  db: Db,
  region: { id: string; path: string; level: RegionLevel },
  parent: { id: string; path: string },
  countyCode: string | null,
): Promise<void> {
  const newPath = `${parent.path}${region.id}/`;
  await db.updateTable('regions').set({ parentId: parent.id }).where('id', '=', region.id).execute();
  await sql`update regions set path = ${newPath} || substr(path, ${region.path.length + 1})
    where path like ${`${escapeLike(region.path)}%`}`.execute(db);
  if (region.level !== 'province' && region.level !== 'city' && region.level !== 'county') {
    await db
      .updateTable('regions')
      .set({ countyCode })
      .where('path', 'like', `${escapeLike(newPath)}%`)
      .execute();
  }
}

/** A county's new code becomes the county code of everything below it. */
export async function recodeCounty(db: Db, path: string, countyCode: string): Promise<void> {
  await db
    .updateTable('regions')
    .set({ countyCode })
    .where('path', 'like', `${escapeLike(path)}%`)
    .execute();
}
