import { reindexAll } from '../search-sync/reindex.ts';
import { drainOutbox } from '../search-sync/worker.ts';
import { runCli } from './context.ts';

/** `pnpm search:reindex`: rebuilds every search index from PostgreSQL, swapping with no downtime. */
await runCli(async (deps) => {
  const counts = await reindexAll(deps);
  await drainOutbox(deps, { includeDelayed: true });
  for (const [index, count] of Object.entries(counts)) console.log(`reindexed ${index}: ${count} documents`);
  return 0;
});
