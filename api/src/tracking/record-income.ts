import type { IncomeSource } from '@anju/domain/enums';
import type { Db } from '../db/database.ts';
import type { ScopedHousehold } from './scope.ts';

export interface IncomeEntry {
  periodKind: 'month' | 'year';
  /** 'YYYY-MM' for a month, 'YYYY' for a year. */
  period: string;
  source: IncomeSource;
  amountYuan: number;
  productionCostsYuan: number;
}

export const periodStartOf = (periodKind: 'month' | 'year', period: string) =>
  periodKind === 'month' ? `${period}-01` : `${period}-01-01`;

/**
 * Writes one figure of the income ledger (收入台账) inside the caller's transaction. A correction
 * keeps the previous figure for the same period and source, marked superseded.
 */
export async function recordIncome(
  trx: Db,
  household: Pick<ScopedHousehold, 'id' | 'countyCode'>,
  entry: IncomeEntry,
  meta: { recordedBy: string; visitId: string | null },
) {
  const periodStart = periodStartOf(entry.periodKind, entry.period);
  await trx
    .updateTable('incomeRecords')
    .set({ supersededAt: new Date() })
    .where('householdId', '=', household.id)
    .where('periodStart', '=', periodStart)
    .where('periodKind', '=', entry.periodKind)
    .where('source', '=', entry.source)
    .where('supersededAt', 'is', null)
    .execute();
  return trx
    .insertInto('incomeRecords')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      periodKind: entry.periodKind,
      periodStart,
      source: entry.source,
      amountYuan: entry.amountYuan,
      productionCostsYuan: entry.productionCostsYuan,
      visitId: meta.visitId,
      recordedBy: meta.recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
