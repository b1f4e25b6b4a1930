import { type ExpressionBuilder, type ExpressionWrapper, type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../http/problem.ts';
import type { Actor } from './actor.ts';

/** True when a region (by its path) lies inside what the actor covers. */
export function coversRegion(actor: Actor, regionPath: string): boolean {
  return actor.allRegions || actor.regionPaths.some((scope) => regionPath.startsWith(scope));
}

/**
 * A WHERE condition limiting rows to the actor's regions, given the SQL reference of a
 * region path column (e.g. `regions.path`). The one place region scoping is written.
 */
export function regionScope<DB, TB extends keyof DB>(actor: Actor, pathColumn: string) {
  return (eb: ExpressionBuilder<DB, TB>): ExpressionWrapper<DB, TB, SqlBool> => {
    if (actor.allRegions) return eb.val(true) as never;
    if (actor.regionPaths.length === 0) return eb.val(false) as never;
    return eb.or(
      actor.regionPaths.map((scope) => eb(sql.ref(pathColumn), 'like', `${scope.replace(/[%_\\]/g, '\\$&')}%`)),
    ) as never;
  };
}

/** Refuses the request unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...allowed: Actor['role'][]): void {
  if (!allowed.includes(actor.role)) throw new AppError('forbidden', `Not available to the ${actor.role} role`);
}

/**
 * A SQL condition on a query with `users` in FROM: a worker's or helper's account whose assigned
 * regions overlap the actor's (one lies inside the other). An admin or root official reaches all.
 * The one place "staff in my scope" is written (pickers, helper pairing, hand-over).
 */
export function staffInScope(actor: Actor): RawBuilder<boolean> {
  if (actor.allRegions) return sql<boolean>`true`;
  if (actor.regionPaths.length === 0) return sql<boolean>`false`;
  const scopes = actor.regionPaths;
  return sql<boolean>`exists (select 1 from user_regions staff_ur join regions staff_r on staff_r.id = staff_ur.region_id
    where staff_ur.user_id = users.id
      and exists (select 1 from unnest(${scopes}::text[]) scope_path
        where staff_r.path like scope_path || '%' or scope_path like staff_r.path || '%'))`;
}
