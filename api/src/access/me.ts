import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';

/**
 * What the portal knows about the signed-in account: who, which role and regions, a resident's
 * home site (安置点, with its location so job search can start "near my site"), and the employer
 * an employer account manages. A resident account made for a registered person (住户本人) needs no
 * home site of its own: their household's site is theirs.
 */
export async function meOf(db: Db, actor: Actor) {
  const user = await db
    .selectFrom('users')
    .leftJoin('persons', 'persons.id', 'users.personId')
    .leftJoin('households', 'households.id', 'persons.householdId')
    .leftJoin('regions', (join) => join.on(sql<boolean>`regions.id = coalesce(users.home_site_id, households.site_id)`))
    .leftJoin('sites', 'sites.regionId', 'regions.id')
    .select([
      'users.employerId',
      'regions.id as siteId',
      'regions.code as siteCode',
      'regions.name as siteName',
      'sites.lat',
      'sites.lng',
    ])
    .where('users.id', '=', actor.userId)
    .executeTakeFirst();
  return {
    id: actor.userId,
    role: actor.role,
    name: actor.name,
    department: actor.department,
    regionPaths: actor.regionPaths,
    /** A resident's own person in the registry (住户本人): whose matches and applications they open. */
    personId: actor.personId,
    homeSite:
      user?.siteId && user.siteCode && user.siteName
        ? { id: user.siteId, code: user.siteCode, name: user.siteName, lat: user.lat ?? null, lng: user.lng ?? null }
        : null,
    employerId: user?.employerId ?? null,
  };
}
