import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { findSessionActor, SESSION_COOKIE } from '../api/src/access/sessions.ts';
import { createApp } from '../api/src/app.ts';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { buildSearch, geoOf, searchQuery } from '../api/src/opportunities/search-query.ts';
import { runSearch } from '../api/src/opportunities/search-run.ts';
import { connect, type RunningServices, startServices } from '../api/src/platform.ts';
import { drainOutbox } from '../api/src/search-sync/worker.ts';
import { DEMO_PASSWORD } from '../api/src/seed/access-demo.ts';
import { generateCity } from '../api/src/seed/generator/city.ts';
import { growOpenJobs } from '../api/src/seed/generator/more-jobs.ts';
import { percentile } from './measure.ts';

/**
 * Where a search through the API spends its time beyond Meilisearch (issue 23):
 *
 *   node --import tsx bench/search-profile.ts [--jobs 20000] [--samples 200]
 *
 * A fresh embedded stack with the tiny city grown to --jobs jobs, then each stage of
 * GET /api/search/jobs timed on its own, in this process, interleaved sample by sample: the
 * session and actor (one query since issue 23), building the Meilisearch query, that query sent
 * straight to Meilisearch (the honest baseline: the very params the API sends), the older lighter
 * baseline (limit, 2 facets, no highlight) for comparison, and the whole request through the
 * Hono app (app.request, no socket). With --radius, the searches are the portal's default
 * (20 km around a site: grid cells, then the exact distance pass in search-run.ts).
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
const queries = ['缝纫', '保洁', '叉车', '电焊', '包装', '厨师', '养老护理', '快递', '茶叶', '保安'];

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-search-profile-'));
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
let services: RunningServices | undefined;
let exitCode = 0;
try {
  services = await startServices(config, logger);
  const deps = await connect(config, logger, services, 'owner');
  const city = await generateCity(deps, 'tiny');
  await growOpenJobs(deps.db, {
    openJobs: Math.round(jobsWanted * 0.92),
    today: new Date(`${chinaToday()}T00:00:00Z`),
  });
  await drainOutbox(deps, { batchSize: 2000, includeDelayed: true });
  const app = createApp(deps);
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: city.logins.worker, password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
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

  const stages: Record<string, (q: string) => Promise<unknown>> = {
    'session + actor (findSessionActor: one query)': () => findSessionActor(deps.db, token),
    'buildSearch (query → Meilisearch params)': (q) => buildSearch(deps.db, 'jobs', searchQuery.parse(queryOf(q))),
    'straight to Meilisearch: the API query (page, 6 facets, highlight, crop)': async (q) => {
      const query = searchQuery.parse(queryOf(q));
      const params = await buildSearch(deps.db, 'jobs', query);
      return runSearch(index, query, params, geoOf(query));
    },
    'Meilisearch, the baseline query (limit 20, 2 facets)': (q) =>
      index.search(q, { filter: 'visible = true', limit: 20, facets: ['skills', 'employmentType'] }),
    'whole request through the Hono app (app.request)': async (q) => {
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
  for (const [name, list] of times) {
    list.sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(list, 50).toFixed(2)} | ${percentile(list, 95).toFixed(2)} |`);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
