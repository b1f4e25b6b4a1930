import { checkDrift } from '../search-sync/check.ts';
import { runCli } from './context.ts';

/**
 * `pnpm search:check`: compares ids and document hashes between PostgreSQL and Meilisearch.
 * Exit 0 when they agree; exit 1 listing the drifted ids otherwise.
 */
await runCli(async (deps) => {
  const drifts = await checkDrift(deps);
  const pending = await deps.db
    .selectFrom('searchOutbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (drifts.length === 0) {
    console.log(`search: no drift (${pending.n} outbox entries pending)`);
    return 0;
  }
  for (const drift of drifts) {
    for (const kind of ['missing', 'extra', 'stale'] as const) {
      if (drift[kind].length) console.log(`drift ${drift.index} ${kind}: ${drift[kind].join(' ')}`);
    }
  }
  console.log(`search: drift found (${pending.n} outbox entries pending; the worker may still catch up)`);
  return 1;
});
