import type { Db } from '../db/database.ts';

/** The people who applied for a job and have not withdrawn. */
export async function appliedPersonIds(db: Db, jobId: string) {
  const applied = await db
    .selectFrom('applications')
    .select('personId')
    .where('kind', '=', 'job')
    .where('opportunityId', '=', jobId)
    .where('state', 'not in', ['withdrawn'])
    .execute();
  return applied.map((a) => a.personId);
}

/** What a candidate card shows of each person (masked by the route), with the site's path for scope. */
export function candidateCards(db: Db, personIds: string[]) {
  return db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .innerJoin('regions', 'regions.id', 'households.siteId')
    .select([
      'persons.id',
      'persons.name',
      'persons.birthDate',
      'persons.phone',
      'regions.name as site',
      'regions.path',
    ])
    .where('persons.id', 'in', personIds)
    .execute();
}
