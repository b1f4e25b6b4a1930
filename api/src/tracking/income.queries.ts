import type { Context } from 'hono';
import { writeAudit } from '../access/audit.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { type IncomeEntry, recordIncome } from './record-income.ts';
import type { incomeRecordSchema } from './schema.ts';
import type { ScopedHousehold } from './scope.ts';

/** A page of a household's income ledger (收入台账), newest period first; superseded figures on request. */
export async function listIncome(
  db: Db,
  householdId: string,
  filter: { includeSuperseded?: 'true' | 'false' } & PageRequest,
) {
  let query = db.selectFrom('incomeRecords').where('householdId', '=', householdId);
  if (filter.includeSuperseded !== 'true') query = query.where('supersededAt', 'is', null);
  const page = await paged(
    query,
    (q) => q.selectAll().orderBy('periodStart', 'desc').orderBy('source').orderBy('id', 'desc'),
    filter,
  );
  return mapPage(page, toIncomeRecord);
}

/**
 * Records a figure of the ledger, re-evaluates the household's alerts and writes the audit row in
 * one transaction: a crash cannot leave an income record nobody is answerable for.
 */
export async function recordIncomeAudited(
  db: Db,
  c: Context<AppEnv>,
  household: Pick<ScopedHousehold, 'id' | 'countyCode'>,
  entry: IncomeEntry,
  meta: { recordedBy: string; visitId: string | null },
) {
  const record = await db.transaction().execute(async (trx) => {
    const row = await recordIncome(trx, household, entry, meta);
    await evaluateAlerts(trx, { householdIds: [household.id] });
    await writeAudit(trx, c, { action: 'create', resourceType: 'income_record', resourceId: row.id });
    return row;
  });
  return toIncomeRecord(record);
}

function toIncomeRecord(row: {
  id: string;
  householdId: string;
  periodKind: 'month' | 'year';
  periodStart: string;
  source: (typeof incomeRecordSchema)['_output']['source'];
  amountYuan: number;
  productionCostsYuan: number;
  recordedAt: Date;
  supersededAt: Date | null;
}) {
  const amount = Number(row.amountYuan);
  const costs = Number(row.productionCostsYuan);
  return {
    id: row.id,
    householdId: row.householdId,
    periodKind: row.periodKind,
    periodStart: row.periodStart,
    source: row.source,
    amountYuan: amount,
    productionCostsYuan: costs,
    netYuan: Math.round((amount - costs) * 100) / 100,
    recordedAt: row.recordedAt.toISOString(),
    supersededAt: row.supersededAt?.toISOString() ?? null,
  };
}
