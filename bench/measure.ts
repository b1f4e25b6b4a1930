import { execFileSync, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Db } from '../api/src/db/database.ts';
import { DEMO_PASSWORD } from '../api/src/seed/access-demo.ts';

export interface Figure {
  name: string;
  /** What the figure is compared with, measured in the same run. */
  baseline?: string;
  medianMs?: number;
  p95Ms?: number;
  p99Ms?: number;
  throughputPerSec?: number;
  /** The issue's target, e.g. p95 ≤ 50 ms. */
  target?: { metric: 'p95Ms' | 'medianMs' | 'totalMs' | 'rssMb'; max: number };
  totalMs?: number;
  rssMb?: number;
  ratioToBaseline?: number;
  note?: string;
}

/**
 * A posting title that search finds first, for the write → searchable probes. The unique part must
 * be one Latin word: Meilisearch segments a run of digits glued to Chinese (`基准岗位1796…12`) with
 * the Chinese, so every earlier probe matched the query as well as the new one and, past a page of
 * them, the new posting was indexed but not on page 1 (the 30 s "never found" samples).
 */
export const probeTitle = (serial: number | string) => `基准岗位 w${Date.now().toString(36)}x${serial}`;

/** Who posts a write → searchable probe and the skill it asks for: a verified employer, any skill. */
export async function probeTargets(db: Db): Promise<{ employerId: string; skillCode: string }> {
  const employer = await db
    .selectFrom('employers')
    .select('id')
    .where('verified', '=', true)
    .limit(1)
    .executeTakeFirstOrThrow();
  const skill = await db.selectFrom('skills').select('code').limit(1).executeTakeFirstOrThrow();
  return { employerId: employer.id, skillCode: skill.code };
}

/** The body of a job posted by a write → searchable probe (the bench's figure and bench/write-searchable.ts). */
export function probeJob(employerId: string, title: string, skillCode: string) {
  return {
    employerId,
    title,
    description: '基准测试岗位',
    status: 'open',
    requiredSkills: [{ code: skillCode, minLevel: 1 }],
    headcount: 1,
    payMin: 3000,
    payMax: 4000,
    payUnit: 'month',
    payFrequency: 'monthly',
    employmentType: 'full_time',
  };
}

/**
 * Signs in with the demo password, through a running API (its URL) or an app in this process
 * (`app.request`), and answers the session cookie for the bench's requests.
 */
export async function signIn(
  at: string | { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  login: string,
): Promise<string> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  };
  const response =
    typeof at === 'string' ? await fetch(`${at}/api/auth/login`, init) : await at.request('/api/auth/login', init);
  if (!response.ok) throw new Error(`bench sign-in as ${login} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

const keptAlive = new http.Agent({ keepAlive: true });

/** Awaits an httpRequest's status and throws, naming what answered, unless it is 2xx. */
export async function expectOk(what: string, status: Promise<number>): Promise<void> {
  const answered = await status;
  if (answered < 200 || answered >= 300) throw new Error(`${what} answered ${answered}`);
}

/**
 * One HTTP request over a kept-alive socket, its answer read as bytes and not parsed; resolves
 * with the status. The one client for both sides of a ratio (a request through the API and the
 * same query straight to Meilisearch), so that neither side pays for a heavier client: the
 * global fetch costs this process about 0.7 ms of CPU a request more (bench/search-load.ts
 * prints both clients' cost), which at one connection is latency of the client, not the server.
 */
export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<number> {
  const headers = { ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers, agent: keptAlive }, (res) => {
      res.on('data', () => {});
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The pid of the process listening on this URL's port (the embedded Meilisearch), from `ss`. */
export function listenerPid(url: string): number | undefined {
  const port = new URL(url).port;
  const out = execFileSync('ss', ['-Htlnp', `sport = :${port}`], { encoding: 'utf8' });
  const match = out.match(/pid=(\d+)/);
  return match ? Number(match[1]) : undefined;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Sequential samples of one operation: honest latency percentiles without queueing effects. */
export async function sample(name: string, count: number, operation: (i: number) => Promise<unknown>): Promise<Figure> {
  for (let i = 0; i < Math.min(10, count); i++) await operation(i); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await operation(i);
    times.push(performance.now() - t0);
  }
  return timesFigure(name, times, performance.now() - started);
}

/** Median, p95, p99 and throughput of sequential samples (ms each) that took `elapsedMs` in all. */
export function timesFigure(name: string, times: number[], elapsedMs: number): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    throughputPerSec: round((times.length / elapsedMs) * 1000),
  };
}

/**
 * Sequential samples of several ways of doing one thing, interleaved in blocks of `block` so that
 * whatever else the machine does meanwhile falls on each way alike. One figure a way, in order; a
 * way that names the process serving it (`pid`) notes that process's CPU per request (from /proc).
 */
export async function interleaved(
  ways: { name: string; operation: (i: number) => Promise<unknown>; pid?: number }[],
  count: number,
  block = 10,
): Promise<Figure[]> {
  for (const way of ways) for (let i = 0; i < Math.min(10, count); i++) await way.operation(i); // warm-up
  const times = ways.map(() => [] as number[]);
  const elapsed = ways.map(() => 0);
  const cpuMs = ways.map(() => 0);
  for (let start = 0; start < count; start += block) {
    for (const [w, way] of ways.entries()) {
      const cpuBefore = way.pid ? await processCpuMs(way.pid) : 0;
      const blockStarted = performance.now();
      for (let i = start; i < Math.min(count, start + block); i++) {
        const t0 = performance.now();
        await way.operation(i);
        times[w].push(performance.now() - t0);
      }
      elapsed[w] += performance.now() - blockStarted;
      if (way.pid) cpuMs[w] += (await processCpuMs(way.pid)) - cpuBefore;
    }
  }
  return ways.map((way, w) => ({
    ...timesFigure(way.name, times[w], elapsed[w]),
    ...(way.pid ? { note: `its process's CPU ${round(cpuMs[w] / times[w].length)} ms a request` } : {}),
  }));
}

/**
 * A bare Node proxy in a process of its own: node:http in, the request's body posted to
 * `meiliSearchUrl` over a kept-alive socket, Meilisearch's answer's bytes back, nothing parsed or
 * checked. The floor of any Node service in front of Meilisearch on this machine: what one more
 * hop costs before the API does anything (bench/search-hop.ts, the city bench's search figures).
 *
 * `{ hono: bodies }`: the same hop through hono and @hono/node-server (the API's framework, with no
 * middleware and one route): `GET /?i=N` posts `bodies[N % bodies.length]`, as the API's GET
 * search posts the body it builds. The floor of any hono service in front of Meilisearch.
 */
export async function startBareProxy(
  meiliSearchUrl: string,
  masterKey: string,
  options: { hono?: string[] } = {},
): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', options.hono === undefined ? BARE_PROXY : BARE_HONO_PROXY], {
    // The API's package, whose node_modules hold hono.
    cwd: path.resolve(import.meta.dirname, '../api'),
    env: { MEILI: meiliSearchUrl, KEY: masterKey, BODIES: JSON.stringify(options.hono ?? []) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const port = String(chunk).match(/port (\d+)/)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}/`);
    });
    child.on('exit', (code) => reject(new Error(`the bare proxy exited (${code})`)));
  });
  return { url, pid: child.pid, stop: () => child.kill() };
}

// Both proxies exit on SIGTERM, so that `node --cpu-prof` writes their profiles.
const BARE_PROXY = `
process.on('SIGTERM', () => process.exit(0));
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true });
const { MEILI, KEY } = process.env;
http.createServer((req, res) => {
  const body = [];
  req.on('data', (c) => body.push(c));
  req.on('end', () => {
    const sent = Buffer.concat(body);
    const out = http.request(MEILI, { method: 'POST', agent, headers: {
      'content-type': 'application/json', authorization: 'Bearer ' + KEY, 'content-length': sent.length } },
      (answer) => { const chunks = []; answer.on('data', (c) => chunks.push(c));
        answer.on('end', () => { res.writeHead(answer.statusCode, { 'content-type': 'application/json' }); res.end(Buffer.concat(chunks)); }); });
    out.end(sent);
  });
}).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });
`;

const BARE_HONO_PROXY = `
process.on('SIGTERM', () => process.exit(0));
const http = require('node:http');
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');
const agent = new http.Agent({ keepAlive: true });
const { MEILI, KEY } = process.env;
const BODIES = JSON.parse(process.env.BODIES);
const post = (body) => new Promise((resolve, reject) => {
  const out = http.request(MEILI, { method: 'POST', agent, headers: {
    'content-type': 'application/json', authorization: 'Bearer ' + KEY, 'content-length': Buffer.byteLength(body) } },
    (answer) => { const chunks = []; answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => resolve({ status: answer.statusCode, bytes: Buffer.concat(chunks) })); });
  out.on('error', reject);
  out.end(body);
});
const app = new Hono();
app.get('/', async (c) => {
  const { status, bytes } = await post(BODIES[Number(c.req.query('i') ?? 0) % BODIES.length]);
  return c.body(bytes, status, { 'content-type': 'application/json' });
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('port ' + info.port));
`;

/**
 * Concurrent load with autocannon: throughput and latency under N connections. The percentiles are
 * computed here from every response's time (autocannon's own histogram has p90 and p97.5, no p95).
 * The load generator runs on the same machine as the server it loads.
 */
export async function load(
  name: string,
  options: {
    url: string;
    connections: number;
    durationSec: number;
    headers?: Record<string, string>;
    method?: 'GET' | 'POST';
    body?: string;
  },
): Promise<Figure> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSec,
        headers: options.headers,
        // autocannon refuses a `method` key that is present but undefined
        method: options.method ?? 'GET',
        ...(options.body === undefined ? {} : { body: options.body }),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const failed = result.errors + result.timeouts + result.non2xx;
  return {
    name,
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    throughputPerSec: round(result.requests.average),
    note: failed ? `${failed} failed of ${result.requests.total}` : undefined,
  };
}

/**
 * Records figures with the API process's peak RSS while each was measured: VmHWM is read after
 * the figure, then reset (`clear_refs` 5), so a figure's RSS is its own and not the run's so far.
 */
export function rssRecorder(pid: number, figures: Figure[]) {
  let overall = 0;
  return {
    async record(...measured: Figure[]): Promise<void> {
      const peak = await peakRssMb(pid);
      overall = Math.max(overall, peak);
      for (const figure of measured) figures.push({ ...figure, rssMb: figure.rssMb ?? peak });
      await writeFile(`/proc/${pid}/clear_refs`, '5');
    },
    /** The highest peak over every recorded figure. */
    overallPeakMb: () => overall,
  };
}

/** Peak resident set size (VmHWM) of a process, in MB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0);
  return round(kb / 1024);
}

export function meetsTarget(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  const value = figure[figure.target.metric];
  return typeof value === 'number' && value <= figure.target.max;
}

export function markdownTable(figures: Figure[]): string {
  const cell = (value: number | undefined) => (value === undefined ? '' : String(value));
  const lines = [
    '| figure | median ms | p95 ms | p99 ms | per s | total ms | RSS MB | target | met | baseline | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const met = meetsTarget(f);
    lines.push(
      `| ${f.name}${f.note ? ` (${f.note})` : ''} | ${cell(f.medianMs)} | ${cell(f.p95Ms)} | ${cell(f.p99Ms)} | ${cell(f.throughputPerSec)} | ${cell(f.totalMs)} | ${cell(f.rssMb)} | ${f.target ? `${f.target.metric} ≤ ${f.target.max}` : ''} | ${met === undefined ? '' : met ? 'yes' : '**MISSED**'} | ${f.baseline ?? ''} | ${cell(f.ratioToBaseline)} |`,
    );
  }
  return lines.join('\n');
}
