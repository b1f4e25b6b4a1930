import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import type { AppDeps } from '../api/src/http/env.ts';
import { connect, type RunningServices, startServices } from '../api/src/platform.ts';
import { drainOutbox } from '../api/src/search-sync/worker.ts';
import { generateCity } from '../api/src/seed/generator/city.ts';
import { growOpenJobs } from '../api/src/seed/generator/more-jobs.ts';

export const benchScales = ['tiny', 'small', 'small4', 'city', 'city4'] as const;
export type BenchScale = (typeof benchScales)[number];

export interface Seeded {
  counts: Record<string, number>;
  /** Logins with the demo password, for authenticated figures. */
  logins: { admin: string; official: string; worker: string; resident: string };
  largestSiteCode: string;
  cityCode: string;
  seedSeconds: number;
}

/** Loads a fresh fictional city at the bench scale and reports how long it took. */
export async function seedForBench(deps: AppDeps, scale: BenchScale): Promise<Seeded> {
  const started = performance.now();
  const city = await generateCity(deps, scale, {
    onProgress: (step, done, total) => process.stderr.write(`\rseeding ${step} ${done}/${total}      `),
  });
  process.stderr.write('\n');
  return { ...city, seedSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * The tiny city with its job market grown to `jobs` (92 % open) and indexed: the search benches'
 * data (bench/search-profile.ts, bench/search-load.ts).
 */
export async function tinyCityWithJobs(deps: AppDeps, jobs: number) {
  const city = await generateCity(deps, 'tiny');
  await growOpenJobs(deps.db, { openJobs: Math.round(jobs * 0.92), today: new Date(`${chinaToday()}T00:00:00Z`) });
  await drainOutbox(deps, { batchSize: 2000, includeDelayed: true });
  return city;
}

/**
 * Runs a search bench on a throwaway embedded stack: a fresh data directory (readable by the
 * embedded PostgreSQL's own user), its services started and connected as owner, the tiny city grown
 * to `jobs` jobs. Afterwards the stack and the directory go, and the process exits (1 if `run` threw).
 */
export async function onTinyCityStack(
  name: string,
  jobs: number,
  run: (stack: {
    dataDir: string;
    services: RunningServices;
    deps: AppDeps;
    city: Awaited<ReturnType<typeof tinyCityWithJobs>>;
  }) => Promise<void>,
): Promise<never> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `anju-${name}-`));
  await chmod(dataDir, 0o755);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
  let services: RunningServices | undefined;
  let exitCode = 0;
  try {
    services = await startServices(config, logger);
    const deps = await connect(config, logger, services, 'owner');
    const city = await tinyCityWithJobs(deps, jobs);
    await run({ dataDir, services, deps, city });
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await services?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}
