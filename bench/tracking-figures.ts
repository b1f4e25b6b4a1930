import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import { createApp } from '../api/src/app.ts';
import type { Db } from '../api/src/db/database.ts';
import type { AppDeps } from '../api/src/http/env.ts';
import { insertRegion } from '../api/src/regions/queries.ts';
import { seedTrackingFacts } from '../api/src/tracking/demo-seed.ts';
import { type Figure, sample, signIn } from './measure.ts';

/** The bench city (fictional province 53): one big site of 33k households and four smaller ones. */
export const benchCity = { city: '539900', bigSite: '539901001001' } as const;

/**
 * Loads a city-sized tracking dataset with set-based SQL: regions, `households` households of
 * 4 persons, 36 months of income, visits, 低保 and assessments (seedTrackingFacts). No ID numbers.
 */
export async function loadTrackingCity(db: Db, households = 50_000): Promise<Record<string, number>> {
  // One transaction without the pool's statement timeout: the inserts take minutes at city scale.
  await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await loadInTransaction(trx, households);
  });
  await sql`analyze`.execute(db);
  const count = async (table: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);
  return {
    households: await count('households'),
    persons: await count('persons'),
    incomeRecords: await count('income_records'),
  };
}

async function loadInTransaction(db: Db, households: number): Promise<void> {
  const region = (code: string, name: string, level: 'city' | 'county' | 'township' | 'site', parentCode?: string) =>
    insertRegion(db, { code, name, level, parentCode });
  await region('539900', '基准市', 'city');
  await region('539901', '基准一县', 'county', '539900');
  await region('539902', '基准二县', 'county', '539900');
  await region('539901001', '基准一镇', 'township', '539901');
  await region('539902001', '基准二镇', 'township', '539902');
  const sites = [
    { code: benchCity.bigSite, county: '539901', share: 0.66 },
    { code: '539901001002', county: '539901', share: 0.085 },
    { code: '539902001001', county: '539902', share: 0.085 },
    { code: '539902001002', county: '539902', share: 0.085 },
    { code: '539902001003', county: '539902', share: 0.085 },
  ];
  let first = 1;
  for (const [i, site] of sites.entries()) {
    const { id } = await region(site.code, `基准安置点${i + 1}`, 'site', `${site.county}001`);
    const count = i === sites.length - 1 ? households - first + 1 : Math.round(households * site.share);
    await sql`insert into households (household_number, county_code, site_id, monitoring_category, created_at)
      select 'B' || lpad(g::text, 7, '0'), ${site.county}, ${id}::bigint,
        case when g % 10 = 0 then 'unstable' else 'none' end, now() - interval '3 years'
      from generate_series(${first}::int, ${first + count - 1}::int) g`.execute(db);
    first += count;
  }
  await sql`insert into persons (household_id, county_code, name, relation, labor_capacity, employment_status)
    select h.id, h.county_code, '成员' || k, case when k = 1 then 'head' when k = 2 then 'spouse' else 'child' end,
      case when k <= 2 then 'full' when (h.id + k) % 3 = 0 then 'weak' else 'none' end,
      case when k <= 2 and (h.id + k) % 4 <> 0 then 'employed_local' when k <= 2 then 'unemployed_seeking' else 'not_seeking' end
    from households h cross join generate_series(1, 4) k where h.household_number like 'B%'`.execute(db);
  await sql`insert into monitoring_lines (region_code, level, year, amount_yuan, note)
    values ('53', 'province', 2023, 8050, 'bench'), ('53', 'province', 2025, 8700, 'bench')`.execute(db);
  await seedTrackingFacts(db, { months: 36, today: chinaToday() });
}

/** Site dashboard, city dashboard and household timeline, in-process, as the admin. */
export async function trackingFigures(ctx: { deps: AppDeps }, samples = 30): Promise<Figure[]> {
  const app = createApp(ctx.deps);
  const cookie = await signIn(app, 'demo-admin');
  const get = async (url: string) => {
    const response = await app.request(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
  const to = monthStart(chinaToday(), -1).slice(0, 7);
  const from = monthStart(chinaToday(), -12).slice(0, 7);
  const { rows } = await sql<{ id: string }>`select h.id::text as id from households h
    where h.household_number like 'B%' order by h.id limit ${samples + 10}`.execute(ctx.deps.db);
  return [
    {
      ...(await sample('tracking: site dashboard (33k households)', samples, () =>
        get(`/api/reports/regions/${benchCity.bigSite}?from=${from}&to=${to}`),
      )),
      target: { metric: 'p95Ms', max: 150 },
    },
    {
      ...(await sample('tracking: city dashboard (50k households)', samples, () =>
        get(`/api/reports/regions/${benchCity.city}?from=${from}&to=${to}`),
      )),
      target: { metric: 'p95Ms', max: 500 },
    },
    {
      ...(await sample('tracking: household timeline', samples, (i) =>
        get(`/api/households/${rows[i % rows.length].id}/timeline`),
      )),
      target: { metric: 'p95Ms', max: 50 },
    },
  ];
}
