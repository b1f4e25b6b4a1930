import { chinaToday } from '@anju/domain/clock';
import type { AppDeps } from '../api/src/http/env.ts';
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
