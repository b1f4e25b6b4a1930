import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { lineInForceSql } from './income.ts';

/** The value bucket width of `income_month_rollup` (frozen in its migration, 2026-12-12T0100). */
export const INCOME_BUCKET_YUAN = 500;

export interface IncomeMonth {
  month: string;
  /** Households of the sites with a 12-month per-capita income that month. */
  households: number;
  /** The median of their 12-month per-capita incomes (percentile_cont, float8), null with none. */
  median: number | null;
  /** The median of their lines in force that month's year (null when no county has one). */
  line: number | null;
  /** Those whose county has a line, and those of them below it. */
  comparable: number;
  below: number;
}

/**
 * Month by month over [from, to] ('YYYY-MM-01' each), the distribution of the 12-month per-capita
 * net income (`household_month_summary.window_per_capita`) of the households of `sites` (a select
 * of site ids), exactly as a sort of every household would answer it, from the per-site value
 * buckets of `income_month_rollup`: the median is the middle rank(s), found by summing bucket
 * counts and then reading only the rows of the bucket it falls in; below the line is the buckets
 * wholly below it plus the rows of the bucket the line falls in. `rounded` compares and answers
 * the values rounded to fen first (`round(x, 2)`), as the month-end figures always have.
 * The cost follows sites × buckets and one bucket's rows, not every household of the region.
 */
export async function incomeDistribution(
  db: Db,
  sites: RawBuilder<unknown>,
  from: string,
  to: string,
  rounded: boolean,
): Promise<IncomeMonth[]> {
  const width = INCOME_BUCKET_YUAN;
  const value = rounded ? sql`round(s.window_per_capita, 2)` : sql`s.window_per_capita`;
  const { rows } = await sql<IncomeMonth>`
    with months as (
      select m::date as month, extract(year from m)::int as year
      from generate_series(${from}::date, ${to}::date, interval '1 month') m
    ),
    lines as materialized (
      select c.county_code, y.year, ${lineInForceSql(sql`c.county_code`, sql`y.year`)} as line
      from (select distinct site.county_code from regions site where site.id in (${sites})) c
      cross join (select distinct year from months) y
    ),
    buckets as materialized (
      select r.month, r.county_code, r.bucket, sum(r.households)::int as n
      from income_month_rollup r
      where r.site_id in (${sites}) and r.month >= ${from}::date and r.month <= ${to}::date
      group by r.month, r.county_code, r.bucket having sum(r.households) <> 0
    ),
    totals as (select month, sum(n)::int as households from buckets group by month),
    ranked as (
      select month, bucket, n, (sum(n) over (partition by month order by bucket) - n)::int as before
      from (select month, bucket, sum(n)::int as n from buckets group by month, bucket) b
    ),
    -- percentile_cont(0.5): the value at 1-based rank (n+1)/2, or halfway between ranks n/2 and n/2+1.
    middle as (
      select t.month, k.rank, r.bucket, r.before from totals t
      cross join lateral (select distinct unnest(array[(t.households + 1) / 2, (t.households + 2) / 2]) as rank) k
      join ranked r on r.month = t.month and k.rank > r.before and k.rank <= r.before + r.n
    ),
    medians as (
      select m.month, min(v.value) + (max(v.value) - min(v.value)) * 0.5 as median from middle m
      cross join lateral (
        select (${value})::float8 as value from household_month_summary s
        where s.month = m.month and s.window_per_capita >= m.bucket * ${width}
          and s.window_per_capita < (m.bucket + 1) * ${width} and s.site_id in (${sites})
        order by s.window_per_capita offset m.rank - m.before - 1 limit 1
      ) v
      group by m.month
    ),
    counties as (
      select b.month, b.county_code, l.line, sum(b.n)::int as n from buckets b
      join months mo on mo.month = b.month
      join lines l on l.county_code = b.county_code and l.year = mo.year
      where l.line is not null group by b.month, b.county_code, l.line
    ),
    line_ranked as (
      select month, line, n, (sum(n) over (partition by month order by line) - n)::int as before,
        sum(n) over (partition by month)::int as total
      from (select month, line, sum(n)::int as n from counties group by month, line) c
    ),
    line_medians as (
      select r.month, min(r.line::float8) + (max(r.line::float8) - min(r.line::float8)) * 0.5 as line
      from line_ranked r
      cross join lateral (select distinct unnest(array[(r.total + 1) / 2, (r.total + 2) / 2]) as rank) k
      where k.rank > r.before and k.rank <= r.before + r.n
      group by r.month
    ),
    -- Below the line: the buckets wholly below (line − 1), then the rows from there up to the line.
    wholly_below as (
      select c.month, c.county_code, sum(b.n)::int as n from counties c
      join buckets b on b.month = c.month and b.county_code = c.county_code and b.bucket < floor((c.line - 1) / ${width})
      group by c.month, c.county_code
    ),
    below as (
      select c.month, sum(c.n)::int as comparable,
        sum(coalesce(w.n, 0) + (select count(*) from household_month_summary s
            where s.month = c.month and s.county_code = c.county_code and s.site_id in (${sites})
              and s.window_per_capita >= floor((c.line - 1) / ${width}) * ${width} and s.window_per_capita < c.line
              and ${value} < c.line))::int as below
      from counties c left join wholly_below w on w.month = c.month and w.county_code = c.county_code
      group by c.month
    )
    select to_char(mo.month, 'YYYY-MM') as month, coalesce(t.households, 0) as households, md.median,
      lm.line, coalesce(b.comparable, 0) as comparable, coalesce(b.below, 0) as below
    from months mo
    left join totals t on t.month = mo.month
    left join medians md on md.month = mo.month
    left join line_medians lm on lm.month = mo.month
    left join below b on b.month = mo.month
    order by mo.month`.execute(db);
  return rows;
}
