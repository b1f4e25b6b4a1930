import { chinaToday } from '@anju/domain/clock';
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { paged } from '../http/paging.ts';
import { idNumberHash } from './id-number.ts';
import type { householdListQuery, personListQuery } from './schema.ts';

/** Households with their site, scoped to the actor. */
export function householdsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .where(householdVisible(actor))
    .select([
      'households.id',
      'households.householdNumber',
      'households.siteId',
      'site.code as siteCode',
      'site.name as siteName',
      'households.countyCode',
      'households.building',
      'households.unit',
      'households.room',
      'households.originCounty',
      'households.originTownship',
      'households.originVillage',
      'households.relocationDate',
      'households.monitoringCategory',
      'households.responsibleWorkerId',
      'households.version',
      sql<
        string | null
      >`(select p.name from persons p where p.household_id = households.id and p.relation = 'head' order by p.id limit 1)`.as(
        'headName',
      ),
      sql<number>`(select count(*)::int from persons p where p.household_id = households.id)`.as('memberCount'),
    ]);
}

export type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdsQuery>['executeTakeFirstOrThrow']>>;

/** Persons with their household, scoped to the actor through the household. */
export function personsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .where(householdVisible(actor))
    .select([
      'persons.id',
      'persons.householdId',
      'households.householdNumber',
      'households.siteId',
      'persons.name',
      'persons.idNumberEncrypted',
      'persons.idNumberMasked',
      'persons.birthDate',
      'persons.sex',
      'persons.phone',
      'persons.relation',
      'persons.education',
      'persons.laborCapacity',
      'persons.healthNotesEncrypted',
      'persons.employmentStatus',
      'persons.maxCommuteKm',
      'persons.workModes',
      'persons.willingToWorkAway',
      'persons.hasCareDuties',
      'persons.visibleToEmployers',
      'persons.availableWhere',
      'persons.availableHours',
      'persons.availableFrom',
      'persons.primarySkill',
      'persons.healthEncrypted',
      'persons.version',
    ]);
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof personsQuery>['executeTakeFirstOrThrow']>>;

/** One person the actor may see, or undefined. */
export function visiblePerson(db: Db, actor: Actor, id: string) {
  return personsQuery(db, actor).where('persons.id', '=', id).executeTakeFirst();
}

/** A page of the households the actor may see, filtered and sorted. */
export function householdsPage(db: Db, actor: Actor, query: z.infer<typeof householdListQuery>) {
  let base = householdsQuery(db, actor);
  if (query.siteId) base = base.where('households.siteId', '=', query.siteId);
  if (query.q) base = base.where('households.householdNumber', 'like', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (query.monitoringCategory) base = base.where('households.monitoringCategory', '=', query.monitoringCategory);
  if (query.responsibleWorkerId) base = base.where('households.responsibleWorkerId', '=', query.responsibleWorkerId);
  if (query.laborCapacity) {
    base = base.where(
      sql<boolean>`exists (select 1 from persons f where f.household_id = households.id and f.labor_capacity = ${query.laborCapacity})`,
    );
  }
  if (query.employmentStatus) {
    base = base.where(
      sql<boolean>`exists (select 1 from persons f where f.household_id = households.id and f.employment_status = ${query.employmentStatus})`,
    );
  }
  const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'desc'] : [query.sort, 'asc'];
  const sorted = (filtered: typeof base) =>
    filtered.orderBy(`households.${column}` as 'households.id', direction as 'asc').orderBy('households.id');
  return paged(base, sorted, query);
}

/**
 * A page of the people the actor may see, filtered and sorted; `ageOnly` readers are sorted by
 * age, since an order by the full date would tell birthdays apart.
 */
export function personsPage(
  db: Db,
  actor: Actor,
  key: string | undefined,
  query: z.infer<typeof personListQuery>,
  { ageOnly }: { ageOnly: boolean },
) {
  let base = personsQuery(db, actor);
  if (query.householdId) base = base.where('persons.householdId', '=', query.householdId);
  if (query.siteId) base = base.where('households.siteId', '=', query.siteId);
  if (query.q) base = base.where('persons.name', 'like', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (query.idNumber) {
    base = base.where('persons.idNumberHash', '=', idNumberHash(key, query.idNumber));
  }
  if (query.laborCapacity) base = base.where('persons.laborCapacity', '=', query.laborCapacity);
  if (query.monitoringCategory) base = base.where('households.monitoringCategory', '=', query.monitoringCategory);
  if (query.employmentStatus) {
    base = query.asOf
      ? base.where(historyValueOn('employment_status', 'persons.id', query.asOf), '=', query.employmentStatus)
      : base.where('persons.employmentStatus', '=', query.employmentStatus);
  }
  const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'desc'] : [query.sort, 'asc'];
  const order =
    column === 'birthDate' && ageOnly
      ? sql<number>`-extract(year from age(${chinaToday()}::date, persons.birth_date))`
      : sql.ref(`persons.${column}`);
  const sorted = (filtered: typeof base) =>
    filtered
      .$if(Boolean(query.asOf), (qb) =>
        qb.select(historyValueOn('employment_status', 'persons.id', query.asOf ?? '').as('employmentStatusAsOf')),
      )
      .orderBy(order, direction as 'asc')
      .orderBy('persons.id');
  return paged(base, sorted, query);
}

export async function skillsOf(db: Db, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, SkillRow[]>();
  const rows = await db
    .selectFrom('personSkills')
    .leftJoin('skills', 'skills.code', 'personSkills.skillCode')
    .select([
      'personSkills.personId',
      'personSkills.skillCode',
      'skills.nameZh as skillName',
      'personSkills.level',
      'personSkills.certificate',
      'personSkills.certifiedOn',
    ])
    .where('personSkills.personId', 'in', personIds)
    .orderBy('personSkills.skillCode')
    .execute();
  const bySkill = new Map<string, SkillRow[]>();
  for (const { personId, ...skill } of rows) bySkill.set(personId, [...(bySkill.get(personId) ?? []), skill]);
  return bySkill;
}

export interface SkillRow {
  skillCode: string;
  skillName: string | null;
  level: number;
  certificate: string | null;
  certifiedOn: string | null;
}

/** The value of an attribute of a person (or household) on a day, from the dated history. */
export function historyValueOn(attribute: string, personColumn: 'persons.id', day: string) {
  return sql<
    string | null
  >`(select h.value from registry_history h where h.person_id = ${sql.ref(personColumn)} and h.attribute = ${attribute} and h.valid_from <= ${day}::date order by h.valid_from desc, h.id desc limit 1)`;
}

/** The county a site lies in, and the site's code. */
export async function siteById(db: Db, siteId: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'path', 'countyCode', 'level'])
    .where('id', '=', siteId)
    .where('level', '=', 'site')
    .executeTakeFirst();
}
