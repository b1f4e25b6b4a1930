import type { AppDeps } from '../api/src/http/env.ts';
import { generateCity } from '../api/src/seed/generator/city.ts';

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
