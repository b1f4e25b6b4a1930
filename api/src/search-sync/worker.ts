import { sql } from 'kysely';
import { meilisearchRefusal } from '../../../search/src/http-client.ts';
import type { Logger } from '../config/logger.ts';
import { claimBatch, startDrainLoop } from '../db/outbox.ts';
import type { SearchIndexName } from '../db/search-outbox.ts';
import type { AppDeps } from '../http/env.ts';
import { raiseSavedSearchAlerts } from '../opportunities/alerts.ts';
import type { PostingKind } from '../opportunities/postings.ts';
import { documentLoaders, SYNCED_INDEXES } from './loaders.ts';

const TASK_TIMEOUT_MS = 60_000;

export interface DrainOptions {
  batchSize?: number;
  /** Also take entries still waiting out a retry delay (tests, and right after an outage). */
  includeDelayed?: boolean;
  /** Stop after this many batches (the background loop yields between rounds). */
  maxBatches?: number;
}

export interface DrainResult {
  indexed: number;
  deleted: number;
  failed: number;
  alerts: number;
}

/** Seconds before retry n: 1, 2, 4 … capped at five minutes. */
export const backoffSeconds = (attempts: number) => Math.min(300, 2 ** Math.max(0, attempts - 1));

/**
 * Drains `search_outbox` into Meilisearch in batches. Each entry only names a document: the
 * worker reads the row's current state, so an upsert of a row that is gone becomes a delete and
 * replays are harmless (upsert by id). Each Meilisearch task is awaited; on failure the batch
 * stays queued with exponential backoff. Entries are taken FOR UPDATE SKIP LOCKED, so several
 * API processes may run the worker side by side.
 */
export async function drainOutbox(
  deps: Pick<AppDeps, 'db' | 'search'>,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const { db, search } = deps;
  const total: DrainResult = { indexed: 0, deleted: 0, failed: 0, alerts: 0 };
  const batchSize = options.batchSize ?? 500;
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const outcome = await db.transaction().execute(async (trx) => {
      let query = claimBatch(
        trx.selectFrom('searchOutbox').select(['id', 'indexName', 'documentId', 'attempts']).orderBy('id'),
        batchSize,
      );
      if (!options.includeDelayed) query = query.where('availableAt', '<=', sql<Date>`now()`);
      const entries = await query.execute();
      if (entries.length === 0) return undefined;
      const upserted = new Map<SearchIndexName, string[]>();
      let indexed = 0;
      let deleted = 0;
      try {
        for (const name of SYNCED_INDEXES) {
          const ids = [...new Set(entries.filter((e) => e.indexName === name).map((e) => e.documentId))];
          if (ids.length === 0) continue;
          const documents = await documentLoaders[name].build(trx, ids);
          const present = new Set(documents.map((d) => d.id));
          const gone = ids.filter((id) => !present.has(id));
          const index = search.client.index(search.indexUid(name));
          if (documents.length) {
            const task = await index
              .addDocuments(documents, { primaryKey: 'id' })
              .waitTask({ timeout: TASK_TIMEOUT_MS });
            if (task.status !== 'succeeded') throw new Error(`indexing ${name} ${task.status}: ${task.error?.message}`);
          }
          if (gone.length) {
            const task = await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS });
            if (task.status !== 'succeeded')
              throw new Error(`deleting from ${name} ${task.status}: ${task.error?.message}`);
          }
          if (documentLoaders[name].alerts)
            upserted.set(
              name,
              documents.filter((d) => d.visible).map((d) => d.id),
            );
          indexed += documents.length;
          deleted += gone.length;
        }
      } catch (error) {
        // A refusal's own words ("Index … not found"), not the client's "Request to … has failed".
        const message = String((meilisearchRefusal(error) ?? (error as Error))?.message ?? error).slice(0, 500);
        for (const entry of entries) {
          await trx
            .updateTable('searchOutbox')
            .set({
              attempts: entry.attempts + 1,
              lastError: message,
              availableAt: sql<Date>`now() + make_interval(secs => ${backoffSeconds(entry.attempts + 1)})`,
            })
            .where('id', '=', entry.id)
            .execute();
        }
        return { indexed: 0, deleted: 0, failed: entries.length, upserted };
      }
      await trx
        .deleteFrom('searchOutbox')
        .where(
          'id',
          'in',
          entries.map((e) => e.id),
        )
        .execute();
      return { indexed, deleted, failed: 0, upserted };
    });
    if (!outcome) break;
    total.indexed += outcome.indexed;
    total.deleted += outcome.deleted;
    total.failed += outcome.failed;
    if (outcome.failed) break;
    for (const [name, ids] of outcome.upserted)
      total.alerts += await raiseSavedSearchAlerts(deps, name as PostingKind, ids);
  }
  return total;
}

/** Where the outbox's insert trigger notifies (migrations/2026-12-12T0400_search_outbox_notify.ts). */
export const SEARCH_OUTBOX_CHANNEL = 'search_outbox';

/**
 * While the outbox's notifications are heard, the loop polls this seldom: every write wakes it,
 * and a poll only picks up retries come due. Polling ten times a second cost the API about 5 % of
 * its CPU while it answered searches one at a time (bench/search-hop.ts --prof).
 */
const LISTENING_POLL_MS = 2_000;

/**
 * The background loop the platform runs: drains, then waits a moment; stops on request. Given
 * `listenUrl` (a PostgreSQL URL), it also LISTENs for the outbox's insert notification and drains
 * as soon as a write commits, instead of at its next poll (issue 23: write → searchable).
 */
export function startSearchSync(
  deps: Pick<AppDeps, 'db' | 'search'> & { logger: Logger },
  options: { intervalMs?: number; listenUrl?: string; listeningPollMs?: number } = {},
) {
  return startDrainLoop(
    'search sync',
    () => drainOutbox(deps, { maxBatches: 10 }),
    deps.logger,
    options.intervalMs ?? 100,
    options.listenUrl
      ? { url: options.listenUrl, channel: SEARCH_OUTBOX_CHANNEL, pollMs: options.listeningPollMs ?? LISTENING_POLL_MS }
      : undefined,
  );
}
