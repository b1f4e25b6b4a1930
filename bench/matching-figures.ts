import { chinaToday } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { AppDeps } from '../api/src/http/env.ts';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import { drainOutbox } from '../api/src/search-sync/worker.ts';
import { growOpenJobs } from '../api/src/seed/generator/more-jobs.ts';
import { expectOk, type Figure, httpRequest, interleaved, percentile, sample, startBareProxy } from './measure.ts';

const searchQueries = ['缝纫', '保洁', '叉车', '电焊', '包装', '厨师', '养老护理', '快递', '茶叶', '保安'];

export const ratio = (value: number | undefined, baseline: number | undefined): number | undefined =>
  !value || !baseline ? undefined : Math.round((value / baseline) * 100) / 100;

const get = (url: string, cookie?: string) =>
  fetch(url, { headers: cookie ? { cookie } : {} }).then(async (r) => {
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  });

/** 20000 → "20k", 18432 → "18.4k", 300 → "300". */
export const count = (n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n));

async function jobCounts(db: AppDeps['db']) {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => [
      eb.fn.countAll<string>().as('all'),
      eb.fn.count<string>('id').filterWhere('status', '=', 'open').as('open'),
    ])
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), open: Number(row.open) };
}

/** Rows spread over the whole table (every n-th id), not the first few of one site or employer. */
export async function spread(db: AppDeps['db'], table: 'persons' | 'jobs', size: number) {
  const filter = table === 'persons' ? sql`labor_capacity = 'full'` : sql`status = 'open'`;
  const { rows } = await sql<{ id: string }>`
    select id::text as id from (
      select id, row_number() over (order by id) as n, count(*) over () as total
      from ${sql.table(table)} where ${filter}) t
    where n % greatest(1, total / ${size}) = 0 order by id limit ${size}`.execute(db);
  return rows.map((r) => r.id);
}

export interface SearchAndMatchingOptions {
  deps: AppDeps;
  base: string;
  samples: number;
  /** A worker's session (search) and an admin's (matching sees every person). */
  worker: string;
  admin: string;
  /** Baseline for the person → jobs figure. */
  trivialName: string;
  /** False: matching figures only (bench/matching-loop.ts --no-search). */
  search?: boolean;
}

/**
 * Search (through the API and straight to Meilisearch) and the three matching figures, each
 * named with the size of the job market it was measured on.
 */
export async function searchAndMatchingFigures(options: SearchAndMatchingOptions): Promise<Figure[]> {
  const jobs = await jobCounts(options.deps.db);
  const at = `at ${count(jobs.all)} jobs, ${count(jobs.open)} open`;
  const figures: Figure[] = [];
  if (options.search !== false) figures.push(...(await searchFigures(options, at)));
  figures.push(...(await matchingFigures(options, at)));
  return figures;
}

async function searchFigures(options: SearchAndMatchingOptions, at: string): Promise<Figure[]> {
  const { deps, base, samples, worker } = options;
  // The honest baseline (issue 23): the very Meilisearch request the API sends (page, the type facet,
  // highlight, crop), built ahead so that only Meilisearch is timed.
  const params = await Promise.all(
    searchQueries.map((q) => buildSearch(deps.db, 'jobs', searchQuery.parse({ q, pageSize: 20 }))),
  );
  // Every way through one client (httpRequest: kept-alive, the answer read as bytes), interleaved
  // in blocks, so that the ratio is the API's own cost and not a difference of clients or moments.
  // Beside them the floors: the same bodies through a bare Node proxy (one more hop, nothing else)
  // and through a bare hono proxy (the API's framework, with no middleware and one route).
  const { host, apiKey } = deps.search.client.config;
  const meiliSearchUrl = `${host}/indexes/${deps.search.indexUid('jobs')}/search`;
  const meiliHeaders = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  const bodies = params.map((one) => JSON.stringify(one));
  const proxy = await startBareProxy(meiliSearchUrl, apiKey ?? '');
  const honoProxy = await startBareProxy(meiliSearchUrl, apiKey ?? '', { hono: bodies });
  try {
    const [direct, floor, honoFloor, viaApi] = await interleaved(
      [
        {
          name: `search: same query straight to Meilisearch ${at}`,
          operation: (i) =>
            expectOk(
              meiliSearchUrl,
              httpRequest(meiliSearchUrl, { method: 'POST', headers: meiliHeaders, body: bodies[i % bodies.length] }),
            ),
        },
        {
          name: `search: same query through a bare Node proxy (one more hop and nothing else) ${at}`,
          operation: (i) =>
            expectOk(proxy.url, httpRequest(proxy.url, { method: 'POST', body: bodies[i % bodies.length] })),
        },
        {
          name: `search: same query through a bare hono proxy (the API's framework and nothing else) ${at}`,
          operation: (i) => expectOk(honoProxy.url, httpRequest(`${honoProxy.url}?i=${i}`)),
        },
        {
          name: `search: GET /api/search/jobs through the API ${at}`,
          operation: (i) => {
            const url = `${base}/api/search/jobs?q=${encodeURIComponent(searchQueries[i % searchQueries.length])}&pageSize=20`;
            return expectOk(url, httpRequest(url, { headers: { cookie: worker } }));
          },
        },
      ],
      // Four times the other figures' samples: a p95 of 100 is its 5th-slowest sample, and one
      // collection or timer in the API process then moves the ratio by a tenth.
      samples * 4,
    );
    return [
      direct,
      { ...floor, baseline: direct.name, ratioToBaseline: ratio(floor.p95Ms, direct.p95Ms) },
      { ...honoFloor, baseline: direct.name, ratioToBaseline: ratio(honoFloor.p95Ms, direct.p95Ms) },
      {
        ...viaApi,
        baseline: direct.name,
        ratioToBaseline: ratio(viaApi.p95Ms, direct.p95Ms),
        target: { metric: 'p95Ms', max: 50 },
      },
    ];
  } finally {
    proxy.stop();
    honoProxy.stop();
  }
}

async function matchingFigures(options: SearchAndMatchingOptions, at: string): Promise<Figure[]> {
  const { deps, base, samples, admin } = options;
  const figures: Figure[] = [];
  const persons = await spread(deps.db, 'persons', 50);
  const openJobs = await spread(deps.db, 'jobs', 20);
  const people = Number(
    (
      await deps.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  figures.push({
    ...(await sample(`matching: person → top 20 jobs ${at}`, samples, (i) =>
      get(`${base}/api/persons/${persons[i % persons.length]}/matches?kind=job&limit=20`, admin),
    )),
    baseline: options.trivialName,
    target: { metric: 'p95Ms', max: 50 },
  });
  figures.push({
    ...(await sample(`matching: job → top 50 candidates over ${count(people)} people, ${at}`, samples, (i) =>
      get(`${base}/api/jobs/${openJobs[i % openJobs.length]}/candidates?limit=50`, admin),
    )),
    // Warm: the bench runs candidatesColdPass over the same jobs first (the cold target is 150 ms).
    target: { metric: 'p95Ms', max: 80 },
  });
  figures.push(
    await sample(`matching: pathways ${at}`, Math.min(samples, 50), (i) =>
      get(`${base}/api/persons/${persons[i % persons.length]}/pathways`, admin),
    ),
  );
  return figures;
}

/**
 * Candidates on a cold database: one request per distinct open job, no warm-up, so each one is
 * the first of its kind (right after the seed, or right after a PostgreSQL restart emptied
 * shared_buffers; the OS page cache is not dropped, that needs root on a shared machine).
 */
export async function candidatesColdPass(
  options: Pick<SearchAndMatchingOptions, 'deps' | 'base' | 'admin'>,
  when: string,
  jobs = 20,
): Promise<Figure> {
  const openJobs = await spread(options.deps.db, 'jobs', jobs);
  const times: number[] = [];
  for (const id of openJobs) {
    const started = performance.now();
    await get(`${options.base}/api/jobs/${id}/candidates?limit=50`, options.admin);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    name: `matching: job → top 50 candidates, cold ${when} (${openJobs.length} distinct jobs, first request each)`,
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    target: { metric: 'p95Ms', max: 150 },
  };
}

/**
 * Phase two: the city's job market grown to `openJobs` open jobs with the same generator, indexed
 * through the search outbox (the API process's worker drains beside this one), then measured again.
 */
export async function largeMarketFigures(options: SearchAndMatchingOptions & { openJobs: number }): Promise<Figure[]> {
  const { deps } = options;
  const started = performance.now();
  const grown = await growOpenJobs(deps.db, {
    openJobs: options.openJobs,
    today: new Date(`${chinaToday()}T00:00:00Z`),
    onProgress: (open, target) => process.stderr.write(`\rgrowing jobs ${open}/${target}      `),
  });
  for (const giveUpAt = Date.now() + 30 * 60_000; ; ) {
    if (Date.now() > giveUpAt) throw new Error('the search outbox did not drain within 30 minutes');
    await drainOutbox(deps, { batchSize: 2000, includeDelayed: true });
    const left = await deps.db
      .selectFrom('searchOutbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.stderr.write('\n');
  const growth: Figure = {
    name: `jobs grown to ${count(grown.open)} open (+${count(grown.added)} rows, inserted and indexed through the outbox)`,
    totalMs: Math.round(performance.now() - started),
  };
  return [growth, ...(await searchAndMatchingFigures(options))];
}
