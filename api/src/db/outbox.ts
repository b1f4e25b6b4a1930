import type { SelectQueryBuilder } from 'kysely';
import pg from 'pg';
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

/** Where a drain loop hears that new entries were committed (`NOTIFY channel`, see listenForWakes). */
export interface WakeSource {
  url: string;
  channel: string;
  /**
   * How often the loop still polls while it is listening: only for entries that come due later
   * (a retry's backoff). Without a live LISTEN connection it polls at its own interval.
   */
  pollMs: number;
}

/** Before a lost LISTEN connection is opened again (the loop's own polling covers the gap). */
const RELISTEN_MS = 5_000;

/**
 * Holds one connection that LISTENs on `channel` and calls `onWake` for each notification, so a
 * drain loop starts as soon as a write commits rather than at its next poll. A lost connection
 * (PostgreSQL restart) is logged and opened again; nothing is lost meanwhile, only heard later.
 * Returns the stop function.
 */
export function listenForWakes(
  source: WakeSource,
  onWake: () => void,
  logger: Logger,
): { stop: () => Promise<void>; listening: () => boolean } {
  let listening = false;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: source.url, application_name: 'anju-listen' });
    const reconnect = (error: unknown) => {
      if (client !== next) return;
      client = undefined;
      listening = false;
      next.end().catch(() => undefined);
      if (stopped) return;
      logger.warn({ err: error }, `listening on ${source.channel} lost; polling meanwhile`);
      retry = setTimeout(() => void connect(), RELISTEN_MS);
      retry.unref();
    };
    client = next;
    next.on('notification', () => onWake());
    next.on('error', reconnect);
    next.on('end', () => reconnect(new Error('connection ended')));
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(source.channel)}`);
      listening = client === next;
      // Whatever was committed before LISTEN took effect is drained by the wake below.
      onWake();
    } catch (error) {
      reconnect(error);
    }
  };
  void connect();
  const stop = async () => {
    stopped = true;
    listening = false;
    clearTimeout(retry);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
  return { stop, listening: () => listening };
}

/**
 * The one background loop that drains an outbox: runs `drain`, logs a failed round and goes on,
 * then waits `intervalMs` (or less, when stopped, or woken by a notification on `wakeOn`: then
 * the next round starts at once, and a notification heard during a round starts another one right
 * after it; while listening, it polls only every `wakeOn.pollMs`). Returns the stop function, which resolves once the round under way has finished.
 */
export function startDrainLoop<R extends { failed: number }>(
  name: string,
  drain: () => Promise<R>,
  logger: Logger,
  intervalMs: number,
  wakeOn?: WakeSource,
): () => Promise<void> {
  let stopped = false;
  let woken = false;
  let wake: (() => void) | undefined;
  const listener = wakeOn
    ? listenForWakes(
        wakeOn,
        () => {
          woken = true;
          wake?.();
        },
        logger,
      )
    : undefined;
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      try {
        const result = await drain();
        if (result.failed) logger.warn({ failed: result.failed }, `${name}: some entries failed; will retry`);
      } catch (error) {
        logger.warn({ err: error }, `${name}: round failed`);
      }
      if (woken || stopped) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        // Listening, a commit wakes the loop at once: polling is then only for entries due later.
        setTimeout(resolve, wakeOn && listener?.listening() ? wakeOn.pollMs : intervalMs).unref();
      });
      wake = undefined;
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await listener?.stop();
    await loop;
  };
}
