import { evaluateAllAlerts } from '../tracking/evaluate-alerts.ts';
import { runCli } from './context.ts';

/**
 * `pnpm alerts:evaluate [--as-of YYYY-MM-DD] [--rebuild-summaries]`: the nightly full evaluation
 * of the early-warning rules; `--rebuild-summaries` first rebuilds the household summaries
 * from the ledgers (a safety net: triggers keep them current on every write).
 */
const asOfIndex = process.argv.indexOf('--as-of');
const asOf = asOfIndex >= 0 ? process.argv[asOfIndex + 1] : undefined;
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('anju: --as-of must be a date YYYY-MM-DD');
  process.exit(2);
}

await runCli(async (deps) => {
  const result = await evaluateAllAlerts(deps, asOf, {
    rebuildSummaries: process.argv.includes('--rebuild-summaries'),
  });
  if (result.rebuildMs !== undefined) console.log(`household summaries rebuilt (${result.rebuildMs} ms)`);
  console.log(
    `alerts evaluated: ${result.firing} conditions hold, ${result.opened} opened, ${result.autoResolved} auto-resolved, ${result.escalated} escalated (${result.ms} ms)`,
  );
  return 0;
});
