import { type ExpressionBuilder, type ExpressionWrapper, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import type { Actor } from './actor.ts';

/**
 * The one access policy: who sees which region, household (户) and person. Each rule is written
 * once, as a plain description (`householdReach`, `regionReach`), and everything else is derived
 * from it here — the SQL (Kysely) conditions, the Meilisearch filter and the in-memory checks —
 * so the database, the search index and the code can never disagree
 * (`tests/access/policy.test.ts` checks SQL and search against each other on random trees).
 *
 * - admin: everything;
 * - official (干部): their region's subtree, read only (a root official: everything);
 * - worker (社区工作者): the households on the sites (or regions) they are assigned;
 * - helper (帮扶干部): the households assigned to them;
 * - resident (住户): their own household (and, for a person's own records, themselves only);
 * - employer (用工企业): no household at all — they see applicants only, through applications to
 *   the opportunities they own (`applications/`), never the registry.
 */

/** What a region-scoped actor covers: everything, nothing, or the subtrees under these paths. */
export type RegionReach = { kind: 'all' } | { kind: 'none' } | { kind: 'regions'; paths: string[] };

/** Which households an actor sees. */
export type HouseholdReach =
  | RegionReach
  /** 帮扶: the households in `helper_assignments` for this user. */
  | { kind: 'assigned'; helperId: string }
  /** The household the person lives in. */
  | { kind: 'own'; personId: string };

const ALL = { kind: 'all' } as const;
const NONE = { kind: 'none' } as const;

/** The regions an actor covers: an admin or root official all, otherwise their region paths (`/1/4/`). */
export function regionReach(actor: Actor): RegionReach {
  if (actor.allRegions) return ALL;
  if (actor.regionPaths.length === 0) return NONE;
  return { kind: 'regions', paths: actor.regionPaths };
}

/** The households an actor sees (the rule above, as data). */
export function householdReach(actor: Actor): HouseholdReach {
  switch (actor.role) {
    case 'admin':
      return ALL;
    case 'official':
    case 'worker':
      return regionReach(actor);
    case 'helper':
      return { kind: 'assigned', helperId: actor.userId };
    case 'resident':
      return actor.personId ? { kind: 'own', personId: actor.personId } : NONE;
    default:
      return NONE;
  }
}

// ---- the region rule, three ways -------------------------------------------------------------

/** A LIKE pattern matching a region path and everything under it. */
export const likePrefix = (path: string) => `${path.replace(/[%_\\]/g, '\\$&')}%`;

/** True when a region (by its path) lies inside what the actor covers. */
export function coversRegion(actor: Actor, regionPath: string): boolean {
  const reach = regionReach(actor);
  if (reach.kind !== 'regions') return reach.kind === 'all';
  return reach.paths.some((scope) => regionPath.startsWith(scope));
}

/** True when a region lies inside what the actor covers or contains part of it (a report on a city for a county official). */
export function overlapsRegion(actor: Actor, regionPath: string): boolean {
  const reach = regionReach(actor);
  if (reach.kind !== 'regions') return reach.kind === 'all';
  return reach.paths.some((scope) => regionPath.startsWith(scope) || scope.startsWith(regionPath));
}

/** `column like any(prefixes)`: a path column inside one of the subtrees. */
function pathUnder(column: RawBuilder<unknown>, paths: string[]): RawBuilder<boolean> {
  return sql<boolean>`${column} like any(${paths.map(likePrefix)}::text[])`;
}

/** A SQL condition: the region path column (e.g. `regions.path`) lies inside what the actor covers. */
export function regionScope<DB, TB extends keyof DB>(actor: Actor, pathColumn: string) {
  return (eb: ExpressionBuilder<DB, TB>): ExpressionWrapper<DB, TB, SqlBool> =>
    eb.and([regionScopeSql(actor, pathColumn)]);
}

/** The same rule as one SQL condition, for queries over an aliased table (`regions as kid`). */
export function regionScopeSql(actor: Actor, pathColumn: string): RawBuilder<boolean> {
  return regionCondition(regionReach(actor), pathColumn);
}

function regionCondition(reach: RegionReach, pathColumn: string): RawBuilder<boolean> {
  if (reach.kind === 'all') return sql<boolean>`true`;
  if (reach.kind === 'none') return sql<boolean>`false`;
  return pathUnder(sql.ref(pathColumn), reach.paths);
}

/**
 * A SQL condition on a query with `users` in FROM: a worker's or helper's account whose assigned
 * regions overlap the actor's (one lies inside the other). An admin or root official reaches all.
 * "Staff in my scope" (pickers, helper pairing, hand-over).
 */
export function staffInScope(actor: Actor): RawBuilder<boolean> {
  const reach = regionReach(actor);
  if (reach.kind !== 'regions') return reach.kind === 'all' ? sql<boolean>`true` : sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from user_regions staff_ur join regions staff_r on staff_r.id = staff_ur.region_id
    where staff_ur.user_id = users.id
      and exists (select 1 from unnest(${reach.paths}::text[]) scope_path
        where staff_r.path like scope_path || '%' or scope_path like staff_r.path || '%'))`;
}

/** A SQL condition: the account `userColumn` is assigned a region containing the site `siteColumn` (a worker's sites). */
export function siteCoveredBy(userColumn: RawBuilder<unknown>, siteColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from user_regions cover_ur join regions cover_r on cover_r.id = cover_ur.region_id
    join regions cover_site on cover_site.id = ${siteColumn}
    where cover_ur.user_id = ${userColumn} and cover_site.path like cover_r.path || '%')`;
}

// ---- the household rule, three ways ----------------------------------------------------------

/**
 * Which households an actor sees, as a SQL condition on a query that has `households` in FROM.
 * The person rule (`personVisible`) and the search filter (`householdSearchFilter`) agree with it.
 */
export function householdVisible(actor: Actor): RawBuilder<boolean> {
  const reach = householdReach(actor);
  switch (reach.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'regions':
      return sql<boolean>`exists (select 1 from regions scope_site where scope_site.id = households.site_id and ${pathUnder(sql.ref('scope_site.path'), reach.paths)})`;
    case 'assigned':
      return sql<boolean>`exists (select 1 from helper_assignments scope_ha where scope_ha.household_id = households.id and scope_ha.user_id = ${reach.helperId})`;
    case 'own':
      return sql<boolean>`households.id = (select scope_p.household_id from persons scope_p where scope_p.id = ${reach.personId})`;
  }
}

/**
 * Whose own records (matches, pathways, applications) an actor reaches, as a SQL condition on a
 * query with `persons` joined to `households`: a resident only themselves, everyone else the
 * people of the households they see.
 */
export function personVisible(actor: Actor): RawBuilder<boolean> {
  const reach = householdReach(actor);
  if (reach.kind === 'own') return sql<boolean>`persons.id = ${reach.personId}`;
  return householdVisible(actor);
}

/**
 * The Meilisearch filter for an index of people or households whose documents carry
 * `householdId` and `regionIds` (every region of the site, from its path): null when nothing is
 * filtered, false when nothing may be seen. The same rule as `householdVisible`.
 */
export async function householdSearchFilter(db: Db, actor: Actor): Promise<string | null | false> {
  const quote = (ids: string[]) => ids.map((id) => `"${id.replace(/\D/g, '')}"`).join(', ');
  const reach = householdReach(actor);
  switch (reach.kind) {
    case 'all':
      return null;
    case 'none':
      return false;
    case 'regions':
      // A path `/1/4/9/` lies under `/1/4/` exactly when its site's ancestors include region 4.
      return `regionIds IN [${quote(reach.paths.map((path) => path.split('/').filter(Boolean).at(-1) as string))}]`;
    case 'assigned': {
      const rows = await db
        .selectFrom('helperAssignments')
        .select('householdId')
        .where('userId', '=', reach.helperId)
        .execute();
      return rows.length ? `householdId IN [${quote(rows.map((row) => row.householdId))}]` : false;
    }
    case 'own': {
      const row = await db
        .selectFrom('persons')
        .select('householdId')
        .where('id', '=', reach.personId)
        .executeTakeFirst();
      return row ? `householdId IN [${quote([row.householdId])}]` : false;
    }
  }
}

/** How an actor reaches a person: as the person, their helper (帮扶干部), a worker on their site, or an official. */
export type PersonAccess = 'self' | 'helper' | 'worker' | 'official';

export interface PersonInScope {
  personId: string;
  householdId: string;
  countyCode: string;
  access: PersonAccess;
}

const accessOf: Record<Actor['role'], PersonAccess | null> = {
  resident: 'self',
  helper: 'helper',
  worker: 'worker',
  official: 'official',
  admin: 'official',
  employer: null,
};

/**
 * A person whose own records (matches, pathways, applications) the actor reaches (`personVisible`),
 * and how; a 404 for no such person, the audited 404 of a resource out of scope otherwise.
 */
export async function personInScope(db: Db, actor: Actor, personId: string): Promise<PersonInScope> {
  const row = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select(['persons.id', 'persons.householdId', 'persons.countyCode', personVisible(actor).as('visible')])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', 'No such person');
  const access = accessOf[actor.role];
  if (!row.visible || !access) throw outOfScope('person');
  return { personId: row.id, householdId: row.householdId, countyCode: row.countyCode, access };
}

// ---- roles -----------------------------------------------------------------------------------

/** Refuses the request unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...allowed: Actor['role'][]): void {
  if (!allowed.includes(actor.role)) throw new AppError('forbidden', `Not available to the ${actor.role} role`);
}

/** The region rule (`regionScope`) as a plain SQL condition on a path column, for any query or raw SQL. */
export function regionCovered(actor: Actor, pathColumn: string): RawBuilder<boolean> {
  return regionCondition(regionReach(actor), pathColumn);
}
