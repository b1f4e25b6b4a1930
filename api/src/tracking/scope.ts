import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionScope, requireRole } from '../access/scope.ts';
import type { Database, Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';

/** Roles that may read tracking records at all; employers never see income or 低保. */
export const trackingReaders = ['resident', 'helper', 'worker', 'official', 'admin'] as const;
/** Roles that record visits, income and assessments (a helper only for assigned households). */
export const trackingRecorders = ['helper', 'worker', 'admin'] as const;
/** Roles that decide: 低保 transitions, monitoring category, alerts. */
export const trackingDeciders = ['worker', 'admin'] as const;

type HouseholdEb = ExpressionBuilder<Database & { site: Database['regions'] }, 'households' | 'site'>;

/**
 * The households an actor may see, as a condition on `households` joined with its site as
 * `site`: workers their sites, officials their region, admins all, helpers their assigned
 * households (帮扶), residents their own household.
 */
export function householdScope(actor: Actor) {
  return (eb: HouseholdEb): ExpressionWrapper<any, any, SqlBool> => {
    switch (actor.role) {
      case 'admin':
        return eb.val(true) as never;
      case 'worker':
      case 'official':
        return regionScope(actor, 'site.path')(eb as never) as never;
      case 'helper':
        return eb(
          'households.id',
          'in',
          eb.selectFrom('helperAssignments').select('helperAssignments.householdId').where('userId', '=', actor.userId),
        ) as never;
      case 'resident':
        if (!actor.personId) return eb.val(false) as never;
        return eb(
          'households.id',
          '=',
          eb.selectFrom('persons').select('persons.householdId').where('persons.id', '=', actor.personId),
        ) as never;
      default:
        return eb.val(false) as never;
    }
  };
}

export interface ScopedHousehold {
  id: string;
  countyCode: string;
  siteId: string;
  sitePath: string;
  householdNumber: string;
  monitoringCategory: string;
  responsibleWorkerId: string | null;
}

/**
 * Loads a household the actor may reach, or refuses: 403 for a role that may not do this at
 * all, 404 (audited) for a household outside the actor's scope or that does not exist.
 */
export async function findScopedHousehold(
  db: Db,
  actor: Actor,
  householdId: string,
  allowedRoles: readonly Actor['role'][] = trackingReaders,
): Promise<ScopedHousehold> {
  requireRole(actor, ...allowedRoles);
  if (!/^\d{1,18}$/.test(householdId)) throw outOfScope('household');
  const household = await db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select([
      'households.id',
      'households.countyCode',
      'households.siteId',
      'site.path as sitePath',
      'households.householdNumber',
      'households.monitoringCategory',
      'households.responsibleWorkerId',
    ])
    .where('households.id', '=', householdId)
    .where(householdScope(actor) as never)
    .executeTakeFirst();
  if (!household) throw outOfScope('household');
  return household;
}

/** The region by code, if the actor covers it (a site is a region too). */
export async function findScopedRegion(db: Db, actor: Actor, code: string) {
  const region = await db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!region) throw new AppError('not-found', `No region ${code}`);
  const covered =
    actor.allRegions ||
    actor.regionPaths.some((scope) => region.path.startsWith(scope) || scope.startsWith(region.path));
  if (!covered) throw outOfScope('region');
  return region;
}

/** `site.path` prefix condition for a region's households, as raw SQL. */
export const underRegion = (path: string) => sql<boolean>`site.path like ${`${path.replace(/[%_\\]/g, '\\$&')}%`}`;
