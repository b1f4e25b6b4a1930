import type { AppDeps } from '../api/src/http/env.ts';
import { seedOnEmptyDatabase } from '../api/src/seed/demo.ts';

export const benchScales = ['tiny', 'demo', 'city'] as const;
export type BenchScale = (typeof benchScales)[number];

export interface Seeded {
  counts: Record<string, number>;
  /** Logins with the demo password, one per role, for authenticated figures. */
  logins: Record<string, string>;
}

/** Loads data at the bench scale. The city-scale generator plugs in here (issue 8). */
export async function seedForBench(deps: AppDeps, scale: BenchScale): Promise<Seeded> {
  await seedOnEmptyDatabase(deps);
  const count = async (table: 'users' | 'regions') =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    counts: { scale: benchScales.indexOf(scale), users: await count('users'), regions: await count('regions') },
    logins: { admin: 'demo-admin', official: 'demo-official', worker: 'demo-worker', resident: 'demo-resident' },
  };
}
