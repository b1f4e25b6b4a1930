import { cp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Meilisearch, type SearchParams } from 'meilisearch';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import { createSearch } from '../search/src/client.ts';
import { startApiProcess } from './api-process.ts';
import { type Figure, listenerPid, load, markdownTable, processCpuMs, signIn } from './measure.ts';
import { onTinyCityStack } from './seed.ts';

/**
 * Search under load, with the API process profiled (issue 23):
 *
 *   node --import tsx bench/search-load.ts [--jobs 5000] [--duration 10] [--rounds 1] [--no-prof]
 *
 * A fresh embedded stack with the tiny city grown to --jobs jobs, the API as its own process
 * (bench/api-process.ts, as `pnpm bench` starts it) under `node --cpu-prof`, then
 * `GET /api/search/jobs?q=缝纫&pageSize=20` with autocannon at 10 and 50 connections, each beside
 * the very query the API sends posted straight to Meilisearch at the same concurrency (the
 * baseline of bench/figures.ts), interleaved for --rounds rounds. Prints the figures, the ratios
 * (API ÷ Meilisearch alone at p50/p95, throughput share), the API process's CPU time per search
 * (from /proc: steadier than latency on a shared machine) and the API's top self-time functions
 * from its CPU profile. Beside each load, the CPU per answered search of Meilisearch's process and
 * of this one (autocannon), and PostgreSQL transactions per search (pg_stat_database). With
 * --probe, the API process also reports (bench/api-probe.mjs) its event-loop delay, garbage
 * collection, waits for a PostgreSQL connection and the sockets it opened to Meilisearch.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const jobsWanted = Number(option('jobs', '5000'));
const durationSec = Number(option('duration', '10'));
const rounds = Number(option('rounds', '1'));
const profile = !process.argv.includes('--no-prof');
const probe = process.argv.includes('--probe');
const probeFlags = probe ? ['--import', path.join(import.meta.dirname, 'api-probe.mjs')] : [];
/** --keep-prof DIR: copy the API's .cpuprofile there before the stack's data directory goes. */
const keepProf = option('keep-prof', '');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The package (`hono`, `pino`, …) or our own file a frame belongs to; '' for V8's own nodes. */
function ownerOf(url: string): string {
  if (!url) return '';
  const pkg = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\/.*?\/(api|search|packages|bench)\//, '$1/');
}

/**
 * Total (inclusive) time by package or own file in the load windows: a sample counts once for
 * every package or file on its stack, so `hono` includes the handlers it calls. Shares of all
 * samples in the windows, idle included.
 */
function topTotal(profileJson: string, windows: [number, number][], count: number): string[][] {
  const parsed = JSON.parse(profileJson) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of parsed.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const owners = new Map<number, Set<string>>();
  const ownersOf = (id: number): Set<string> => {
    const known = owners.get(id);
    if (known) return known;
    const up = parent.get(id);
    const set = new Set(up === undefined ? [] : ownersOf(up));
    const owner = ownerOf(byId.get(id)?.callFrame.url ?? '');
    if (owner) set.add(owner);
    owners.set(id, set);
    return set;
  };
  const totals = new Map<string, number>();
  let atUs = 0;
  let total = 0;
  parsed.samples.forEach((id, i) => {
    atUs += parsed.timeDeltas[i] ?? 0;
    const atMs = atUs / 1000;
    if (!windows.some(([from, to]) => atMs >= from && atMs <= to)) return;
    total++;
    for (const owner of ownersOf(id)) totals.set(owner, (totals.get(owner) ?? 0) + 1);
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => [name.replaceAll('|', '\\|'), `${((n / total) * 100).toFixed(1)} %`]);
}

/**
 * The functions with the most self time in a .cpuprofile while the API was under load (windows in
 * ms since the process started, which is close enough to the profile's start), with their share of
 * the samples in those windows; `(idle)` is the time the API had nothing to do.
 */
function topSelf(profileJson: string, windows: [number, number][], count: number): string[][] {
  const parsed = JSON.parse(profileJson) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const hits = new Map<number, number>();
  let atUs = 0;
  let total = 0;
  parsed.samples.forEach((id, i) => {
    atUs += parsed.timeDeltas[i] ?? 0;
    const atMs = atUs / 1000;
    if (!windows.some(([from, to]) => atMs >= from && atMs <= to)) return;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    total++;
  });
  const byFunction = new Map<string, number>();
  for (const node of parsed.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (!n) continue;
    const frame = node.callFrame;
    const where = frame.url
      ? `${frame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => [name.replaceAll('|', '\\|'), `${((n / total) * 100).toFixed(1)} %`]);
}

/**
 * CPU time of this process per search (user + system, ms), the API's query sent one at a time
 * through each meilisearch client, interleaved block by block: what the client costs on its own,
 * which a loaded machine disturbs far less than it does latency.
 */
async function clientCpuPerSearch(
  clients: Record<string, Meilisearch>,
  uid: string,
  params: SearchParams,
): Promise<string[][]> {
  const spent = new Map<string, { cpuMs: number; searches: number }>();
  for (let block = 0; block < 6; block++) {
    for (const [name, client] of Object.entries(clients)) {
      const index = client.index(uid);
      if (block === 0) {
        for (let i = 0; i < 10; i++) await index.search(undefined, params); // warm-up
        spent.set(name, { cpuMs: 0, searches: 0 });
      }
      const before = process.cpuUsage();
      for (let i = 0; i < 50; i++) await index.search(undefined, params);
      const used = process.cpuUsage(before);
      const total = spent.get(name) ?? { cpuMs: 0, searches: 0 };
      total.cpuMs += (used.user + used.system) / 1000;
      total.searches += 50;
      spent.set(name, total);
    }
  }
  return [...spent.entries()].map(([name, { cpuMs, searches }]) => [name, (cpuMs / searches).toFixed(2)]);
}

/** What the API process's probe (bench/api-probe.mjs) saw since the last call. */
async function probeWindow(pid: number): Promise<Record<string, number> | undefined> {
  if (!probe) return undefined;
  const file = `/tmp/anju-api-probe-${pid}.json`;
  await rm(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text) {
      await rm(file, { force: true });
      return JSON.parse(text) as Record<string, number>;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

await onTinyCityStack('search-load', jobsWanted, async ({ dataDir, services, deps, city }) => {
  const profDir = path.join(dataDir, 'prof');
  const apiStartedAt = performance.now();
  const loadWindows: [number, number][] = [];
  const api = await startApiProcess(services, deps.config, path.join(dataDir, 'api'), [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    ...probeFlags,
  ]);
  const meiliPid = listenerPid(services.meiliUrl);
  const xacts = async () => {
    const { rows } = await sql<{
      n: string;
    }>`select sum(xact_commit + xact_rollback)::text as n from pg_stat_database`.execute(deps.db);
    return Number(rows[0]?.n ?? 0);
  };
  const cpuRows: string[][] = [];
  const figures: Figure[] = [];
  const ratios: string[][] = [];
  let clientRows: string[][] = [];
  try {
    const cookie = await signIn(api.url, city.logins.worker);
    const meiliParams = await buildSearch(deps.db, 'jobs', searchQuery.parse({ q: '缝纫', pageSize: '20' }));
    const apiUrl = `${api.url}/api/search/jobs?q=${encodeURIComponent('缝纫')}&pageSize=20`;
    const check = await fetch(apiUrl, { headers: { cookie } });
    if (!check.ok) throw new Error(`search answered ${check.status}`);
    console.error(`search answers ${((await check.json()) as { total: number }).total} of ${jobsWanted} jobs`);
    clientRows = await clientCpuPerSearch(
      {
        'fetch (the client default)': new Meilisearch({
          host: services.meiliUrl,
          apiKey: services.meiliMasterKey,
          requestInit: { headers: { 'accept-encoding': 'identity' } },
        }),
        'keep-alive http.request (search/src/http-client.ts)': createSearch({
          url: services.meiliUrl,
          masterKey: services.meiliMasterKey,
        }).client,
      },
      deps.search.indexUid('jobs'),
      meiliParams,
    );
    for (let round = 1; round <= rounds; round++) {
      for (const connections of [10, 50]) {
        const meiliCpuAlone = meiliPid ? await processCpuMs(meiliPid) : 0;
        const benchAlone = process.cpuUsage();
        const meili = await load(`Meilisearch alone, ${connections} connections (round ${round})`, {
          url: `${services.meiliUrl}/indexes/${deps.search.indexUid('jobs')}/search`,
          method: 'POST',
          body: JSON.stringify(meiliParams),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${services.meiliMasterKey}` },
          connections,
          durationSec,
        });
        const meiliAnswered = (meili.throughputPerSec ?? 0) * durationSec;
        const benchAloneUsed = process.cpuUsage(benchAlone);
        const meiliCpuAloneMs = meiliPid ? (await processCpuMs(meiliPid)) - meiliCpuAlone : 0;
        await probeWindow(api.child.pid as number);
        const xactsBefore = await xacts();
        const meiliCpuBefore = meiliPid ? await processCpuMs(meiliPid) : 0;
        const benchBefore = process.cpuUsage();
        const cpuBefore = await processCpuMs(api.child.pid as number);
        const loadFrom = performance.now() - apiStartedAt;
        const through = await load(`through the API, ${connections} connections (round ${round})`, {
          url: apiUrl,
          connections,
          durationSec,
          headers: { cookie },
        });
        loadWindows.push([loadFrom, performance.now() - apiStartedAt]);
        const apiCpuMs = (await processCpuMs(api.child.pid as number)) - cpuBefore;
        const benchUsed = process.cpuUsage(benchBefore);
        const meiliCpuThroughMs = meiliPid ? (await processCpuMs(meiliPid)) - meiliCpuBefore : 0;
        const xactsDuring = (await xacts()) - xactsBefore - 2;
        const seen = await probeWindow(api.child.pid as number);
        const answered = (through.throughputPerSec ?? 0) * durationSec;
        const per = (ms: number, n: number) => (n ? (ms / n).toFixed(2) : '?');
        cpuRows.push([
          `${connections} (round ${round})`,
          `${meili.throughputPerSec} / ${through.throughputPerSec}`,
          per(meiliCpuAloneMs, meiliAnswered),
          per(meiliCpuThroughMs, answered),
          per((benchAloneUsed.user + benchAloneUsed.system) / 1000, meiliAnswered),
          per((benchUsed.user + benchUsed.system) / 1000, answered),
          per(apiCpuMs, answered),
          per(xactsDuring, answered),
          seen
            ? `loop p50 ${seen.loopDelayP50Ms.toFixed(1)} / p99 ${seen.loopDelayP99Ms.toFixed(1)} / max ${seen.loopDelayMaxMs.toFixed(0)} ms; GC ${seen.gcCount} × = ${seen.gcMs.toFixed(0)} ms (${per(seen.gcMs, answered)} per search); pg connects ${seen.pgConnects}, wait ${seen.pgWaitMs.toFixed(0)} ms (max ${seen.pgWaitMaxMs.toFixed(1)}); sockets opened ${seen.socketsOpened}; heap ${seen.heapUsedMb.toFixed(0)} MB`
            : '',
        ]);
        const cpuNote = `API process CPU ${answered ? (apiCpuMs / answered).toFixed(1) : '?'} ms per search`;
        through.note = through.note ? `${through.note}; ${cpuNote}` : cpuNote;
        figures.push(meili, through);
        const r = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : '');
        ratios.push([
          `${connections} (round ${round})`,
          r(through.medianMs, meili.medianMs),
          r(through.p95Ms, meili.p95Ms),
          r(through.throughputPerSec, meili.throughputPerSec),
        ]);
      }
    }
  } finally {
    await api.stop();
  }
  console.log(`\n${markdownTable(figures)}\n`);
  console.log('| connections | API ÷ Meili p50 | API ÷ Meili p95 | throughput share |\n| --- | --- | --- | --- |');
  for (const row of ratios) console.log(`| ${row.join(' | ')} |`);
  console.log(
    '\n| connections | req/s alone / through | Meili CPU ms per search alone | Meili CPU through | autocannon CPU alone | autocannon CPU through | API CPU | PostgreSQL transactions per search | API probe |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const row of cpuRows) console.log(`| ${row.join(' | ')} |`);
  console.log('\n| meilisearch client | CPU ms per search, one at a time |\n| --- | --- |');
  for (const row of clientRows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')}`,
  );
  if (profile) {
    const files = (await readdir(profDir)).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)); // the main thread
    for (const file of files) {
      const rows = topSelf(await readFile(path.join(profDir, file), 'utf8'), loadWindows, 25);
      console.log(
        `\nTop self time of the API process while loaded through it (${file}):\n\n| function | self |\n| --- | --- |`,
      );
      for (const row of rows) console.log(`| ${row.join(' | ')} |`);
      const json = await readFile(path.join(profDir, file), 'utf8');
      console.log(`\nTotal time by package or own file (same windows):\n\n| package or file | total |\n| --- | --- |`);
      for (const row of topTotal(json, loadWindows, 30)) console.log(`| ${row.join(' | ')} |`);
      if (keepProf) await cp(path.join(profDir, file), path.join(keepProf, file));
    }
  }
});
