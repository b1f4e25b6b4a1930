import { Meilisearch, type SearchParams, type SearchResponse, type Settings } from 'meilisearch';
import { indexSearcher, keepAliveHttpClient } from './http-client.ts';
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
  /** A search of the index with this real uid: every query the API runs goes this way (http-client.ts). */
  searchIn: (
    uid: string,
    params: SearchParams & { q?: string | null },
  ) => Promise<SearchResponse<Record<string, unknown>>>;
  isHealthy: () => Promise<boolean>;
}

export function createSearch(options: SearchOptions): Search {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.masterKey,
    timeout: timeoutMs,
    // Meilisearch brotli-compresses any answer over ~1 KB when asked to, and fetch asks: that
    // costs ~45 ms per search on this machine (measured: p50 46 ms → 3 ms for 20 hits). The
    // bytes are cheap next to that, even to a Meilisearch on another machine of the same LAN.
    requestInit: { headers: { 'accept-encoding': 'identity' } },
    // keep-alive http.request, not fetch: far less CPU per search (search/src/http-client.ts).
    httpClient: keepAliveHttpClient(),
    // A small document is indexed in tens of milliseconds: poll its task often (a poll costs ~1 ms)
    // so a write is searchable soon after Meilisearch has it; a busy Meilisearch may take longer
    // than the client's 5 s default.
    defaultWaitOptions: { interval: 20, timeout: 30_000 },
  });
  const prefix = options.indexPrefix ?? '';
  return {
    client,
    indexUid: (name) => `${prefix}${name}`,
    searchIn: indexSearcher({ url: options.url, masterKey: options.masterKey, timeoutMs }),
    isHealthy: () => client.isHealthy(),
  };
}

/** Settings tasks queue behind indexing on a busy Meilisearch: wait longer than a query would. */
const SETTINGS_TIMEOUT_MS = 60_000;

/** The attribute names a filterableAttributes setting declares, plain or as patterns. */
function filterableNames(setting: Settings['filterableAttributes']): Set<string> {
  return new Set((setting ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.attributePatterns)));
}

/**
 * Creates every index and applies its settings; safe to run at every start. Answers the names of
 * the indexes that already existed and now filter on an attribute they did not before: their
 * documents were built by an older Anju and may lack it (the grid cells `geoCells`, for one). Those
 * keep their old settings here: the rebuild (api/src/search-sync/reindex.ts) builds a fresh index
 * with the new ones and swaps it in, so an index is never left with new settings and old documents
 * when a command that only connects (`pnpm migrate`) meets it first.
 */
export async function applyIndexSettings(
  search: Search,
  definitions: readonly IndexDefinition[] = indexDefinitions,
): Promise<string[]> {
  const outdated: string[] = [];
  for (const definition of definitions) {
    const uid = search.indexUid(definition.name);
    const existing = await search.client.getRawIndex(uid).catch(() => undefined);
    if (!existing) {
      await search.client
        .createIndex(uid, { primaryKey: definition.primaryKey })
        .waitTask({ timeout: SETTINGS_TIMEOUT_MS });
    } else {
      const before = filterableNames((await search.client.index(uid).getSettings()).filterableAttributes);
      const added = [...filterableNames(definition.settings.filterableAttributes)].filter((name) => !before.has(name));
      if (added.length > 0) {
        outdated.push(definition.name);
        continue;
      }
    }
    await search.client.index(uid).updateSettings(definition.settings).waitTask({ timeout: SETTINGS_TIMEOUT_MS });
  }
  return outdated;
}
