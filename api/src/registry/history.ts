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

/** Appends dated history rows; history is never updated or deleted. */
export async function recordHistory(db: Db, entries: HistoryEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 5000) {
    const batch = entries.slice(i, i + 5000);
    if (batch.length)
      await db
        .insertInto('registryHistory')
        .values(batch.map((e) => ({ ...e, detail: null })))
        .execute();
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
