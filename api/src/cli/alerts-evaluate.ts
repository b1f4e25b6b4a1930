import {
  evaluateAllAlerts,
  NightlyEvaluationError,
  type NightlyEvaluationResult,
} from '../tracking/evaluate-alerts.ts';
import { runCli } from './context.ts';

/**
 * `pnpm alerts:evaluate [--as-of YYYY-MM-DD] [--rebuild-summaries] [--batch-size N] [--parallel N]`:
 * the nightly full evaluation of the early-warning rules, county by county in batches of N
 * households (default 10000), N batches at a time (default 2); `--rebuild-summaries` first
 * rebuilds the household summaries from the ledgers (a safety net: triggers keep them current on
 * every write). Exits 1 when a batch failed (the others' alerts are kept; run it again).
 */
const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const asOf = option('--as-of');
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('anju: --as-of must be a date YYYY-MM-DD');
  process.exit(2);
}
const count = (name: string) => {
  const value = option(name);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) {
    console.error(`anju: ${name} must be a positive whole number`);
    process.exit(2);
  }
  return Number(value);
};
const batchSize = count('--batch-size');
const parallel = count('--parallel');

function print(result: NightlyEvaluationResult) {
  if (result.rebuildMs !== undefined) console.log(`household summaries rebuilt (${result.rebuildMs} ms)`);
  for (const [county, c] of Object.entries(result.byCounty))
    console.log(
      `  county ${county}: ${c.households} households in ${c.batches} batches${c.failedBatches ? ` (${c.failedBatches} FAILED)` : ''}, ${c.firing} conditions hold, ${c.opened} opened, ${c.autoResolved} auto-resolved, ${c.escalated} escalated`,
    );
  console.log(
    `alerts evaluated: ${result.households} households in ${result.batches} batches, ${result.firing} conditions hold, ${result.opened} opened, ${result.autoResolved} auto-resolved, ${result.escalated} escalated (${result.ms} ms)`,
  );
}

await runCli(async (deps) => {
  try {
    print(
      await evaluateAllAlerts(deps, asOf, {
        rebuildSummaries: process.argv.includes('--rebuild-summaries'),
        batchSize,
        parallel,
      }),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof NightlyEvaluationError)) throw error;
    print(error.result);
    for (const batch of error.result.failed)
      console.error(`anju: batch ${batch.countyCode} ${batch.firstId}…${batch.lastId} failed: ${batch.error}`);
    console.error(`anju: ${error.message}`);
    return 1;
  }
});
