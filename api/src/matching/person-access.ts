import type { Actor } from '../access/actor.ts';
import { coversRegion } from '../access/scope.ts';
import type { Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';

/** How an actor reaches a person: as the person, their helper (帮扶干部), a worker on their site, or an official. */
export type PersonAccess = 'self' | 'helper' | 'worker' | 'official';

export interface PersonInScope {
  personId: string;
  householdId: string;
  countyCode: string;
  access: PersonAccess;
}

/**
 * The person's matches, pathways and applications are theirs: a resident sees their own, a
 * helper those of assigned households, a worker those on their sites, officials and admins those
 * in their region. Anyone else gets the audited 404 of a resource out of scope.
 */
export async function personInScope(db: Db, actor: Actor, personId: string): Promise<PersonInScope> {
  const row = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .innerJoin('regions', 'regions.id', 'households.siteId')
    .select(['persons.id', 'persons.householdId', 'persons.countyCode', 'regions.path'])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', 'No such person');
  const found = (access: PersonAccess): PersonInScope => ({
    personId: row.id,
    householdId: row.householdId,
    countyCode: row.countyCode,
    access,
  });
  switch (actor.role) {
    case 'resident':
      if (actor.personId === row.id) return found('self');
      break;
    case 'helper': {
      const assigned = await db
        .selectFrom('helperAssignments')
        .select('householdId')
        .where('userId', '=', actor.userId)
        .where('householdId', '=', row.householdId)
        .executeTakeFirst();
      if (assigned) return found('helper');
      break;
    }
    case 'worker':
      if (coversRegion(actor, row.path)) return found('worker');
      break;
    case 'official':
    case 'admin':
      if (coversRegion(actor, row.path)) return found('official');
      break;
    case 'employer':
      break;
  }
  throw outOfScope('person');
}
