import type { Db } from '../db/database.ts';

/**
 * Where the demo seeds put their data: the first demo worker's first site (lowest ids first, so
 * every seed picks the same one). Undefined when no worker serves a site yet.
 */
export function firstWorkerSite(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('userRegions', 'userRegions.userId', 'users.id')
    .innerJoin('regions', 'regions.id', 'userRegions.regionId')
    .select(['users.id as workerId', 'regions.id as siteId', 'regions.path as sitePath', 'regions.countyCode'])
    .where('users.role', '=', 'worker')
    .where('regions.level', '=', 'site')
    .orderBy('users.id')
    .orderBy('regions.id')
    .executeTakeFirst();
}
