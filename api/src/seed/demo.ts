import type { AppDeps } from '../http/env.ts';
import { seedDemoOpportunities } from '../opportunities/demo-seed.ts';
import { seedDemoRegistry } from '../registry/demo-seed.ts';
import { seedDemoTracking } from '../tracking/demo-seed.ts';
import { seedDemoAccess } from './access-demo.ts';
import { seedDemoPolicy } from './policy-demo.ts';
import { seedDemoProgrammes } from './programmes-demo.ts';

/**
 * A demo seeder fills one feature's demo data. Each runs only when its tables are
 * empty, so restarts never duplicate data and a real database is never touched.
 */
export type DemoSeeder = (deps: AppDeps) => Promise<void>;

export const demoSeeders: DemoSeeder[] = [
  seedDemoAccess,
  seedDemoRegistry,
  seedDemoOpportunities,
  seedDemoTracking,
  seedDemoProgrammes,
  seedDemoPolicy,
];

export async function seedOnEmptyDatabase(deps: AppDeps): Promise<void> {
  for (const seeder of demoSeeders) await seeder(deps);
}
