import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
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
 * 人均纯收入 of households as of `asOf` (the 12 complete months before its month), read from the
 * summaries: the same figures `perCapitaIncome` computes from the ledger, one index lookup per
 * household and one line lookup per county (matching reads thousands of candidates' at once).
 */
export async function summaryPerCapitaOf(
  db: Db,
  householdIds: readonly string[],
  asOf: string,
): Promise<PerCapitaIncome[]> {
  if (householdIds.length === 0) return [];
  const { from, to, lineYear } = twelveMonthWindow(asOf);
  const { rows } = await sql<Parameters<typeof finishPerCapita>[0]>`
    with f as (select household_id, county_code, members from household_summary
      where household_id = any(${householdIds}::bigint[]))
    select f.household_id::text as "householdId", f.members, coalesce(s.window_months, 0)::int as "monthsWithData",
      s.window_net as "netIncomeOfMonthsPresent", lines.line
    from f
    left join household_month_summary s on s.household_id = f.household_id and s.month = ${monthStart(to, -1)}::date
    left join (select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line
      from (select distinct county_code from f) c) lines on lines.county_code = f.county_code`.execute(db);
  return rows.map((row) => finishPerCapita(row, from, to));
}

/** 人均纯收入 of one household as of `asOf`, from the summaries (see summaryPerCapitaOf). */
export async function summaryPerCapita(db: Db, householdId: string, asOf: string): Promise<PerCapitaIncome> {
  const [income] = await summaryPerCapitaOf(db, [householdId], asOf);
  if (!income) throw new Error(`household ${householdId} has no summary row`);
  return income;
}
