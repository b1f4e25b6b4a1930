import type { Role } from '@anju/domain/enums';
import { sql } from 'kysely';
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

/** What an actor is made of: the user's row, its own region's path and its assigned sites' paths. */
export interface ActorRow {
  id: string;
  role: Role;
  name: string;
  status: string;
  department: string | null;
  personId: string | null;
  regionPath: string | null;
  assignedPaths: string[];
}

/**
 * The user and the paths of their assigned regions in one query (one round trip): the columns an
 * Actor is made of, for `loadActor` and for the session middleware (sessions.ts joins it to the session).
 */
export function actorColumns(db: Db) {
  return db
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
      sql<
        string[]
      >`array(select r.path from user_regions ur join regions r on r.id = ur.region_id where ur.user_id = users.id)`.as(
        'assignedPaths',
      ),
    ]);
}

/** The actor of an active user's row (undefined for a disabled one). */
export function actorOf(user: ActorRow | undefined): Actor | undefined {
  if (user?.status !== 'active') return undefined;
  const regionPaths = [...(user.regionPath ? [user.regionPath] : []), ...user.assignedPaths];
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

export async function loadActor(db: Db, userId: string): Promise<Actor | undefined> {
  return actorOf(await actorColumns(db).where('users.id', '=', userId).executeTakeFirst());
}
