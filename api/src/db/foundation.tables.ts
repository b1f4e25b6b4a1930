import type { ColumnType, Generated } from 'kysely';

/** Transactional outbox: a write that changes a search document enqueues it here in its own transaction. */
export interface SearchOutboxTable {
  id: Generated<string>;
  indexName: string;
  documentId: string;
  operation: 'upsert' | 'delete';
  attempts: Generated<number>;
  lastError: string | null;
  availableAt: ColumnType<Date, Date | undefined, Date>;
  createdAt: ColumnType<Date, never, never>;
}

export interface FoundationTables {
  searchOutbox: SearchOutboxTable;
}
