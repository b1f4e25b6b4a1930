import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { monthStart } from './dates.ts';
import { finishPerCapita, lineInForceSql, type PerCapitaIncome, twelveMonthWindow } from './income.ts';

/**
 * The household summaries (`household_summary`, `household_month_summary`) are kept current on
 * every write by statement-level triggers (migration 2026-11-29T1230); this rebuilds both from
 * the ledgers in one set-based pass — the nightly safety net, and after bulk loads that bypass
 * nothing but are cheaper to redo at once. Run it inside a batch transaction at city scale.
 */
export async function rebuildHouseholdSummaries(db: Db): Promise<{ ms: number }> {
  const started = performance.now();
  await sql`select refresh_household_summaries(null)`.execute(db);
  return { ms: Math.round(performance.now() - started) };
}

/**
 * 人均纯收入 of one household as of `asOf` (the 12 complete months before its month), read from
 * the summaries: the same figure `perCapitaIncome` computes from the ledger, in one index lookup.
 */
export async function summaryPerCapita(
  db: Db,
  household: { id: string; countyCode: string },
  asOf: string,
): Promise<PerCapitaIncome> {
  const { from, to, lineYear } = twelveMonthWindow(asOf);
  const { rows } = await sql<Parameters<typeof finishPerCapita>[0]>`
    select f.household_id::text as "householdId", f.members, coalesce(s.window_months, 0)::int as "monthsWithData",
      s.window_net as "netIncomeOfMonthsPresent", ${lineInForceSql(sql`${household.countyCode}::text`, lineYear)} as line
    from household_summary f
    left join household_month_summary s on s.household_id = f.household_id and s.month = ${monthStart(to, -1)}::date
    where f.household_id = ${household.id}::bigint`.execute(db);
  return finishPerCapita(rows[0], from, to);
}
