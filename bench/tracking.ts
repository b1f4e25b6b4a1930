import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { seedOnEmptyDatabase } from '../api/src/seed/demo.ts';
import { markdownTable } from './measure.ts';
import { loadTrackingCity, trackingFigures } from './tracking-figures.ts';

/** `pnpm --filter bench exec tsx tracking.ts [households] [samples]`: tracking figures on a fresh stack. */
const households = Number(process.argv[2] ?? 50_000);
const samples = Number(process.argv[3] ?? 30);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-tracking-'));
await chmod(dataDir, 0o755);
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
const services = await startServices(config, logger);
let exitCode = 0;
try {
  const deps = await connect(config, logger, services);
  await seedOnEmptyDatabase(deps);
  const started = performance.now();
  const counts = await loadTrackingCity(deps.db, households);
  console.log(`loaded ${JSON.stringify(counts)} in ${Math.round((performance.now() - started) / 1000)} s`);
  console.log(markdownTable(await trackingFigures({ deps }, samples)));
  if (process.env.BENCH_KEEP) {
    // For EXPLAIN by hand: keep the stack until the process is stopped.
    console.log(`keeping ${services.databaseUrl}`);
    await new Promise((resolve) => process.once('SIGTERM', resolve));
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.cleanup();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
