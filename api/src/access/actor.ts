import type { Role } from '@anju/domain/enums';
import type { Db } from '../db/database.ts';

/**
 * Who is asking, and what they may reach. Resolved once per request from the session;
 * every scoped query takes it.
 */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  /** True for an admin, or an official whose region is the root: no region filter applies. */
  allRegions: boolean;
  /** Region paths (`/1/4/`) the actor covers: an official's region, a worker's or helper's sites. */
  regionPaths: string[];
  department: string | null;
  /** A resident's own person in the registry. */
  personId: string | null;
}

export async function loadActor(db: Db, userId: string): Promise<Actor | undefined> {
  const user = await db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.regionId')
    .select([
      'users.id',
      'users.role',
      'users.name',
      'users.status',
      'users.department',
      'users.personId',
      'regions.path as regionPath',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (user?.status !== 'active') return undefined;
  const assigned = await db
    .selectFrom('userRegions')
    .innerJoin('regions', 'regions.id', 'userRegions.regionId')
    .select('regions.path')
    .where('userRegions.userId', '=', userId)
    .execute();
  const regionPaths = [...(user.regionPath ? [user.regionPath] : []), ...assigned.map((row) => row.path)];
  const isRootOfficial =
    user.role === 'official' && user.regionPath !== null && user.regionPath.split('/').length === 3;
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    allRegions: user.role === 'admin' || isRootOfficial,
    regionPaths,
    department: user.department,
    personId: user.personId,
  };
}
