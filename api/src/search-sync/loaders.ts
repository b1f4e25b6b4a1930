import type { Db } from '../db/database.ts';
import type { SearchIndexName } from '../db/search-outbox.ts';
import { buildDocuments } from '../opportunities/documents.ts';
import { residentDocuments } from '../registry/resident-search.ts';

/** What every synced document carries: its id, and a hash of its content for search:check. */
export interface SyncedDocument {
  id: string;
  docHash: string;
  /** Postings only: visible to residents (saved-search alerts fire for these). */
  visible?: boolean;
}

/**
 * How the one outbox drain, reindex and drift check read an index's documents from PostgreSQL.
 * One loader per index; a new index adds an entry here and nowhere else in search-sync.
 */
export interface DocumentLoader {
  /** The table whose `id` (bigint identity) is the document id, and whose `updatedAt` marks changes. */
  table: 'jobs' | 'trainings' | 'projects' | 'persons';
  /** The current documents for these ids (all when omitted); ids whose rows are gone are absent. */
  build: (db: Db, ids?: string[]) => Promise<SyncedDocument[]>;
  /** Whether new visible documents raise saved-search alerts. */
  alerts: boolean;
}

export const documentLoaders: Record<SearchIndexName, DocumentLoader> = {
  jobs: { table: 'jobs', build: (db, ids) => buildDocuments(db, 'jobs', ids), alerts: true },
  trainings: { table: 'trainings', build: (db, ids) => buildDocuments(db, 'trainings', ids), alerts: true },
  projects: { table: 'projects', build: (db, ids) => buildDocuments(db, 'projects', ids), alerts: true },
  // 搬迁群众: one document per person.
  residents: { table: 'persons', build: residentDocuments, alerts: false },
};

export const SYNCED_INDEXES = Object.keys(documentLoaders) as SearchIndexName[];
