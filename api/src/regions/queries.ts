import type { Db } from '../db/database.ts';
import type { RegionLevel } from './regions.tables.ts';

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
      countyCode: region.level === 'county' ? region.code : (parent?.countyCode ?? null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${inserted.id}/`;
  await db.updateTable('regions').set({ path }).where('id', '=', inserted.id).execute();
  return { id: inserted.id, path };
}
