import { distanceKm, type GeoPoint } from '@anju/domain/geo';
import type { AppDeps } from '../http/env.ts';
import { type NotifyInput, notifyAll } from '../notifications/notify.ts';
import type { PostingKind } from './postings.ts';
import { buildSearch, type GeoQuery, geoOf, searchQuery } from './search-query.ts';

const kindOf: Record<PostingKind, string> = { jobs: 'job', trainings: 'training', projects: 'project' };

/**
 * 订阅提醒: after documents are indexed, runs every saved search of that index restricted to
 * those documents, and notifies the owner of each match once (dedupe key per search and posting).
 */
export async function raiseSavedSearchAlerts(
  { db, search }: Pick<AppDeps, 'db' | 'search'>,
  kind: PostingKind,
  documentIds: string[],
): Promise<number> {
  if (documentIds.length === 0) return 0;
  const saved = await db.selectFrom('savedSearches').selectAll().where('indexName', '=', kind).execute();
  if (saved.length === 0) return 0;
  const idFilter = `id IN [${documentIds.map((id) => `"${id}"`).join(', ')}]`;
  const queries = [];
  const usable: { entry: (typeof saved)[number]; geo: GeoQuery | undefined }[] = [];
  for (const entry of saved) {
    const parsed = searchQuery.safeParse({ ...(entry.params as object), page: 1, pageSize: 100, sort: 'relevance' });
    if (!parsed.success) continue;
    const params = await buildSearch(db, kind, parsed.data).catch(() => undefined);
    if (!params) continue;
    usable.push({ entry, geo: geoOf(parsed.data) });
    queries.push({
      indexUid: search.indexUid(kind),
      q: params.q,
      filter: [...(params.filter as string[]), idFilter],
      limit: documentIds.length,
      attributesToRetrieve: ['id', 'title', '_geo'],
    });
  }
  if (queries.length === 0) return 0;
  const { results } = await search.client.multiSearch({ queries });
  const messages: NotifyInput[] = [];
  results.forEach((result, index) => {
    const { entry, geo } = usable[index];
    for (const hit of result.hits as { id: string; title: string; _geo?: GeoPoint }[]) {
      // The filter held the grid cells covering the radius; the exact distance is checked here.
      if (geo?.radiusKm !== undefined && !(hit._geo && distanceKm(geo.point, hit._geo) <= geo.radiusKm)) continue;
      messages.push({
        userId: entry.userId,
        template: 'saved-search-match',
        params: { kind: kindOf[kind], title: hit.title, searchName: entry.name },
        link: `/${kind}/${hit.id}`,
        dedupeKey: `saved-search:${entry.id}:${kind}:${hit.id}`,
      });
    }
  });
  return notifyAll(db, messages);
}
