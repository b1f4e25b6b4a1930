import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chinaToday } from '@anju/domain/clock';
import { CompiledQuery as Compiled, type CompiledQuery, sql } from 'kysely';
import { runCli } from '../api/src/cli/context.ts';
import { type Db, inBatchTransaction, rolledBack } from '../api/src/db/database.ts';
import {
  evaluateAlerts,
  evaluateAllAlerts,
  evaluateBatch,
  planEvaluationBatches,
} from '../api/src/tracking/evaluate-alerts.ts';

/**
 * The nightly alert evaluation (issue 23) on a seeded database (same DATA_DIR as the seed):
 *   DATA_DIR=/tmp/anju-city ANJU_DEMO=0 npx tsx bench/nightly-evaluation.ts [--as-of D] [--runs N]
 *     [--batch-size N] [--parallel N] [--single-pass] [--explain FILE]
 * Runs the nightly evaluation `--runs` times (default 1) and prints each run's time and counts:
 * batched (`evaluateAllAlerts`) or, with --single-pass, every household in one statement set and
 * one transaction (`evaluateAlerts` over all, as the nightly run was before issue 23).
 * With --explain FILE, first EXPLAIN (ANALYZE, BUFFERS) of each statement of one single pass and
 * of the largest batch, run in transactions that are rolled back: the plans go to FILE, a line per
 * statement (time, buffers, temp blocks, sorts on disk, hash batches, most loops) to stdout.
 * Each run writes (it is the real evaluation): the first run of a day refreshes, later ones find
 * little to change.
 */
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const asOf = option('--as-of') ?? chinaToday();
const runs = Number(option('--runs') ?? 1);
const batchSize = option('--batch-size') ? Number(option('--batch-size')) : undefined;
const parallel = option('--parallel') ? Number(option('--parallel')) : undefined;
const explainFile = option('--explain');
const singlePass = process.argv.includes('--single-pass');
const load = () => loadavg()[0].toFixed(1);

/** The statements `work` sends, compiled as sent, with the transaction rolled back. */
async function statementsOf(db: Db, work: (trx: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = [];
  const capturing = db.withPlugin({
    transformQuery: ({ node, queryId }) => {
      captured.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  });
  await rolledBack(capturing, async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await work(trx);
  });
  return captured.filter((query) => !query.sql.startsWith('set local'));
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement in order, in one transaction rolled back. */
async function explainAll(db: Db, label: string, statements: CompiledQuery[], out: string[]) {
  await rolledBack(db, async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    for (const [index, statement] of statements.entries()) {
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        Compiled.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
      );
      const plan = rows.map((row) => row['QUERY PLAN']);
      const text = plan.join('\n');
      const firstLine = statement.sql.replace(/\s+/g, ' ').slice(0, 60);
      const buffers = plan.find((line) => line.trim().startsWith('Buffers:'))?.trim() ?? 'Buffers: none';
      const external = (text.match(/Sort Method: external merge/g) ?? []).length;
      const batches = Math.max(0, ...[...text.matchAll(/Batches: (\d+)/g)].map((m) => Number(m[1])));
      const loops = Math.max(0, ...[...text.matchAll(/loops=(\d+)/g)].map((m) => Number(m[1])));
      const time = plan.find((line) => line.startsWith('Execution Time'));
      console.log(
        `${label} #${index + 1} ${time} | ${buffers} | external sorts ${external}, hash batches ≤ ${batches}, loops ≤ ${loops} | ${firstLine}`,
      );
      out.push(`-- ${label} #${index + 1}: ${statement.sql.replace(/\s+/g, ' ').slice(0, 200)}\n${text}\n`);
    }
  });
}

await runCli(async (deps) => {
  const { db } = deps;
  const { rows } = await sql<{ households: number; active: number; counties: number }>`
    select (select count(*) from households)::int as households,
      (select count(*) from alerts where state in ('open', 'acknowledged'))::int as active,
      (select count(distinct county_code) from households)::int as counties`.execute(db);
  console.log(
    `as of ${asOf}: ${rows[0].households} households in ${rows[0].counties} counties, ${rows[0].active} active alerts; load ${load()}`,
  );

  if (explainFile) {
    const out: string[] = [];
    await explainAll(db, 'single pass', await statementsOf(db, (trx) => evaluateAlerts(trx, { asOf })), out);
    const batches = await planEvaluationBatches(db, batchSize ?? 10_000);
    const largest = batches.reduce((a, b) => (b.households > a.households ? b : a));
    await explainAll(
      db,
      `batch ${largest.countyCode} (${largest.households})`,
      await statementsOf(db, (trx) => evaluateBatch(trx, largest, asOf)),
      out,
    );
    writeFileSync(explainFile, out.join('\n'));
    console.log(`plans written to ${explainFile}`);
  }

  for (let run = 1; run <= runs; run++) {
    const loadBefore = load();
    const started = performance.now();
    const result = singlePass
      ? await inBatchTransaction(db, (trx) => evaluateAlerts(trx, { asOf }))
      : await evaluateAllAlerts(deps, asOf, { batchSize, parallel });
    const ms = Math.round(performance.now() - started);
    const { ms: _, ...counts } = result;
    console.log(
      `run ${run} (${singlePass ? 'single pass' : `batches of ${batchSize ?? 10_000}, ${parallel ?? 2} at a time`}): ${ms} ms, load ${loadBefore} → ${load()} ${JSON.stringify({ ...counts, byCounty: undefined })}`,
    );
  }
  return 0;
});
