import type { Db } from './database.ts';

export type SearchIndexName = 'jobs' | 'trainings' | 'projects' | 'residents';

/**
 * Enqueues the re-index of one document. Call it with the transaction that writes the row,
 * so the row and its outbox entry commit (or roll back) together.
 */
export async function enqueueSearch(
  trx: Db,
  indexName: SearchIndexName,
  documentIds: string[],
  operation: 'upsert' | 'delete' = 'upsert',
): Promise<void> {
  if (documentIds.length === 0) return;
  await trx
    .insertInto('searchOutbox')
    .values(documentIds.map((documentId) => ({ indexName, documentId, operation, lastError: null })))
    .execute();
}
