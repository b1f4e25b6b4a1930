import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible, likePrefix, overlapsRegion, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';

/** Roles that may read tracking records at all; employers never see income or 低保. */
export const trackingReaders = ['resident', 'helper', 'worker', 'official', 'admin'] as const;
/** Roles that record visits, income and assessments (a helper only for assigned households). */
export const trackingRecorders = ['helper', 'worker', 'admin'] as const;
/** Roles that decide: 低保 transitions, monitoring category, alerts. */
export const trackingDeciders = ['worker', 'admin'] as const;

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
  const household = await scopedHouseholds(db, actor)
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
    .executeTakeFirst();
  if (!household) throw outOfScope('household');
  return household;
}

/**
 * The households the actor sees, each with its site (`site`): the one scoped household join every
 * tracking list and ledger starts from, joining its own records (`visits`, `alerts`, …) to it.
 */
export function scopedHouseholds(db: Db, actor: Actor) {
  return db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .where(householdVisible(actor));
}

/** The region by code, if the actor covers it (a site is a region too). */
export async function findScopedRegion(db: Db, actor: Actor, code: string) {
  const region = await db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!region) throw new AppError('not-found', `No region ${code}`);
  if (!overlapsRegion(actor, region.path)) throw outOfScope('region');
  return region;
}

/** `site.path` prefix condition for a region's households, as raw SQL. */
export const underRegion = (path: string) => sql<boolean>`site.path like ${likePrefix(path)}`;
