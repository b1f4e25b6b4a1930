import { createMigrator, migrateDown, migrateToLatest } from '../db/migrate.ts';
import { runCli } from './context.ts';

/** `pnpm migrate [up|down|status]`. `start` also migrates up on every start. */
const command = process.argv[2] ?? 'up';
if (!['up', 'down', 'status'].includes(command)) {
  console.error('usage: pnpm migrate [up|down|status]');
  process.exit(2);
}

await runCli(async ({ db }) => {
  // `connect` has already migrated up; `down` steps back one migration from there.
  if (command === 'down') console.log(`reverted: ${(await migrateDown(db)).join(', ') || 'nothing'}`);
  if (command === 'up') console.log(`up to date: ${(await migrateToLatest(db)).length} pending applied`);
  for (const migration of await createMigrator(db).getMigrations()) {
    console.log(`${migration.executedAt ? 'applied' : 'pending'}  ${migration.name}`);
  }
  return 0;
}, 'owner');
