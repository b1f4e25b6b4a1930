import { chinaToday } from '@anju/domain/clock';
import { ageOn } from '@anju/domain/dates';
import { checkIdNumber } from '@anju/domain/id-number';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { decryptField } from './id-number.ts';

export interface QualityCheck {
  code: string;
  count: number;
  personIds: string[];
  householdIds: string[];
}

/**
 * The data-quality report of one site (数据质量): what a worker should fix before the numbers
 * can be trusted. Each check lists the people or households concerned.
 */
export async function siteDataQuality(
  db: Db,
  encryptionKey: string | undefined,
  siteId: string,
): Promise<QualityCheck[]> {
  const today = chinaToday();
  const people = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select([
      'persons.id',
      'persons.idNumberEncrypted',
      'persons.birthDate',
      'persons.education',
      'persons.laborCapacity',
      'persons.employmentStatus',
    ])
    .where('households.siteId', '=', siteId)
    .orderBy('persons.id')
    .execute();
  const households = await db
    .selectFrom('households')
    .select([
      'id',
      'responsibleWorkerId',
      sql<number>`(select count(*)::int from persons p where p.household_id = households.id and p.relation = 'head')`.as(
        'heads',
      ),
      sql<number>`(select count(*)::int from persons p where p.household_id = households.id)`.as('members'),
    ])
    .where('siteId', '=', siteId)
    .orderBy('id')
    .execute();
  const personCheck = (code: string, test: (p: (typeof people)[number]) => boolean): QualityCheck => {
    const personIds = people.filter(test).map((p) => p.id);
    return { code, count: personIds.length, personIds, householdIds: [] };
  };
  const householdCheck = (code: string, test: (h: (typeof households)[number]) => boolean): QualityCheck => {
    const householdIds = households.filter(test).map((h) => h.id);
    return { code, count: householdIds.length, personIds: [], householdIds };
  };
  return [
    personCheck('missing_id_number', (p) => !p.idNumberEncrypted),
    personCheck(
      'invalid_id_number',
      (p) =>
        Boolean(p.idNumberEncrypted) &&
        !checkIdNumber(decryptField(encryptionKey, p.idNumberEncrypted as string)).valid,
    ),
    // Able to work but nothing recorded about work: 有劳动能力但无就业记录.
    personCheck(
      'labor_capacity_without_employment',
      (p) => (p.laborCapacity === 'full' || p.laborCapacity === 'weak') && p.employmentStatus === 'not_seeking',
    ),
    // 劳动能力未登记 (a roster without the column): matched as able, counted as not; to complete.
    personCheck('labor_capacity_unknown', (p) => p.laborCapacity === 'unknown'),
    personCheck(
      'over_16_without_education',
      (p) => p.birthDate !== null && ageOn(p.birthDate, today) > 16 && !p.education,
    ),
    householdCheck('household_without_responsible_worker', (h) => !h.responsibleWorkerId),
    householdCheck('household_without_head', (h) => Number(h.heads) !== 1),
    householdCheck('household_without_members', (h) => Number(h.members) === 0),
  ];
}
