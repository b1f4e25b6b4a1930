import { sql } from 'kysely';
import type { EnqueuedTask } from 'meilisearch';
import { indexDefinitions } from '../../../search/src/indexes.ts';
import { enqueueSearch, type SearchIndexName } from '../db/search-outbox.ts';
import type { AppDeps } from '../http/env.ts';
import { applySkillSynonyms, SKILL_SYNONYM_INDEXES } from '../skills/synonyms.ts';
import { documentLoaders, SYNCED_INDEXES } from './loaders.ts';
import { drainOutbox } from './worker.ts';

const TASK_TIMEOUT_MS = 10 * 60_000;
const PAGE = 2000;

/**
 * Rebuilds one index from PostgreSQL with zero downtime: a fresh index gets the settings, the
 * synonyms and every document; then swapIndexes makes it live in one step and the old one is
 * dropped. Rows written while it was building are enqueued again, so the worker brings the new
 * index up to date.
 */
export async function reindex(deps: Pick<AppDeps, 'db' | 'search'>, name: SearchIndexName): Promise<number> {
  const { db, search } = deps;
  const definition = indexDefinitions.find((d) => d.name === name);
  const loader = documentLoaders[name];
  if (!definition) throw new Error(`no index definition for ${name}`);
  const liveUid = search.indexUid(name);
  const buildUid = `${liveUid}_rebuild_${Date.now()}`;
  const startedAt = (await sql<{ now: Date }>`select now() as now`.execute(db)).rows[0].now;

  if (!(await search.client.getRawIndex(liveUid).catch(() => undefined))) {
    await search.client
      .createIndex(liveUid, { primaryKey: definition.primaryKey })
      .waitTask({ timeout: TASK_TIMEOUT_MS });
  }
  await search.client
    .createIndex(buildUid, { primaryKey: definition.primaryKey })
    .waitTask({ timeout: TASK_TIMEOUT_MS });
  await search.client.index(buildUid).updateSettings(definition.settings).waitTask({ timeout: TASK_TIMEOUT_MS });
  if ((SKILL_SYNONYM_INDEXES as readonly string[]).includes(name)) await applySkillSynonyms(db, search, [buildUid]);

  let count = 0;
  let afterId = '0';
  // Pages are enqueued without waiting for each: Meilisearch merges consecutive additions into
  // large batches (autobatching), which index far faster than one small batch per page, and the
  // next page is built from PostgreSQL while the previous one is indexed.
  const enqueued: EnqueuedTask[] = [];
  for (;;) {
    const ids = (
      await db
        .selectFrom(loader.table as 'jobs')
        .select('id')
        .where(sql`id`, '>', afterId)
        .orderBy('id')
        .limit(PAGE)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) break;
    const documents = await loader.build(db, ids);
    enqueued.push(await search.client.index(buildUid).addDocuments(documents, { primaryKey: 'id' }));
    count += documents.length;
    afterId = ids[ids.length - 1];
  }
  for (const task of await search.client.tasks.waitForTasks(enqueued, { timeout: TASK_TIMEOUT_MS })) {
    if (task.status !== 'succeeded') throw new Error(`reindex ${name}: ${task.error?.message ?? task.status}`);
  }

  await search.client
    .swapIndexes([{ indexes: [liveUid, buildUid], rename: false }])
    .waitTask({ timeout: TASK_TIMEOUT_MS });
  await search.client.deleteIndex(buildUid).waitTask({ timeout: TASK_TIMEOUT_MS });

  // Writes that landed during the build went to the old index: replay them on the new one.
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .selectFrom(loader.table as 'jobs')
      .select('id')
      .where('updatedAt', '>=', startedAt)
      .execute();
    await enqueueSearch(
      trx,
      name,
      changed.map((row) => row.id),
    );
    const deletions = await trx
      .selectFrom('searchOutbox')
      .select('documentId')
      .where('indexName', '=', name)
      .where('operation', '=', 'delete')
      .where('createdAt', '>=', startedAt)
      .execute();
    await enqueueSearch(
      trx,
      name,
      deletions.map((row) => row.documentId),
      'delete',
    );
  });
  return count;
}

/**
 * Indexes whose documents an older Anju built (search/src/client.ts applyIndexSettings) are
 * rebuilt at start, before the API serves, so no search runs on documents of the old format.
 */
export async function rebuildOutdatedIndexes(deps: Pick<AppDeps, 'db' | 'search' | 'logger'>, names: string[]) {
  for (const name of SYNCED_INDEXES.filter((synced) => names.includes(synced))) {
    deps.logger.info({ index: name }, 'rebuilding a search index built by an older version');
    const documents = await reindex(deps, name);
    deps.logger.info({ index: name, documents }, 'search index rebuilt');
  }
}

export async function reindexAll(deps: Pick<AppDeps, 'db' | 'search'>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SYNCED_INDEXES) counts[name] = await reindex(deps, name);
  return counts;
}

/** Every index rebuilt and the outbox drained: `pnpm search:reindex`, and after a restore. */
export async function rebuildSearch(deps: Pick<AppDeps, 'db' | 'search'>): Promise<Record<string, number>> {
  const counts = await reindexAll(deps);
  await drainOutbox(deps, { includeDelayed: true });
  return counts;
}
