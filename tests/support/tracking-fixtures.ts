import { randomBytes } from 'node:crypto';
import type {
  EmploymentStatus,
  IncomeSource,
  LaborCapacity,
  MonitoringCategory,
  Relation,
  SupportMeasure,
  SupportMeasureKind,
} from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Db } from '../../api/src/db/database.ts';
import type { DibaoState } from '../../api/src/tracking/tracking.tables.ts';

export interface MemberSpec {
  name?: string;
  relation?: Relation;
  laborCapacity?: LaborCapacity;
  employmentStatus?: EmploymentStatus;
}

export interface TestHousehold {
  id: string;
  countyCode: string;
  personIds: string[];
}

/**
 * A household inserted directly (the registry API is built elsewhere): county_code from the
 * site's county in the region tree, persons without ID numbers.
 */
export async function createHousehold(
  db: Db,
  options: {
    siteId: string;
    members?: MemberSpec[];
    responsibleWorkerId?: string | null;
    monitoringCategory?: MonitoringCategory;
    createdOn?: string;
    householdNumber?: string;
  },
): Promise<TestHousehold> {
  const site = await db
    .selectFrom('regions')
    .select('countyCode')
    .where('id', '=', options.siteId)
    .executeTakeFirstOrThrow();
  const countyCode = site.countyCode as string;
  const household = await db
    .insertInto('households')
    .values({
      householdNumber: options.householdNumber ?? `H-${randomBytes(5).toString('hex')}`,
      countyCode,
      siteId: options.siteId,
      building: null,
      unit: null,
      room: null,
      originCounty: null,
      originTownship: null,
      originVillage: null,
      relocationDate: null,
      monitoringCategory: options.monitoringCategory ?? 'none',
      responsibleWorkerId: options.responsibleWorkerId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.createdOn)
    await sql`update households set created_at = ${options.createdOn}::date where id = ${household.id}`.execute(db);
  const members = options.members ?? [{ relation: 'head', laborCapacity: 'full', employmentStatus: 'employed_local' }];
  const personIds: string[] = [];
  for (const [index, member] of members.entries()) {
    const person = await db
      .insertInto('persons')
      .values({
        householdId: household.id,
        countyCode,
        name: member.name ?? `成员${index + 1}`,
        idNumberEncrypted: null,
        idNumberHash: null,
        idNumberMasked: null,
        birthDate: null,
        sex: null,
        phone: null,
        relation: member.relation ?? (index === 0 ? 'head' : 'child'),
        education: null,
        laborCapacity: member.laborCapacity ?? 'full',
        healthNotesEncrypted: null,
        employmentStatus: member.employmentStatus ?? 'employed_local',
        maxCommuteKm: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.push(person.id);
  }
  return { id: household.id, countyCode, personIds };
}

export interface IncomeSpec {
  /** 'YYYY-MM' for a month, 'YYYY' for a year. */
  period: string;
  source?: IncomeSource;
  amount: number;
  costs?: number;
}

export async function addIncome(db: Db, household: TestHousehold, records: IncomeSpec[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('incomeRecords')
    .values(
      records.map((record) => ({
        countyCode: household.countyCode,
        householdId: household.id,
        periodKind: record.period.length === 4 ? ('year' as const) : ('month' as const),
        periodStart: record.period.length === 4 ? `${record.period}-01-01` : `${record.period}-01`,
        source: record.source ?? 'wages',
        amountYuan: record.amount,
        productionCostsYuan: record.costs ?? 0,
        visitId: null,
        recordedBy: null,
        supersededAt: null,
      })),
    )
    .execute();
}

/** The same wage income for each month from `from` ('YYYY-MM') for `count` months. */
export function monthlyIncome(
  from: string,
  count: number,
  amount: number,
  source: IncomeSource = 'wages',
): IncomeSpec[] {
  const [year, month] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + month - 1 + i;
    return { period: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, source, amount };
  });
}

export async function addLine(db: Db, regionCode: string, year: number, amountYuan: number): Promise<void> {
  await db
    .insertInto('monitoringLines')
    .values({ regionCode, level: regionCode.length === 2 ? 'province' : 'county', year, amountYuan, note: null })
    .execute();
}

export async function setDibao(
  db: Db,
  household: TestHousehold,
  state: DibaoState,
  options: { validUntil?: string | null; since?: string } = {},
): Promise<string> {
  const row = await db
    .insertInto('dibaoEnrolments')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      state,
      class: state === 'enrolled' || state === 'renewed' || state === 'review_due' ? 'B' : null,
      monthlyAmountYuan: state === 'enrolled' || state === 'renewed' || state === 'review_due' ? 300 : null,
      validUntil: options.validUntil ?? null,
      stateSince: options.since ?? '2025-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addVisit(
  db: Db,
  household: TestHousehold,
  workerId: string,
  visitedOn: string,
  options: { nextVisitDue?: string | null; measures?: SupportMeasure[] } = {},
): Promise<void> {
  await db
    .insertInto('visits')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      workerId,
      visitedOn,
      kind: 'routine',
      notes: null,
      findings: null,
      measures: options.measures ?? [],
      nextVisitDue: options.nextVisitDue ?? null,
    })
    .execute();
}

export async function addAssessment(db: Db, household: TestHousehold, assessedOn: string, scores: number[]) {
  const [economic, socialTies, dailyLifeServices, culturalParticipation, psychologicalBelonging] = scores;
  await db
    .insertInto('integrationAssessments')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      assessedOn,
      assessorId: null,
      economic,
      socialTies,
      dailyLifeServices,
      culturalParticipation,
      psychologicalBelonging,
      childrenInLocalSchool: null,
      medicalInsuranceTransferred: null,
      householdRegistrationMoved: null,
      returnsToOriginVillage: null,
      notes: null,
    })
    .execute();
}

export const activeAlerts = (db: Db, householdId: string) =>
  db
    .selectFrom('alerts')
    .selectAll()
    .where('householdId', '=', householdId)
    .where('state', 'in', ['open', 'acknowledged'])
    .orderBy('ruleId')
    .execute();

/** A support measure (帮扶措施) record, by default open-ended. */
export async function addMeasure(
  db: Db,
  household: TestHousehold,
  recordedBy: string,
  startedOn: string,
  options: { endedOn?: string | null; kind?: SupportMeasureKind } = {},
): Promise<string> {
  const row = await db
    .insertInto('supportMeasures')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      personId: null,
      kind: options.kind ?? 'employment',
      startedOn,
      endedOn: options.endedOn ?? null,
      amountYuan: null,
      responsibleUnit: '县人社局',
      note: null,
      recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
