import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { loadActor } from '../api/src/access/actor.ts';
import { findSessionUser, SESSION_COOKIE } from '../api/src/access/sessions.ts';
import { createApp } from '../api/src/app.ts';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
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
 * session lookup, the actor (role and sites), building the Meilisearch query, the query the API
 * sends, the simpler query the bench's "straight to Meilisearch" baseline sends, shaping the
 * answer, and the whole request through the Hono app (app.request, no socket).
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const jobsWanted = Number(option('jobs', '20000'));
const samples = Number(option('samples', '200'));
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

  const stages: Record<string, (q: string) => Promise<unknown>> = {
    'session lookup (findSessionUser)': () => findSessionUser(deps.db, token),
    'actor (loadActor: user + sites)': async () => loadActor(deps.db, (await findSessionUser(deps.db, token)) ?? ''),
    'buildSearch (query → Meilisearch params)': (q) => buildSearch(deps.db, 'jobs', searchQuery.parse({ q })),
    'Meilisearch, the API query (page, 6 facets, highlight, crop)': async (q) => {
      const params = await buildSearch(deps.db, 'jobs', searchQuery.parse({ q, pageSize: 20 }));
      return index.search(params.q, params);
    },
    'Meilisearch, the baseline query (limit 20, 2 facets)': (q) =>
      index.search(q, { filter: 'visible = true', limit: 20, facets: ['skills', 'employmentType'] }),
    'whole request through the Hono app (app.request)': async (q) => {
      const response = await app.request(`/api/search/jobs?q=${encodeURIComponent(q)}&pageSize=20`, {
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
  console.log(`\n${jobsWanted} jobs, ${samples} interleaved samples per stage (ms)\n`);
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
