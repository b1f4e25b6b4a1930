import { rebuildSearch } from '../search-sync/reindex.ts';
import { runCli } from './context.ts';

/** `pnpm search:reindex`: rebuilds every search index from PostgreSQL, swapping with no downtime. */
await runCli(async (deps) => {
  const counts = await rebuildSearch(deps);
  for (const [index, count] of Object.entries(counts)) console.log(`reindexed ${index}: ${count} documents`);
  return 0;
});
