import { createActorCache } from '../api/src/access/actor-cache.ts';
import { findSessionActor, SESSION_COOKIE, sessionPolicy } from '../api/src/access/sessions.ts';
import { createApp } from '../api/src/app.ts';
import { searchResponse } from '../api/src/opportunities/search.routes.ts';
import { buildSearch, geoOf, searchQuery } from '../api/src/opportunities/search-query.ts';
import { runSearch } from '../api/src/opportunities/search-run.ts';
import { percentile, signIn } from './measure.ts';
import { onTinyCityStack } from './seed.ts';

/**
 * Where a search through the API spends its time beyond Meilisearch (issue 23):
 *
 *   node --import tsx bench/search-profile.ts [--jobs 20000] [--samples 200]
 *
 * A fresh embedded stack with the tiny city grown to --jobs jobs, then each stage of
 * GET /api/search/jobs timed on its own, in this process, interleaved sample by sample: the
 * session and actor as a query (one since issue 23) and from the 5 s memory the middleware keeps
 * (`access/actor-cache.ts`), building the Meilisearch query, that query sent straight to
 * Meilisearch (the honest baseline: the very params the API sends), the older lighter baseline
 * (limit, 2 facets, no highlight) for comparison, shaping the answer (the route's
 * `searchResponse` and JSON.stringify), the Hono chain alone (every middleware on a route that does
 * nothing, signed in), and the whole request through the Hono app (app.request, no socket). The
 * last table splits what the API adds over Meilisearch by those stages (medians). With --radius,
 * the searches are the portal's default (20 km around a site: grid cells, then the exact distance
 * pass in search-run.ts). A search reads no sensitive field and writes no audit row.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const jobsWanted = Number(option('jobs', '20000'));
const samples = Number(option('samples', '200'));
const radius = process.argv.includes('--radius');
/** The query string of one sample: the text, 20 a page and, with --radius, 20 km around the city's first site. */
let queryOf = (q: string): Record<string, string> => ({ q, pageSize: '20' });
const SESSION_QUERY = 'session + actor as a query (findSessionActor: one query)';
const SESSION_MEMORY = 'session + actor from memory (actor-cache.ts, as the middleware)';
const BUILD = 'buildSearch (query → Meilisearch params)';
const STRAIGHT = 'straight to Meilisearch: the API query (page, the type facet, highlight, crop)';
const SHAPING = 'shaping the answer (searchResponse + JSON.stringify)';
const CHAIN = 'Hono chain alone (GET /api/health/live signed in, app.request)';
const WHOLE = 'whole request through the Hono app (app.request)';
const queries = ['缝纫', '保洁', '叉车', '电焊', '包装', '厨师', '养老护理', '快递', '茶叶', '保安'];

await onTinyCityStack('search-profile', jobsWanted, async ({ deps, city }) => {
  const app = createApp(deps);
  const cookie = await signIn(app, city.logins.worker);
  const token = decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1));
  const index = deps.search.client.index(deps.search.indexUid('jobs'));
  if (radius) {
    const site = await deps.db
      .selectFrom('sites')
      .select(['lat', 'lng'])
      .where('lat', 'is not', null)
      .orderBy('regionId')
      .executeTakeFirstOrThrow();
    const around = { lat: String(site.lat), lng: String(site.lng), radiusKm: '20' };
    queryOf = (q) => ({ q, pageSize: '20', ...around });
  }

  const cache = createActorCache(sessionPolicy.actorCacheMs);
  const answers = new Map<string, Awaited<ReturnType<typeof runSearch>>>();
  const stages: Record<string, (q: string) => Promise<unknown>> = {
    [SESSION_QUERY]: () => findSessionActor(deps.db, token),
    [SESSION_MEMORY]: () => findSessionActor(deps.db, token, cache),
    [BUILD]: (q) => buildSearch(deps.db, 'jobs', searchQuery.parse(queryOf(q))),
    [STRAIGHT]: async (q) => {
      const query = searchQuery.parse(queryOf(q));
      const params = await buildSearch(deps.db, 'jobs', query);
      const answer = await runSearch(
        (one) => deps.search.searchIn(deps.search.indexUid('jobs'), one),
        query,
        params,
        geoOf(query),
      );
      answers.set(q, answer);
      return answer;
    },
    'Meilisearch, the baseline query (limit 20, 2 facets)': (q) =>
      index.search(q, { filter: 'visible = true', limit: 20, facets: ['skills', 'employmentType'] }),
    [SHAPING]: async (q) => {
      const answer = answers.get(q);
      if (answer) JSON.stringify(searchResponse(answer, searchQuery.parse(queryOf(q))));
    },
    [CHAIN]: async () => {
      const response = await app.request('/api/health/live', { headers: { cookie } });
      await response.arrayBuffer();
    },
    [WHOLE]: async (q) => {
      const response = await app.request(`/api/search/jobs?${new URLSearchParams(queryOf(q))}`, {
        headers: { cookie },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`search answered ${response.status}`);
    },
  };
  const times = new Map<string, number[]>(Object.keys(stages).map((name) => [name, []]));
  for (let i = 0; i < samples + 10; i++) {
    for (const [name, run] of Object.entries(stages)) {
      const started = performance.now();
      await run(queries[i % queries.length]);
      if (i >= 10) times.get(name)?.push(performance.now() - started);
    }
  }
  console.log(`\n${jobsWanted} jobs, ${samples} interleaved samples per stage (ms)${radius ? ', 20 km radius' : ''}\n`);
  console.log('| stage | median | p95 |');
  console.log('| --- | --- | --- |');
  const median = new Map<string, number>();
  for (const [name, list] of times) {
    list.sort((a, b) => a - b);
    median.set(name, percentile(list, 50));
    console.log(`| ${name} | ${percentile(list, 50).toFixed(2)} | ${percentile(list, 95).toFixed(2)} |`);
  }
  // What the API adds over the same query straight to Meilisearch, by stage (medians).
  const at = (name: string) => median.get(name) ?? Number.NaN;
  const added = at(WHOLE) - at(STRAIGHT);
  const chainBeyondSession = at(CHAIN) - at(SESSION_MEMORY);
  const parts: [string, number][] = [
    ['session + actor (memory hit)', at(SESSION_MEMORY)],
    ['buildSearch', at(BUILD)],
    ['shaping the answer (searchResponse + JSON)', at(SHAPING)],
    ['Hono chain, middlewares and routing (trivial route minus the session)', chainBeyondSession],
    [
      'the rest (query validation, c.json, response body)',
      added - at(SESSION_MEMORY) - at(BUILD) - at(SHAPING) - chainBeyondSession,
    ],
  ];
  console.log(
    `\nThe API over straight to Meilisearch: ${added.toFixed(2)} ms at the median (${(at(WHOLE) / at(STRAIGHT)).toFixed(2)}×)\n`,
  );
  console.log('| part | median ms |');
  console.log('| --- | --- |');
  for (const [name, ms] of parts) console.log(`| ${name} | ${ms.toFixed(2)} |`);
  console.log(`| (without the memory: the session query instead) | ${at(SESSION_QUERY).toFixed(2)} |`);
});
