import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { DEMO_PASSWORD, demoAccounts } from '../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../api/src/seed/demo.ts';
import { ensureWebBuilt } from '../api/src/web/build.ts';
import { startApiProcess } from './api-process.ts';
import { markdownTable } from './measure.ts';
import { portalFigures } from './portal-figures.ts';

/**
 * `pnpm bench:portal`: the portal alone on a throttled phone (issue 19), every role's home on the
 * demo data — a fresh embedded stack, the built portal served by the API as in production.
 * (`pnpm bench` measures the same for the roles of its generated city.)
 * `pnpm bench:portal --only=demo-worker,demo-official` measures the login page and those accounts'
 * homes only (the offline shell when the worker is among them): one step's before/after in minutes.
 * `pnpm bench:portal --offline` measures the offline shell alone (issue 22), with its trace.
 */
const offlineOnly = process.argv.includes('--offline');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-portal-'));
await chmod(dataDir, 0o755);
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
const services = await startServices(config, logger);
let exitCode = 0;
try {
  const deps = await connect(config, logger, services, 'owner');
  await seedOnEmptyDatabase(deps);
  await ensureWebBuilt(logger);
  const api = await startApiProcess(services, deps.config, path.join(dataDir, 'api'));
  try {
    const accounts = demoAccounts
      .filter((account) => !only || only.includes(account.login))
      .map((account) => ({
        role: account.role,
        login: account.login,
        password: DEMO_PASSWORD,
      }));
    console.log(`\n${markdownTable(await portalFigures(api.url, accounts, { offlineOnly }))}\n`);
  } finally {
    await api.stop();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.cleanup();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
