import { loadavg } from 'node:os';
import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { loadActor } from '../api/src/access/actor.ts';
import { runCli } from '../api/src/cli/context.ts';
import type { Db } from '../api/src/db/database.ts';
import { programmeBreakdown } from '../api/src/programmes/report-breakdown.ts';
import { programmeFigures } from '../api/src/programmes/report-figures.ts';
import {
  alertsByKind,
  byResponsibleWorker,
  childRegions,
  incomeFigures,
  integrationByMonth,
  monthlyTrend,
  peopleFigures,
} from '../api/src/tracking/reports.queries.ts';
import { scopedRegionSites } from '../api/src/tracking/reports.ts';
import { findScopedRegion } from '../api/src/tracking/scope.ts';
import { sample } from './measure.ts';

/**
 * The city dashboard (`regionReport`) part by part, on a database seeded with `pnpm seed --scale
 * city`, as the city official, one part at a time (the endpoint runs them together):
 *   DATA_DIR=/tmp/anju-city ANJU_DEMO=0 npx tsx bench/dashboard-parts.ts [--samples N] [--explain] [--region CODE]
 * Prints p50/p95 of each part; with --explain, EXPLAIN (ANALYZE, BUFFERS) of every statement each
 * part runs (captured on the way to PostgreSQL, parameters included).
 */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const samples = Number(argument('--samples') ?? 5);

await runCli(async ({ db }) => {
  const user = await db.selectFrom('users').select('id').where('login', '=', 'city-official').executeTakeFirstOrThrow();
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error('city-official is not active');
  const code =
    argument('--region') ??
    (await sql<{ code: string }>`select code from regions where level = 'city' limit 1`.execute(db)).rows[0].code;
  const region = await findScopedRegion(db, actor, code);
  const today = chinaToday();
  const to = monthStart(today, -1);
  const from = monthStart(to, -11);
  const end = monthStart(to, 1);
  const parts: [string, (db: Db) => Promise<unknown>][] = [
    ['peopleFigures', (d) => peopleFigures(d, scopedRegionSites(d, actor, region.path))],
    ['incomeFigures', (d) => incomeFigures(d, scopedRegionSites(d, actor, region.path), to)],
    ['monthlyTrend', (d) => monthlyTrend(d, scopedRegionSites(d, actor, region.path), from, to)],
    ['integrationByMonth', (d) => integrationByMonth(d, scopedRegionSites(d, actor, region.path), from, end)],
    ['alertsByKind', (d) => alertsByKind(d, scopedRegionSites(d, actor, region.path), today)],
    ['byResponsibleWorker', (d) => byResponsibleWorker(d, scopedRegionSites(d, actor, region.path), from, end, today)],
    ['childRegions', (d) => childRegions(d, actor, scopedRegionSites(d, actor, region.path), region.id, to, today)],
    ['programmeFigures', (d) => programmeFigures(d, scopedRegionSites(d, actor, region.path), to.slice(0, 7), today)],
    [
      'programmeBreakdown',
      (d) => programmeBreakdown(d, scopedRegionSites(d, actor, region.path), to.slice(0, 7), today),
    ],
  ];
  console.log(
    `region ${region.code} (${region.level}), ${from} … ${to}; load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  for (const [name, run] of parts) {
    const figure = await sample(name, samples, () => run(db));
    console.log(`${name}: p50 ${figure.medianMs} ms, p95 ${figure.p95Ms} ms`);
  }
  if (process.argv.includes('--explain')) {
    for (const [name, run] of parts) {
      const captured: RootOperationNode[] = [];
      const capture: KyselyPlugin = {
        transformQuery: (args) => {
          captured.push(args.node);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const capturing = db.withPlugin(capture);
      await run(capturing);
      for (const node of captured) {
        const compiled = db.getExecutor().compileQuery(node, { queryId: name } as never);
        const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
        );
        console.log(`\n== ${name}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  return 0;
});
