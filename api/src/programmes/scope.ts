import type { Actor } from '../access/actor.ts';
import { coversRegion, personInScope, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { outOfScope } from '../http/problem.ts';

/** Who runs the programmes (records batches, posts, follow-ups): community workers and admins. */
export const programmeWriters = ['worker', 'admin'] as const;
/** Who reads them: also officials (their region, read only). */
export const programmeReaders = ['worker', 'official', 'admin'] as const;

export interface ScopedSite {
  id: string;
  name: string;
  path: string;
  countyCode: string;
}

/**
 * A site (or any region) the actor covers by the one access policy (`coversRegion`): a worker
 * their sites, an official their region, an admin all; 404 (audited) otherwise.
 */
export async function findScopedSite(db: Db, actor: Actor, siteId: string): Promise<ScopedSite> {
  const site = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path', 'countyCode'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site?.countyCode || !coversRegion(actor, site.path)) throw outOfScope('site');
  return { ...site, countyCode: site.countyCode };
}

/** A person the actor reaches (`personInScope`), with the household's site, for programme writes. */
export async function findProgrammePerson(db: Db, actor: Actor, personId: string) {
  requireRole(actor, ...programmeWriters);
  const scoped = await personInScope(db, actor, personId);
  const person = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select([
      'persons.id',
      'persons.name',
      'persons.birthDate',
      'persons.laborCapacity',
      'persons.householdId',
      'persons.countyCode',
      'households.siteId',
      'households.monitoringCategory',
    ])
    .where('persons.id', '=', scoped.personId)
    .executeTakeFirstOrThrow();
  return person;
}
