import { randomBytes } from 'node:crypto';
import type { Db } from '../../api/src/db/database.ts';
import type { RegionTree } from './fixtures.ts';

/** A household on a site with one working-age person: the least the matching and applications tests need. */
export async function createHouseholdWithPerson(
  db: Db,
  site: RegionTree['siteA1'],
  countyCode: string,
  person: { name?: string; laborCapacity?: 'full' | 'weak' | 'none' } = {},
) {
  const household = await db
    .insertInto('households')
    .values({ householdNumber: `H${randomBytes(5).toString('hex')}`, countyCode, siteId: site.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('persons')
    .values({
      householdId: household.id,
      countyCode,
      name: person.name ?? '张三',
      idNumberEncrypted: null,
      idNumberHash: null,
      idNumberMasked: null,
      birthDate: '1990-05-01',
      sex: null,
      phone: null,
      relation: 'head',
      education: null,
      laborCapacity: person.laborCapacity ?? 'full',
      healthNotesEncrypted: null,
      employmentStatus: 'unemployed_seeking',
      maxCommuteKm: 10,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { householdId: household.id, personId: row.id };
}
