import { distanceKm } from '@anju/domain/geo';
import { createRoute, z } from '@hono/zod-openapi';
import { meilisearchRefusal } from '../../../search/src/http-client.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import type { PostingKind } from './postings.ts';
import { buildSearch, geoOf, highlighted, type SearchQuery, searchQuery } from './search-query.ts';
import { runSearch, type SearchOutcome } from './search-run.ts';

const hidden = new Set(['pinyin', 'docHash', 'visible', 'extraText', 'geoCells', '_rankingScore']);

const searchResult = z
  .object({
    hits: z.array(z.object({ id: z.string(), title: z.string() }).catchall(z.unknown())),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    facets: z.record(z.string(), z.record(z.string(), z.number())),
  })
  .openapi('SearchResult');

function cleanHit(hit: Record<string, unknown>, point: { lat: number; lng: number } | undefined) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(hit)) if (!hidden.has(key)) out[key] = value;
  const formatted = hit._formatted as Record<string, unknown> | undefined;
  if (formatted) {
    out._formatted = Object.fromEntries(highlighted.filter((k) => k in formatted).map((k) => [k, formatted[k]]));
  }
  const geo = hit._geo as { lat: number; lng: number } | undefined;
  out.distanceKm = point && geo ? Math.round(distanceKm(point, geo) * 10) / 10 : null;
  return out;
}

/** The response of a search: each hit without the index's own fields, with its distance. */
export function searchResponse(result: SearchOutcome, query: SearchQuery) {
  const point = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  return {
    hits: result.hits.map((hit) => cleanHit(hit, point)),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: result.facets,
  };
}

export function searchRoutes({ db, search }: AppDeps) {
  let router = createRouter();
  for (const kind of ['jobs', 'trainings', 'projects'] as PostingKind[]) {
    const route = createRoute({
      method: 'get',
      path: `/${kind}`,
      tags: ['search'],
      summary: `Search open ${kind} of verified employers (text, skills, distance, pay, facets)`,
      request: { query: searchQuery },
      responses: {
        200: { description: 'Matches', content: { 'application/json': { schema: searchResult } } },
        503: { description: 'Search is unavailable' },
      },
    });
    router = router.openapi(route, async (c) => {
      requireActor(c);
      const query = c.req.valid('query');
      const params = await buildSearch(db, kind, query);
      const uid = search.indexUid(kind);
      const result = await runSearch((one) => search.searchIn(uid, one), query, params, geoOf(query)).catch((error) => {
        // A refused query is our bug (500); anything else means Meilisearch is unreachable.
        if (meilisearchRefusal(error)) throw error;
        throw new AppError('service-unavailable', 'Search is unavailable; try again shortly', {
          retryAfterSeconds: 5,
        });
      });
      return c.json(searchResponse(result, query), 200);
    });
  }
  return router;
}
