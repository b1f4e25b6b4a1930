import { Meilisearch } from 'meilisearch';
import { type IndexDefinition, indexDefinitions } from './indexes.ts';

export interface SearchOptions {
  url: string;
  masterKey: string;
  /** Prefix for every index uid: lets test files and side-by-side installs share one Meilisearch. */
  indexPrefix?: string;
  timeoutMs?: number;
}

export interface Search {
  client: Meilisearch;
  /** The real index uid of a logical index such as `jobs`. */
  indexUid: (name: string) => string;
  isHealthy: () => Promise<boolean>;
}

export function createSearch(options: SearchOptions): Search {
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.masterKey,
    timeout: options.timeoutMs ?? 5_000,
  });
  const prefix = options.indexPrefix ?? '';
  return {
    client,
    indexUid: (name) => `${prefix}${name}`,
    isHealthy: () => client.isHealthy(),
  };
}

/** Settings tasks queue behind indexing on a busy Meilisearch: wait longer than a query would. */
const SETTINGS_TIMEOUT_MS = 60_000;

/** Creates every index and applies its settings; safe to run at every start. */
export async function applyIndexSettings(
  search: Search,
  definitions: readonly IndexDefinition[] = indexDefinitions,
): Promise<void> {
  for (const definition of definitions) {
    const uid = search.indexUid(definition.name);
    const existing = await search.client.getRawIndex(uid).catch(() => undefined);
    if (!existing) {
      await search.client
        .createIndex(uid, { primaryKey: definition.primaryKey })
        .waitTask({ timeout: SETTINGS_TIMEOUT_MS });
    }
    await search.client.index(uid).updateSettings(definition.settings).waitTask({ timeout: SETTINGS_TIMEOUT_MS });
  }
}
