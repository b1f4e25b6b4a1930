import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../api/src/db/database.ts';
import type { JobTable, TrainingTable } from '../../api/src/opportunities/opportunities.tables.ts';
import type { PersonTable } from '../../api/src/registry/registry.tables.ts';
import type { RegionTree } from './fixtures.ts';

/** A household on a site with one working-age person: the least the matching and applications tests need. */
export async function createHouseholdWithPerson(
  db: Db,
  site: RegionTree['siteA1'],
  countyCode: string,
  person: Partial<Insertable<PersonTable>> = {},
) {
  const household = await db
    .insertInto('households')
    .values({ householdNumber: `H${randomBytes(5).toString('hex')}`, countyCode, siteId: site.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const personId = await addPerson(db, household.id, countyCode, person);
  return { householdId: household.id, personId };
}

/** A person of a household: its head, of working age, able and looking for work, unless `person` says otherwise. */
export async function addPerson(
  db: Db,
  householdId: string,
  countyCode: string,
  person: Partial<Insertable<PersonTable>> = {},
): Promise<string> {
  const row = await db
    .insertInto('persons')
    .values({
      householdId,
      countyCode,
      name: '张三',
      idNumberEncrypted: null,
      idNumberHash: null,
      idNumberMasked: null,
      birthDate: '1990-05-01',
      sex: null,
      phone: null,
      relation: 'head',
      education: null,
      laborCapacity: 'full',
      healthNotesEncrypted: null,
      employmentStatus: 'unemployed_seeking',
      maxCommuteKm: 10,
      ...person,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function giveSkill(
  db: Db,
  personId: string,
  countyCode: string,
  skillCode: string,
  level: number,
  certificate: string | null = null,
) {
  await db
    .insertInto('personSkills')
    .values({ personId, skillCode, countyCode, level, certificate, certifiedOn: null })
    .execute();
}

/** An open sewing job (缝纫工) near site coordinates, for route and matrix tests. */
export async function insertOpenJob(db: Db, employerId: string, overrides: Partial<Insertable<JobTable>> = {}) {
  return db
    .insertInto('jobs')
    .values({
      employerId,
      title: '缝纫工',
      description: '',
      status: 'open',
      address: null,
      lat: 26.59,
      lng: 106.72,
      startDate: null,
      deadline: null,
      createdBy: null,
      occupationCode: null,
      requiredSkills: JSON.stringify([{ code: 'garment.sewing', minLevel: 1 }]),
      optionalSkills: [],
      headcount: 1,
      payMin: 3500,
      payMax: 4500,
      payUnit: 'month',
      payFrequency: 'monthly',
      hours: null,
      shifts: null,
      employmentType: 'full_time',
      destination: null,
      shuttleSiteIds: [],
      accommodation: false,
      ageMin: null,
      ageMax: null,
      physicalDemand: 'light',
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** An open, subsidised course (技能培训) near the site coordinates that teaches one skill to a level. */
export async function insertOpenTraining(
  db: Db,
  employerId: string,
  skill: { code: string; level: number },
  overrides: Partial<Insertable<TrainingTable>> = {},
) {
  const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  return db
    .insertInto('trainings')
    .values({
      employerId,
      title: '叉车司机培训',
      description: '',
      status: 'open',
      address: null,
      lat: 26.59,
      lng: 106.72,
      startDate: inDays(14),
      endDate: inDays(26),
      deadline: inDays(10),
      createdBy: null,
      skillsTaught: JSON.stringify([skill]),
      certificate: '特种设备作业人员证（N1）',
      schedule: null,
      seats: 30,
      cost: 0,
      subsidyEligible: true,
      childcare: false,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
