import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/database.ts';
import { lineInForceSql } from '../../api/src/tracking/income.ts';
import { INCOME_BUCKET_YUAN, incomeDistribution } from '../../api/src/tracking/income-rollup.ts';
import { incomeFigures } from '../../api/src/tracking/reports.queries.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, type RegionTree } from '../support/fixtures.ts';
import {
  addIncome,
  addLine,
  createHousehold,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

/**
 * Issue 23: the dashboard's income figures come from per-site value buckets
 * (`income_month_rollup`, kept by triggers on the month summaries). These compare them with the
 * raw computation they replaced — a sort of every household's month summary — on the same data,
 * before and after the writes that move households between buckets.
 */

let ctx: TestContext;
let tree: RegionTree;
const households: TestHousehold[] = [];

const sitesUnder = (path: string) => sql`select id from regions where level = 'site' and path like ${path} || '%'`;

/** The trend as it was computed before the rollup (reports.queries.ts at f4f52da), without 低保. */
async function rawTrend(db: Db, sites: RawBuilder<unknown>, from: string, to: string) {
  const { rows } = await sql`
    with lines as materialized (
      select c.county_code, y.year, ${lineInForceSql(sql`c.county_code`, sql`y.year`)} as line
      from (select distinct site.county_code from regions site where site.id in (${sites})) c
      cross join generate_series(${Number(from.slice(0, 4))}::int, ${Number(to.slice(0, 4))}::int) y(year)
    )
    select to_char(m, 'YYYY-MM') as month, s.households, s.median, s.line, s.comparable, s.below
    from generate_series(${from}::date, ${to}::date, interval '1 month') m
    cross join lateral (
      select count(*)::int as households,
        percentile_cont(0.5) within group (order by x.per_capita) as median,
        percentile_cont(0.5) within group (order by x.line) as line,
        (count(*) filter (where x.line is not null))::int as comparable,
        (count(*) filter (where x.per_capita < x.line))::int as below
      from (
        select hms.window_per_capita as per_capita, l.line from household_month_summary hms
        left join lines l on l.county_code = hms.county_code and l.year = extract(year from m)::int
        where hms.site_id in (${sites}) and hms.month = m::date and hms.window_per_capita is not null
      ) x
    ) s
    order by m`.execute(db);
  return rows;
}

/** The month-end figures as they were computed before the rollup. */
async function rawIncomeFigures(db: Db, sites: RawBuilder<unknown>, to: string) {
  const { rows } = await sql`
    with lines as (select c.county_code, ${lineInForceSql(sql`c.county_code`, Number(to.slice(0, 4)))} as line
      from (select distinct site.county_code from regions site where site.id in (${sites})) c),
    pc as (
      select round(s.window_per_capita, 2) as per_capita, l.line, d.state as dibao_state
      from household_month_summary s
      left join lines l on l.county_code = s.county_code
      left join dibao_enrolments d on d.household_id = s.household_id
      where s.site_id in (${sites}) and s.month = ${to}::date
    )
    select (count(*) filter (where per_capita is not null))::int as "withData",
      percentile_cont(0.5) within group (order by per_capita) as median,
      (count(*) filter (where per_capita is not null and line is not null))::int as comparable,
      (count(*) filter (where per_capita < line))::int as below,
      (count(*) filter (where per_capita < line and dibao_state in ('enrolled', 'review_due', 'renewed')))::int as covered
    from pc`.execute(db);
  return rows[0];
}

/** Both paths over every scope: the city, each county, each site, and two sites of different counties. */
async function expectSameAsRaw(from: string, to: string) {
  const scopes = [
    sitesUnder(tree.city.path),
    sitesUnder(tree.countyA.path),
    sitesUnder(tree.countyB.path),
    sitesUnder(tree.siteA1.path),
    sitesUnder(tree.siteA2.path),
    sql`select id from regions where id in (${tree.siteA2.id}, ${tree.siteB1.id})`,
  ];
  for (const sites of scopes) {
    expect(await incomeDistribution(ctx.db, sites, from, to, false)).toEqual(await rawTrend(ctx.db, sites, from, to));
    expect(await incomeFigures(ctx.db, sites, to)).toEqual(await rawIncomeFigures(ctx.db, sites, to));
  }
}

/** The rollup's sums per key equal a fresh count of the month summaries. */
async function expectRollupTrue() {
  const { rows } = await sql<{ n: number }>`
    with rollup as (
      select site_id, county_code, month, bucket, sum(households)::int as n from income_month_rollup
      group by 1, 2, 3, 4 having sum(households) <> 0
    ), fresh as (
      select site_id, county_code, month, floor(window_per_capita / ${INCOME_BUCKET_YUAN})::int as bucket, count(*)::int as n
      from household_month_summary where window_per_capita is not null group by 1, 2, 3, 4
    )
    select count(*)::int as n from ((table rollup except table fresh) union all (table fresh except table rollup)) d`.execute(
    ctx.db,
  );
  expect(rows[0].n).toBe(0);
}

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2025, 9000);
  await addLine(ctx.db, tree.countyA.code, 2026, 10000);
  // County B has no line until a test adds one: its households are not comparable.
  const sites = [tree.siteA1, tree.siteA1, tree.siteA2, tree.siteB1];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 48; i++) {
    const members = 1 + Math.floor(next() * 4);
    const household = await createHousehold(ctx.db, {
      siteId: sites[i % sites.length].id,
      members: Array.from({ length: members }, () => ({})),
    });
    households.push(household);
    const start = `2025-0${1 + Math.floor(next() * 6)}`;
    const amount = Math.round((200 + next() * 3000) * 100) / 100;
    await addIncome(ctx.db, household, monthlyIncome(start, 6 + Math.floor(next() * 12), amount));
    if (i % 5 === 0) await setDibao(ctx.db, household, i % 10 === 0 ? 'enrolled' : 'exited');
  }
  // The edges: exactly on the line (10,000 = 3 people × 2,500 × 12 / 3 … not below), a fen under it
  // raw but not once rounded (29,999.99 / 3 = 9,999.9967 → 10,000.00), on a bucket boundary
  // (9,500), a negative income (costs above takings), and a yearly figure spread over months.
  const edge = async (memberCount: number, records: Parameters<typeof addIncome>[2]) => {
    const household = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: Array.from({ length: memberCount }, () => ({})),
    });
    households.push(household);
    await addIncome(ctx.db, household, records);
    return household;
  };
  await edge(3, monthlyIncome('2025-07', 12, 2500));
  const underByAFen = await edge(3, monthlyIncome('2025-07', 11, 2500));
  await addIncome(ctx.db, underByAFen, [{ period: '2026-06', amount: 2499.99 }]);
  await setDibao(ctx.db, underByAFen, 'enrolled');
  await edge(1, monthlyIncome('2025-07', 12, 791.67));
  await edge(2, monthlyIncome('2025-07', 12, 791.67 * 2));
  await edge(1, [{ period: '2026-01', amount: 100, costs: 900 }]);
  await edge(2, [{ period: '2025', amount: 18000 }]);
});
afterAll(() => ctx.close());

describe('the dashboard income rollup', () => {
  it('answers the same medians, lines and counts below the line as a sort of every household', async () => {
    await expectRollupTrue();
    await expectSameAsRaw('2025-01-01', '2026-06-01');
  });

  it('follows late-entered income of a past month, a superseded figure, a member leaving and a move', async () => {
    // Late income for months long past (they change the 12-month windows of the months after).
    await addIncome(ctx.db, households[3], [
      { period: '2025-02', amount: 9000, source: 'property' },
      { period: '2025-03', amount: 40, source: 'property' },
    ]);
    await sql`update income_records set superseded_at = now()
      where household_id = ${households[5].id} and period_start = '2025-08-01'`.execute(ctx.db);
    const leaving = households.find((h) => h.personIds.length > 1)?.personIds.at(-1);
    await sql`delete from persons where id = ${leaving ?? '0'}`.execute(ctx.db);
    await sql`update households set site_id = ${tree.siteA2.id} where id = ${households[0].id}`.execute(ctx.db);
    await expectRollupTrue();
    await expectSameAsRaw('2025-01-01', '2026-06-01');
  });

  it('reads lines at request time: a line added for a county counts its households at once', async () => {
    await addLine(ctx.db, tree.countyB.code, 2026, 12000);
    await expectSameAsRaw('2025-12-01', '2026-06-01');
    const { below } = await incomeFigures(ctx.db, sitesUnder(tree.countyB.path), '2026-06-01');
    expect(below).toBeGreaterThan(0);
  });

  it('stays true through the nightly rebuild, which compacts it to one row per key', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from income_month_rollup`.execute(ctx.db);
    await sql`select refresh_household_summaries(null)`.execute(ctx.db);
    // Below the compaction threshold the rebuild only appends: compact as a large one would.
    await sql`select compact_income_month_rollup()`.execute(ctx.db);
    const { rows } = await sql<{ rows: number; keys: number }>`
      select count(*)::int as rows, count(distinct (site_id, county_code, month, bucket))::int as keys
      from income_month_rollup`.execute(ctx.db);
    expect(rows[0].rows).toBe(rows[0].keys);
    expect(rows[0].rows).toBeLessThan(before.rows[0].n);
    await expectRollupTrue();
    await expectSameAsRaw('2025-01-01', '2026-06-01');
  });
});
