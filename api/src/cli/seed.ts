import { seedOnEmptyDatabase } from '../seed/demo.ts';
import { runCli } from './context.ts';

/** `pnpm seed [--scale demo]`: loads demo data into an empty database. */
const scaleIndex = process.argv.indexOf('--scale');
const scale = scaleIndex >= 0 ? process.argv[scaleIndex + 1] : 'demo';
if (scale !== 'demo') {
  console.error(`anju: unknown --scale ${scale}; known: demo`);
  process.exit(2);
}

await runCli(async (deps) => {
  await seedOnEmptyDatabase(deps);
  console.log(`seeded: ${scale}`);
  return 0;
});
