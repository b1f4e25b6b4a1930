import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OfflineKind, OfflineStatus } from './offline.tables.ts';

/**
 * A household as it stood on the day a record was captured: its site then (the dated site history
 * in `registry_history`, else today's site) and its current version and county.
 */
export async function householdAtCapture(db: Db, householdId: string, captureDay: string) {
  const row = await sql<{
    id: string;
    countyCode: string;
    version: number;
    siteId: string;
    sitePath: string;
    currentSiteId: string;
  }>`
    select h.id, h.county_code as "countyCode", h.version, site.id as "siteId", site.path as "sitePath",
      h.site_id as "currentSiteId"
    from households h
    left join lateral (
      select rh.value from registry_history rh
      where rh.household_id = h.id and rh.person_id is null and rh.attribute = 'site' and rh.valid_from <= ${captureDay}::date
      order by rh.valid_from desc, rh.id desc limit 1
    ) then_site on true
    join regions site on site.id = coalesce(then_site.value::bigint, h.site_id)
    where h.id = ${householdId}`.execute(db);
  return row.rows[0];
}

export interface StoredRecord {
  clientId: string;
  kind: OfflineKind;
  householdId: string;
  countyCode: string;
  capturedAt: Date;
  baseHouseholdVersion: number;
  baseFactsAt: Date;
  payload: unknown;
  status: OfflineStatus;
  conflict: unknown | null;
  visitId: string | null;
  assessmentId: string | null;
  incomeRecordIds: string[];
}

const storedColumns = [
  'clientId',
  'kind',
  'householdId',
  'countyCode',
  'capturedAt',
  'baseHouseholdVersion',
  'baseFactsAt',
  'payload',
  'status',
  'conflict',
  'visitId',
  'assessmentId',
  'incomeRecordIds',
] as const;

export async function findOfflineRecord(
  db: Db,
  userId: string,
  clientId: string,
  forUpdate = false,
): Promise<StoredRecord | undefined> {
  let query = db
    .selectFrom('offlineRecords')
    .select(storedColumns)
    .where('userId', '=', userId)
    .where('clientId', '=', clientId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, incomeRecordIds: (row.incomeRecordIds ?? []).map(String) } : undefined;
}

/** Claims (user, client id); false when another delivery of the same record got there first. */
export async function claimOfflineRecord(
  db: Db,
  row: {
    userId: string;
    clientId: string;
    kind: OfflineKind;
    householdId: string;
    countyCode: string;
    capturedAt: Date;
    baseHouseholdVersion: number;
    baseFactsAt: Date;
    payload: unknown;
    photoDataUrl: string | null;
    location: unknown | null;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('offlineRecords')
    .values({
      ...row,
      payload: JSON.stringify(row.payload),
      location: row.location ? JSON.stringify(row.location) : null,
      status: 'applied',
    })
    .onConflict((oc) => oc.columns(['userId', 'clientId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function settleOfflineRecord(
  db: Db,
  userId: string,
  clientId: string,
  outcome: {
    status: OfflineStatus;
    conflict?: unknown;
    visitId?: string | null;
    assessmentId?: string | null;
    incomeRecordIds?: string[];
    resolved?: boolean;
  },
) {
  await db
    .updateTable('offlineRecords')
    .set({
      status: outcome.status,
      ...(outcome.conflict !== undefined ? { conflict: JSON.stringify(outcome.conflict) } : {}),
      ...(outcome.visitId !== undefined ? { visitId: outcome.visitId } : {}),
      ...(outcome.assessmentId !== undefined ? { assessmentId: outcome.assessmentId } : {}),
      ...(outcome.incomeRecordIds !== undefined ? { incomeRecordIds: outcome.incomeRecordIds } : {}),
      ...(outcome.resolved ? { resolvedAt: new Date() } : {}),
    })
    .where('userId', '=', userId)
    .where('clientId', '=', clientId)
    .execute();
}

export interface ServerChanges {
  householdVersion: number;
  householdChanged: boolean;
  monitoringCategory: string;
  visits: { visitedOn: string; kind: string; findings: string | null; measures: string[]; by: string | null }[];
  income: { month: string; source: string; amountYuan: number; by: string | null }[];
  assessments: { assessedOn: string; total: number; by: string | null }[];
}

/**
 * What the server holds for the same facts that changed after the phone's base version, leaving
 * out what this user's own offline records wrote (a queue of two visits must not conflict with
 * itself). Null when nothing changed.
 */
export async function serverChangesSince(
  db: Db,
  userId: string,
  record: {
    kind: OfflineKind;
    householdId: string;
    baseHouseholdVersion: number;
    baseFactsAt: Date;
    incomeMonth: string | null;
    incomeSources: string[];
    withAssessment: boolean;
  },
): Promise<ServerChanges | null> {
  const household = await db
    .selectFrom('households')
    .select(['version', 'monitoringCategory'])
    .where('id', '=', record.householdId)
    .executeTakeFirstOrThrow();
  const householdChanged = household.version > record.baseHouseholdVersion;
  const visits =
    record.kind === 'visit'
      ? (
          await sql<ServerChanges['visits'][number]>`
            select to_char(v.visited_on, 'YYYY-MM-DD') as "visitedOn", v.kind, v.findings, v.measures, u.name as by
            from visits v left join users u on u.id = v.worker_id
            where v.household_id = ${record.householdId} and v.created_at > ${record.baseFactsAt}
              and not exists (select 1 from offline_records o where o.user_id = ${userId} and o.visit_id = v.id)
            order by v.created_at, v.id`.execute(db)
        ).rows
      : [];
  const income =
    record.incomeMonth && record.incomeSources.length > 0
      ? (
          await sql<ServerChanges['income'][number]>`
            select to_char(i.period_start, 'YYYY-MM') as month, i.source, i.amount_yuan::float8 as "amountYuan", u.name as by
            from income_records i left join users u on u.id = i.recorded_by
            where i.household_id = ${record.householdId} and i.period_kind = 'month'
              and i.period_start = ${`${record.incomeMonth}-01`}::date
              and i.source = any(${record.incomeSources}::text[])
              and i.recorded_at > ${record.baseFactsAt} and i.superseded_at is null
              and not exists (select 1 from offline_records o where o.user_id = ${userId} and i.id = any(o.income_record_ids))
            order by i.recorded_at, i.id`.execute(db)
        ).rows
      : [];
  const assessments = record.withAssessment
    ? (
        await sql<ServerChanges['assessments'][number]>`
          select to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn",
            a.economic + a.social_ties + a.daily_life_services + a.cultural_participation + a.psychological_belonging as total,
            u.name as by
          from integration_assessments a left join users u on u.id = a.assessor_id
          where a.household_id = ${record.householdId} and a.created_at > ${record.baseFactsAt}
            and not exists (select 1 from offline_records o where o.user_id = ${userId} and o.assessment_id = a.id)
          order by a.created_at, a.id`.execute(db)
      ).rows
    : [];
  if (!householdChanged && visits.length === 0 && income.length === 0 && assessments.length === 0) return null;
  return {
    householdVersion: household.version,
    householdChanged,
    monitoringCategory: household.monitoringCategory,
    visits,
    income,
    assessments,
  };
}

/** What the visit form needs for each household of the pack (names as the worker sees them online). */
export async function packDetails(db: Db, householdIds: string[]) {
  if (householdIds.length === 0) return new Map<string, PackDetail>();
  const rows = await sql<PackDetail>`
    select h.id as "householdId", h.version, site.name as "siteName",
      nullif(concat_ws('-', h.building, h.unit, h.room), '') as address,
      (select p.name from persons p where p.household_id = h.id order by (p.relation = 'head') desc, p.id limit 1) as "headName",
      (select count(*)::int from persons p where p.household_id = h.id) as members
    from households h join regions site on site.id = h.site_id
    where h.id = any(${householdIds}::bigint[])`.execute(db);
  return new Map(rows.rows.map((row) => [String(row.householdId), row]));
}

export interface PackDetail {
  householdId: string;
  version: number;
  siteName: string;
  address: string | null;
  headName: string | null;
  members: number;
}

export async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return rows[0]?.now ?? new Date();
}
