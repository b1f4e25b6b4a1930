import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { HistoryAttribute } from './registry.tables.ts';

export interface HistoryEntry {
  countyCode: string;
  householdId: string;
  personId: string | null;
  attribute: HistoryAttribute;
  value: string | null;
  validFrom: string;
  recordedBy: string | null;
}

/**
 * Appends dated history rows; history is never updated or deleted. Rows travel as one JSON
 * parameter per batch (a roster import writes 100,000 of them; no giant parameter lists).
 */
export async function recordHistory(db: Db, entries: HistoryEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 10_000) {
    const batch = entries.slice(i, i + 10_000).map((e) => ({
      county_code: e.countyCode,
      household_id: e.householdId,
      person_id: e.personId,
      attribute: e.attribute,
      value: e.value,
      valid_from: e.validFrom,
      recorded_by: e.recordedBy,
    }));
    if (batch.length === 0) continue;
    await sql`
      insert into registry_history (county_code, household_id, person_id, attribute, value, valid_from, recorded_by)
      select x.county_code, x.household_id, x.person_id, x.attribute, x.value, x.valid_from, x.recorded_by
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(county_code text, household_id bigint,
        person_id bigint, attribute text, value text, valid_from date, recorded_by bigint)`.execute(db);
  }
}

/** Person attributes whose changes become history (column → history attribute). */
export const personHistoryAttributes = {
  employmentStatus: 'employment_status',
  laborCapacity: 'labor_capacity',
} as const;

export const householdHistoryAttributes = {
  siteId: 'site',
  monitoringCategory: 'monitoring_category',
} as const;

/** A person's history (their own rows and their household's), and each attribute's value on a day. */
export async function personHistory(db: Db, personId: string, householdId: string, asOf: string) {
  const items = await db
    .selectFrom('registryHistory')
    .select(['attribute', 'value', 'validFrom', 'recordedAt', 'personId'])
    .where((eb) =>
      eb.or([eb('personId', '=', personId), eb.and([eb('householdId', '=', householdId), eb('personId', 'is', null)])]),
    )
    .orderBy('validFrom')
    .orderBy('id')
    .execute();
  const state: Record<string, string | null> = {};
  for (const item of items) if (item.validFrom <= asOf) state[item.attribute] = item.value;
  return {
    items: items.map((item) => ({ ...item, recordedAt: new Date(item.recordedAt).toISOString() })),
    state,
  };
}
