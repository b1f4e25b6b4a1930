import type { SearchIndexName } from '../db/search-outbox.ts';
import type { AppDeps } from '../http/env.ts';
import { documentLoaders, SYNCED_INDEXES } from './loaders.ts';

export { SYNCED_INDEXES };

export interface IndexDrift {
  index: SearchIndexName;
  /** In PostgreSQL, absent from Meilisearch. */
  missing: string[];
  /** In Meilisearch, gone from PostgreSQL. */
  extra: string[];
  /** In both, but the document hash differs (an update not yet, or never, applied). */
  stale: string[];
}

/** Every id and docHash in a Meilisearch index, page by page. */
export async function indexedHashes(deps: Pick<AppDeps, 'search'>, uid: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const index = deps.search.client.index(uid);
  for (let offset = 0; ; offset += 1000) {
    const page = await index.getDocuments<{ id: string; docHash?: string }>({
      fields: ['id', 'docHash'],
      limit: 1000,
      offset,
    });
    for (const doc of page.results) hashes.set(String(doc.id), doc.docHash ?? '');
    if (page.results.length < 1000) break;
  }
  return hashes;
}

/**
 * Compares PostgreSQL (the truth) with Meilisearch: ids on each side and a hash of each
 * document as PostgreSQL would build it now. An empty result means no drift.
 */
export async function checkDrift(
  deps: Pick<AppDeps, 'db' | 'search'>,
  indexes: SearchIndexName[] = SYNCED_INDEXES,
): Promise<IndexDrift[]> {
  const drifts: IndexDrift[] = [];
  for (const name of indexes) {
    const truth = new Map((await documentLoaders[name].build(deps.db)).map((doc) => [doc.id, doc.docHash]));
    const indexed = await indexedHashes(deps, deps.search.indexUid(name));
    const drift: IndexDrift = { index: name, missing: [], extra: [], stale: [] };
    for (const [id, hash] of truth) {
      const found = indexed.get(id);
      if (found === undefined) drift.missing.push(id);
      else if (found !== hash) drift.stale.push(id);
    }
    for (const id of indexed.keys()) if (!truth.has(id)) drift.extra.push(id);
    if (drift.missing.length + drift.extra.length + drift.stale.length) drifts.push(drift);
  }
  return drifts;
}
