import { monthStart } from '@anju/domain/dates';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * 人均纯收入 over the last 12 complete months, computed from the income ledger.
 *
 * - Net income of a month = Σ over sources of (amount − production costs); business and
 *   farming (经营性) carry their costs, other sources have none.
 * - A yearly figure (where only that is known) counts as 1/12 in each of its months, but only
 *   in months that have no monthly record for the household: monthly data wins.
 * - Missing months are NOT treated as zero: the total of the months present is annualised
 *   (× 12 / months present) and the result is flagged `annualised` with `monthsWithData`,
 *   so a worker sees that it is an estimate. No months → no income figure (null).
 * - Members = the household's persons in the registry.
 */

/** The household ids a computation covers, as a SQL select of `id, county_code`. */
export type HouseholdSet = RawBuilder<unknown>;

export const householdsById = (ids: readonly string[]): HouseholdSet =>
  sql`select id, county_code from households where id = any(${sql.val(ids)}::bigint[])`;
export const householdsUnderPath = (path: string): HouseholdSet =>
  sql`select h.id, h.county_code from households h join regions site on site.id = h.site_id
      where site.path like ${`${path.replace(/[%_\\]/g, '\\$&')}%`}`;
export const allHouseholds: HouseholdSet = sql`select id, county_code from households`;

/**
 * CTE text `hh` + `series(household_id, month, net)`: one row per household and month in
 * [from, to) with data, yearly figures spread over months without monthly data.
 */
export function incomeSeriesCte(households: HouseholdSet, from: string, to: string) {
  return sql`hh as (${households}),
  monthly as (
    select ir.household_id, ir.period_start as month, sum(ir.amount_yuan - ir.production_costs_yuan) as net
    from income_records ir join hh on hh.id = ir.household_id
    where ir.superseded_at is null and ir.period_kind = 'month'
      and ir.period_start >= ${from}::date and ir.period_start < ${to}::date
    group by 1, 2
  ),
  yearly as (
    select ir.household_id, m::date as month, sum(ir.amount_yuan - ir.production_costs_yuan) / 12 as net
    from income_records ir join hh on hh.id = ir.household_id
    cross join generate_series(ir.period_start, ir.period_start + interval '11 months', interval '1 month') m
    where ir.superseded_at is null and ir.period_kind = 'year'
      and ir.period_start > ${from}::date - interval '1 year' and ir.period_start < ${to}::date
      and m >= ${from}::date and m < ${to}::date
    group by 1, 2
  ),
  series as (
    select household_id, month, net from monthly
    union all
    select y.household_id, y.month, y.net from yearly y
    where not exists (select 1 from monthly mo where mo.household_id = y.household_id and mo.month = y.month)
  )`;
}

/**
 * SQL for the 监测线 in force for a county in a year: the county's own line of the latest year
 * up to that year overrides the province's (the first two digits of the county code); a line
 * stays in force until a later year's line replaces it.
 */
export function lineInForceSql(countyCodeRef: RawBuilder<unknown>, year: RawBuilder<unknown> | number) {
  return sql`(select ml.amount_yuan from monitoring_lines ml
    where ml.year <= ${year}
      and ((ml.level = 'county' and ml.region_code = ${countyCodeRef})
        or (ml.level = 'province' and ml.region_code = left(${countyCodeRef}, 2)))
    order by (ml.level = 'county') desc, ml.year desc limit 1)`;
}

export async function lineInForce(db: Db, countyCode: string, year: number): Promise<number | null> {
  const { rows } = await sql<{
    amount: number | null;
  }>`select ${lineInForceSql(sql`${countyCode}::text`, year)} as amount`.execute(db);
  return rows[0]?.amount === null || rows[0]?.amount === undefined ? null : Number(rows[0].amount);
}

export interface PerCapitaIncome {
  householdId: string;
  members: number;
  monthsWithData: number;
  /** Σ net income of the months present. */
  netIncomeOfMonthsPresent: number | null;
  /** Net household income for 12 months (annualised from the months present when fewer). */
  annualNetIncome: number | null;
  perCapitaNetIncome: number | null;
  annualised: boolean;
  /** The 监测线 in force for the household's county in the year of the window's last month. */
  line: number | null;
  windowFrom: string;
  windowTo: string;
}

/**
 * Per-capita SQL columns over `series` for the window [from, to), joined to `hh`. Members,
 * totals and lines are grouped joins (the line once per county), not a subquery per household:
 * at city scale that is tens of thousands of lookups fewer.
 */
export function perCapitaSelect(from: string, to: string, lineYear: number) {
  return sql`select hh.id::text as "householdId",
      coalesce(mem.n, 0)::int as members,
      coalesce(tot.months, 0)::int as "monthsWithData",
      tot.net as "netIncomeOfMonthsPresent",
      lines.line
    from hh
    left join (select s.household_id, count(*) as months, sum(s.net) as net from series s
      where s.month >= ${from}::date and s.month < ${to}::date group by 1) tot on tot.household_id = hh.id
    left join (select p.household_id, count(*) as n from persons p
      where p.household_id in (select id from hh) group by 1) mem on mem.household_id = hh.id
    left join (select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line
      from (select distinct county_code from hh) c) lines on lines.county_code = hh.county_code`;
}

export function finishPerCapita(
  row: {
    householdId: string;
    members: number;
    monthsWithData: number;
    netIncomeOfMonthsPresent: number | string | null;
    line: number | string | null;
  },
  windowFrom: string,
  windowTo: string,
): PerCapitaIncome {
  const total = row.netIncomeOfMonthsPresent === null ? null : Number(row.netIncomeOfMonthsPresent);
  const annual = total === null || row.monthsWithData === 0 ? null : (total * 12) / row.monthsWithData;
  return {
    householdId: row.householdId,
    members: row.members,
    monthsWithData: row.monthsWithData,
    netIncomeOfMonthsPresent: total === null ? null : round2(total),
    annualNetIncome: annual === null ? null : round2(annual),
    perCapitaNetIncome: annual === null || row.members === 0 ? null : round2(annual / row.members),
    annualised: row.monthsWithData > 0 && row.monthsWithData < 12,
    line: row.line === null ? null : Number(row.line),
    windowFrom,
    windowTo,
  };
}

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** The 12 complete months before the month of `asOf`: [from, to). */
export function twelveMonthWindow(asOf: string) {
  const to = monthStart(asOf);
  const from = monthStart(asOf, -12);
  const lineYear = Number(monthStart(asOf, -1).slice(0, 4));
  return { from, to, lineYear };
}

export async function perCapitaIncome(db: Db, households: HouseholdSet, asOf: string): Promise<PerCapitaIncome[]> {
  const { from, to, lineYear } = twelveMonthWindow(asOf);
  const { rows } = await sql<Parameters<typeof finishPerCapita>[0]>`with ${incomeSeriesCte(households, from, to)}
    ${perCapitaSelect(from, to, lineYear)}`.execute(db);
  return rows.map((row) => finishPerCapita(row, from, to));
}
