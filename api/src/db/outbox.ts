import type { SelectQueryBuilder } from 'kysely';
import type { Logger } from '../config/logger.ts';

/**
 * The one way an outbox is claimed (search_outbox, notification_outbox): at most `batchSize` rows,
 * locked FOR UPDATE SKIP LOCKED for the caller's transaction, so several processes may drain the
 * same outbox side by side and never take the same row. `lockOf` names the outbox's alias when the
 * query joins other tables (only the outbox rows are locked; a left-joined side cannot be). The
 * caller orders the rows and filters the due ones; it runs in the transaction that marks them done.
 */
export function claimBatch<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  batchSize: number,
  lockOf?: TB & string,
): SelectQueryBuilder<DB, TB, O> {
  const limited = query.limit(batchSize);
  return (lockOf ? limited.forUpdate(lockOf) : limited.forUpdate()).skipLocked();
}

/**
 * The one background loop that drains an outbox: runs `drain`, logs a failed round and goes on,
 * then waits `intervalMs` (or less, when stopped). Returns the stop function, which resolves
 * once the round under way has finished.
 */
export function startDrainLoop<R extends { failed: number }>(
  name: string,
  drain: () => Promise<R>,
  logger: Logger,
  intervalMs: number,
): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const result = await drain();
        if (result.failed) logger.warn({ failed: result.failed }, `${name}: some entries failed; will retry`);
      } catch (error) {
        logger.warn({ err: error }, `${name}: round failed`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await loop;
  };
}
