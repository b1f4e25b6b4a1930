import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import type { AppDeps } from '../api/src/http/env.ts';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import type { RunningServices } from '../api/src/platform.ts';
import { reindexAll } from '../api/src/search-sync/reindex.ts';
import { evaluateAllAlerts } from '../api/src/tracking/evaluate-alerts.ts';
import type { ApiProcess } from './api-process.ts';
import { candidatesColdPass, largeMarketFigures, ratio, searchAndMatchingFigures } from './matching-figures.ts';
import {
  type Figure,
  listenerPid,
  load,
  percentile,
  probeJob,
  probeTargets,
  probeTitle,
  processCpuMs,
  rssRecorder,
  sample,
  signIn,
} from './measure.ts';
import { writeRosterWorkbook } from './roster-workbook.ts';
import type { BenchScale, Seeded } from './seed.ts';

export interface BenchContext {
  deps: AppDeps;
  api: ApiProcess;
  scale: BenchScale;
  durationSec: number;
  seeded: Seeded;
  services: RunningServices;
}

const get = (url: string, cookie?: string) =>
  fetch(url, { headers: cookie ? { cookie } : {} }).then(async (r) => {
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  });

async function timed(name: string, run: () => Promise<unknown>, target?: number): Promise<Figure> {
  const started = performance.now();
  await run();
  const totalMs = Math.round(performance.now() - started);
  return { name, totalMs, ...(target ? { target: { metric: 'totalMs' as const, max: target } } : {}) };
}

const cores = os.cpus().length;

/**
 * The API calls each role's home page makes (web/src/app/pages/home-page.tsx and the shell: who
 * am I, the bell's unread count, the work counts; a resident's recommendations, pathways,
 * applications and consent; an official's dashboard opening), each timed alone (target p95 ≤ 100
 * ms, issue 23), and the whole home as the portal fires it, all at once.
 */
async function homeFigures(ctx: BenchContext, samples: number): Promise<Figure[]> {
  const base = ctx.api.url;
  const figures: Figure[] = [];
  for (const role of ['resident', 'worker', 'official', 'admin'] as const) {
    const cookie = await signIn(base, ctx.seeded.logins[role]);
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as {
      personId: string | null;
    };
    const calls = ['/api/auth/me', '/api/notifications/unread-count'];
    if (role === 'resident' && me.personId) {
      const person = `/api/persons/${me.personId}`;
      for (const kind of ['job', 'training', 'project']) calls.push(`${person}/matches?kind=${kind}&limit=5`);
      calls.push(`${person}/pathways`, `/api/applications?personId=${me.personId}&pageSize=100`, '/api/me/consent');
    } else calls.push('/api/worklist/counts');
    if (role === 'official') calls.push('/api/reports/home-region', '/api/regions');
    const who = `${role === 'official' || role === 'admin' ? 'an' : 'a'} ${role}`;
    for (const call of calls) {
      figures.push({
        ...(await sample(`home of ${who}: GET ${call.replace(/[0-9a-f-]{36}/, '{id}')}`, samples, () =>
          get(`${base}${call}`, cookie),
        )),
        target: { metric: 'p95Ms', max: 100 },
      });
    }
    figures.push(
      await sample(`home of ${who}: its ${calls.length} calls at once, until the last answers`, samples, () =>
        Promise.all(calls.map((call) => get(`${base}${call}`, cookie))),
      ),
    );
  }
  return figures;
}

/** Every figure of the suite, each beside a baseline from the same run where one applies. */
export async function benchFigures(ctx: BenchContext): Promise<Figure[]> {
  const { api, durationSec, deps } = ctx;
  const figures: Figure[] = [];
  const { record, overallPeakMb } = rssRecorder(api.child.pid as number, figures);
  const samples = ctx.scale === 'tiny' ? 20 : 100;
  const base = api.url;

  // Baselines: the ceiling of this machine for a trivial Hono endpoint.
  const trivial = await sample('trivial endpoint GET /api/health/live', samples, () => get(`${base}/api/health/live`));
  await record(trivial);
  const trivialLoad: Record<number, Figure> = {};
  for (const connections of [10, 50]) {
    trivialLoad[connections] = await load(`trivial endpoint, ${connections} connections`, {
      url: `${base}/api/health/live`,
      connections,
      durationSec,
    });
    await record(trivialLoad[connections]);
  }

  const worker = await signIn(base, ctx.seeded.logins.worker);
  const official = await signIn(base, ctx.seeded.logins.official);

  const adminCookie = await signIn(base, ctx.seeded.logins.admin);
  const phaseOptions = { deps, base, samples, worker, admin: adminCookie, trivialName: trivial.name };
  // Candidates cold: right after the seed, then (below) right after a PostgreSQL restart.
  await record(await candidatesColdPass(phaseOptions, 'right after the seed'));
  // Search through the API vs straight to Meilisearch, and matching, on the city's job market.
  await record(...(await searchAndMatchingFigures(phaseOptions)));
  if (ctx.services.restartPostgres) {
    await ctx.services.restartPostgres();
    // The API's pool drops its dead connections and opens new ones on the next query.
    await record(await candidatesColdPass(phaseOptions, 'after a PostgreSQL restart'));
  }
  // Search under load beside the same query sent straight to Meilisearch at the same concurrency.
  // Client (autocannon), API, Meilisearch and PostgreSQL share this machine's cores: at 50
  // connections the latency is mostly waiting for a core (Little's law: 50 ÷ throughput).
  const sewing = searchQuery.parse({ q: '缝纫', pageSize: '20' });
  const meiliParams = await buildSearch(deps.db, 'jobs', sewing);
  // CPU per answered search of Meilisearch's process and the API's, beside each load (from /proc:
  // what a throughput share is made of, steadier than latency).
  const meiliPid = listenerPid(ctx.services.meiliUrl);
  const apiPid = api.child.pid as number;
  const withCpu = async (work: () => Promise<Figure>): Promise<Figure> => {
    const meiliBefore = meiliPid ? await processCpuMs(meiliPid) : 0;
    const apiBefore = await processCpuMs(apiPid);
    const figure = await work();
    const answered = Math.max(1, (figure.throughputPerSec ?? 0) * durationSec);
    const meiliMs = meiliPid ? ((await processCpuMs(meiliPid)) - meiliBefore) / answered : Number.NaN;
    const apiMs = ((await processCpuMs(apiPid)) - apiBefore) / answered;
    const cpu = `CPU ms per search: Meilisearch ${meiliMs.toFixed(2)}, API ${apiMs.toFixed(2)}`;
    return { ...figure, note: [figure.note, cpu].filter(Boolean).join('; ') };
  };
  for (const connections of [10, 50]) {
    const meili = await withCpu(() =>
      load(`Meilisearch alone, the API's search query, ${connections} connections`, {
        url: `${ctx.services.meiliUrl}/indexes/${deps.search.indexUid('jobs')}/search`,
        method: 'POST',
        body: JSON.stringify(meiliParams),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.services.meiliMasterKey}` },
        connections,
        durationSec,
      }),
    );
    await record(meili);
    const figure = await withCpu(() =>
      load(`search under load, ${connections} connections`, {
        url: `${base}/api/search/jobs?q=${encodeURIComponent('缝纫')}&pageSize=20`,
        connections,
        durationSec,
        headers: { cookie: worker },
      }),
    );
    const share = ratio(figure.throughputPerSec, meili.throughputPerSec);
    await record({
      ...figure,
      baseline: meili.name,
      // Here the ratio is throughput through the API ÷ Meilisearch's alone (the target: ≥ 0.7).
      ratioToBaseline: share,
      note: [
        figure.note,
        `${cores} cores for client, API, Meilisearch and PostgreSQL; queueing alone predicts a median of ${Math.round((connections / (figure.throughputPerSec ?? 1)) * 1000)} ms`,
      ]
        .filter(Boolean)
        .join('; '),
      ...(connections === 50 ? { target: { metric: 'p95Ms' as const, max: 300 } } : {}),
    });
  }

  await record(...(await homeFigures(ctx, samples)));

  // Tracking: dashboards and the household timeline.
  const to = monthStart(chinaToday(), -1).slice(0, 7);
  const from = monthStart(chinaToday(), -12).slice(0, 7);
  const reportSamples = ctx.scale === 'tiny' ? 10 : 20;
  await record({
    ...(await sample('tracking: site dashboard (largest site)', reportSamples, () =>
      get(`${base}/api/reports/regions/${ctx.seeded.largestSiteCode}?from=${from}&to=${to}`, official),
    )),
    target: { metric: 'p95Ms', max: 150 },
  });
  await record({
    ...(await sample('tracking: city dashboard', reportSamples, () =>
      get(`${base}/api/reports/regions/${ctx.seeded.cityCode}?from=${from}&to=${to}`, official),
    )),
    target: { metric: 'p95Ms', max: 500 },
  });
  const households = await deps.db.selectFrom('households').select('id').orderBy('id').limit(samples).execute();
  await record({
    ...(await sample('tracking: household timeline', samples, (i) =>
      get(`${base}/api/households/${households[i % households.length].id}/timeline`, official),
    )),
    baseline: trivial.name,
    target: { metric: 'p95Ms', max: 50 },
  });
  await record(await timed('tracking: full nightly alert evaluation', () => evaluateAllAlerts(deps), 60_000));

  // Write → searchable: a posting made through the API until search finds it.
  const { employerId, skillCode } = await probeTargets(deps.db);
  const lags: number[] = [];
  // 40 postings, so that the p95 is not simply the slowest of a handful.
  for (let i = 0; i < (ctx.scale === 'tiny' ? 3 : 40); i++) {
    const title = probeTitle(i);
    const started = performance.now();
    const created = await fetch(`${base}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify(probeJob(employerId, title, skillCode)),
    });
    if (!created.ok) {
      await record({
        name: 'write → searchable',
        note: `posting refused: ${created.status} ${(await created.text()).slice(0, 120)}`,
      });
      break;
    }
    for (;;) {
      const found = await fetch(`${base}/api/search/jobs?q=${encodeURIComponent(title)}`, {
        headers: { cookie: adminCookie },
      }).then((r) => r.json());
      if ((found.hits ?? []).some((hit: { title: string }) => hit.title === title)) break;
      if (performance.now() - started > 30_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lags.push(performance.now() - started);
  }
  if (lags.length) {
    // The slowest postings in the order they were made (#0 is the first): a slow start and a slow
    // straggler call for different fixes.
    const slowest = lags
      .map((lag, at) => ({ lag, at }))
      .sort((a, b) => b.lag - a.lag)
      .slice(0, 3)
      .map(({ lag, at }) => `#${at} ${Math.round(lag)} ms`)
      .join(', ');
    lags.sort((a, b) => a - b);
    await record({
      name: 'write → searchable (job posted → found by search)',
      medianMs: Math.round(percentile(lags, 50)),
      p95Ms: Math.round(percentile(lags, 95)),
      // Issue 23: p95 ≤ 1 s and median ≤ 300 ms (the table checks one metric; the median is beside it).
      target: { metric: 'p95Ms', max: 1_000 },
      note: `median target ≤ 300 ms: ${percentile(lags, 50) <= 300 ? 'met' : 'MISSED'}; slowest of ${lags.length}: ${slowest}`,
    });
  }

  // Roster import of 50,000 rows (tiny: 2,000) through the API, as a worker would upload it.
  // small/small4 (the growth pair): as many rows as the scale has households.
  const rows = { tiny: 2_000, small: 5_000, small4: 20_000, city: 50_000, city4: 50_000 }[ctx.scale];
  const sites = await deps.db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'site')
    .orderBy('code')
    .limit(20)
    .execute();
  const file = path.join(os.tmpdir(), `anju-bench-roster-${process.pid}.xlsx`);
  await writeRosterWorkbook(
    file,
    rows,
    sites.map((s) => s.code),
  );
  const workbook = await readFile(file);
  await record(
    await timed(
      `roster import of ${rows} rows (POST /api/imports/roster)`,
      async () => {
        const form = new FormData();
        form.set('file', new Blob([workbook]), 'roster.xlsx');
        const response = await fetch(`${base}/api/imports/roster?dryRun=false`, {
          method: 'POST',
          headers: { cookie: adminCookie },
          body: form,
        });
        if (!response.ok)
          throw new Error(`import answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      },
      60_000,
    ),
  );

  await record(await timed('search: full reindex of every index (build + swap)', () => reindexAll(deps)));
  // Phase two: the job market grown to 100k open jobs (tiny: 600, so the smoke test stays quick), measured again.
  // Not for the small growth pair: growing the market is the slowest phase and the pair compares the city's own data.
  const tiny = ctx.scale === 'tiny';
  if (ctx.scale === 'tiny' || ctx.scale === 'city' || ctx.scale === 'city4')
    await record(
      ...(await largeMarketFigures({ ...phaseOptions, samples: tiny ? 10 : samples, openJobs: tiny ? 600 : 100_000 })),
    );

  figures.push({
    name: 'API peak RSS (whole run; each row has its own peak)',
    rssMb: Math.max(overallPeakMb(), await api.peakRssMb()),
    target: { metric: 'rssMb', max: 512 },
  });
  figures.push({
    name: `seed --scale ${ctx.scale} incl. indexing`,
    totalMs: Math.round(ctx.seeded.seedSeconds * 1000),
    // The 5-minute seed target is the city's (issue 8); the 4× city is measured for growth only.
    ...(ctx.scale === 'city4' ? {} : { target: { metric: 'totalMs' as const, max: 300_000 } }),
  });
  return figures;
}
