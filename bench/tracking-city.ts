import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import { createApp } from '../api/src/app.ts';
import { runCli } from '../api/src/cli/context.ts';
import { inBatchTransaction } from '../api/src/db/database.ts';
import { evaluateAllAlerts } from '../api/src/tracking/evaluate-alerts.ts';
import { rebuildHouseholdSummaries } from '../api/src/tracking/summaries.ts';
import { sample, signIn } from './measure.ts';

/**
 * The tracking figures of issue 7 on a database already seeded with `pnpm seed --scale city`
 * (same DATA_DIR / DATABASE_URL as the seed), in-process and sequential:
 *   DATA_DIR=/tmp/anju-city ANJU_DEMO=0 npx tsx bench/tracking-city.ts [--rebuild]
 * Prints p50/p95 of the largest site's dashboard, the city dashboard and household timelines,
 * the nightly evaluation's time and, with --rebuild, the full rebuild of the summaries.
 */
await runCli(async (deps) => {
  const app = createApp(deps);
  const cookie = await signIn(app, 'city-admin');
  const get = async (url: string) => {
    const response = await app.request(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
  const { rows: sites } = await sql<{ code: string; n: number }>`
    select site.code, count(*)::int as n from households h join regions site on site.id = h.site_id
    group by site.code order by n desc limit 1`.execute(deps.db);
  const { rows: cities } = await sql<{ code: string }>`select code from regions where level = 'city' limit 1`.execute(
    deps.db,
  );
  const { rows: households } = await sql<{ id: string }>`
    select id::text from households order by md5(id::text) limit 60`.execute(deps.db);
  const to = monthStart(chinaToday(), -1).slice(0, 7);
  const from = monthStart(chinaToday(), -12).slice(0, 7);
  const figures = [
    await sample(`site dashboard (${sites[0].code}, ${sites[0].n} households)`, 30, () =>
      get(`/api/reports/regions/${sites[0].code}?from=${from}&to=${to}`),
    ),
    await sample(`city dashboard (${cities[0].code})`, 30, () =>
      get(`/api/reports/regions/${cities[0].code}?from=${from}&to=${to}`),
    ),
    await sample('household timeline', 60, (i) =>
      get(`/api/households/${households[i % households.length].id}/timeline`),
    ),
  ];
  for (const figure of figures) console.log(`${figure.name}: p50 ${figure.medianMs} ms, p95 ${figure.p95Ms} ms`);
  const nightly = await evaluateAllAlerts(deps);
  console.log(`nightly alert evaluation: ${nightly.ms} ms (${nightly.firing} conditions hold)`);
  if (process.argv.includes('--rebuild')) {
    const rebuild = await inBatchTransaction(deps.db, (trx) => rebuildHouseholdSummaries(trx));
    console.log(`full rebuild of the household summaries: ${rebuild.ms} ms`);
  }
  return 0;
});
