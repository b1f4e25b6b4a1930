import { evaluateAllAlerts } from '../tracking/evaluate-alerts.ts';
import { runCli } from './context.ts';

/** `pnpm alerts:evaluate [--as-of YYYY-MM-DD]`: the nightly full evaluation of the early-warning rules. */
const asOfIndex = process.argv.indexOf('--as-of');
const asOf = asOfIndex >= 0 ? process.argv[asOfIndex + 1] : undefined;
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('anju: --as-of must be a date YYYY-MM-DD');
  process.exit(2);
}

await runCli(async (deps) => {
  const result = await evaluateAllAlerts(deps, asOf);
  console.log(
    `alerts evaluated: ${result.firing} conditions hold, ${result.opened} opened, ${result.autoResolved} auto-resolved, ${result.escalated} escalated (${result.ms} ms)`,
  );
  return 0;
});
