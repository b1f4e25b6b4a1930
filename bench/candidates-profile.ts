import os from 'node:os';
import { chinaToday } from '@anju/domain/clock';
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { createApp } from '../api/src/app.ts';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import type { AppDeps } from '../api/src/http/env.ts';
import { candidatePoolQuery, loadCandidatePool } from '../api/src/matching/load.ts';
import { presentReasons } from '../api/src/matching/present.ts';
import { appliedPersonIds } from '../api/src/matching/queries.ts';
import { rankCandidates } from '../api/src/matching/rank.ts';
import { cachedSkillGraph } from '../api/src/matching/skill-graph-cache.ts';
import { tableOpportunitySource, trackedIncome } from '../api/src/matching/table-source.ts';
import { defaultWeights } from '../api/src/matching/weights.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { DEMO_PASSWORD } from '../api/src/seed/access-demo.ts';
import { spread } from './matching-figures.ts';

/**
 * Where a job → candidates request goes (issue 23), on a database already seeded
 * (`pnpm seed --scale city`), in-process:
 *   DATA_DIR=/tmp/anju-city ANJU_DEMO=0 npx tsx bench/candidates-profile.ts [--jobs 20] [--warm 5] [--explain]
 * For each of the bench's 20 spread open jobs: one request cold (the first for that job in this
 * process), then `--warm` more; every SQL statement the request sends (kind, ms from send to
 * answer, rows), the pool's size, and the CPU of ranking, presenting and JSON, timed apart on the
 * same pool. With --restart, PostgreSQL is restarted first (its buffer cache emptied). With
 * --explain, EXPLAIN (ANALYZE, BUFFERS) of every read of the last warm request of the job with the
 * largest pool (shared buffers hit and read, execution ms), and of the last job's pool.
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const jobCount = arg('--jobs', 20);
const warmRuns = arg('--warm', 5);

interface Statement {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
  rows: number;
}

/** Records every statement sent through the db: its SQL, the time to its answer and its rows. */
class Recorder implements KyselyPlugin {
  private readonly started = new WeakMap<object, { node: RootOperationNode; at: number }>();
  statements: Statement[] = [];
  private readonly compiler = new PostgresQueryCompiler();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { node: args.node, at: performance.now() });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const start = this.started.get(args.queryId);
    if (start) {
      const { sql, parameters } = this.compiler.compileQuery(start.node, args.queryId);
      this.statements.push({ sql, parameters, ms: performance.now() - start.at, rows: args.result.rows.length });
    }
    return args.result;
  }
}

/** A short name for a statement: its first table or function, for grouping. */
const labelOf = (sql: string) => {
  const flat = sql.replace(/\s+/g, ' ');
  if (/^insert into "audit_log"/.test(flat)) return 'audit insert';
  if (/from "sessions"|"users"."status"/.test(flat)) return 'session (cached 5 s)';
  if (/count\(\*\)::text as n, sum\(xmin/.test(flat)) return 'skill graph fingerprint';
  if (/from "skills"/.test(flat)) return 'skill graph load';
  if (/^select "persons"."id", "persons"."household_id"/.test(flat)) return 'candidate pool';
  if (/from "person_skills"/.test(flat)) return 'skills of candidates';
  if (/from "household_summary" where "household_id"/.test(flat)) return 'household summaries';
  if (/with f as \(select household_id, county_code/.test(flat)) return 'income (summaryPerCapitaOf)';
  if (/"persons"."name"/.test(flat)) return 'candidate cards';
  if (/from "applications"/.test(flat)) return 'applied person ids';
  if (/from "users" where "employer_id"/.test(flat)) return 'ref: owner user ids';
  if (/^select "employment_type" from "jobs"/.test(flat)) return 'ref: employment type';
  if (/as "ownerUserIds"/.test(flat)) return 'ref: job, employer and its accounts (one statement)';
  if (/as "open" from "jobs"/.test(flat)) return 'ref: job and employer';
  if (/^select "jobs"."id", "jobs"."title", "jobs"."lat"/.test(flat)) return 'job';
  return flat.slice(0, 80);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : Number.NaN;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
};
const r1 = (n: number) => Math.round(n * 10) / 10;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const config = parseConfig({ ...process.env, ANJU_DEMO: '0' });
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const services = await startServices(config, logger);
try {
  if (process.argv.includes('--restart')) {
    if (!services.restartPostgres) throw new Error('PostgreSQL is not embedded here');
    await services.restartPostgres();
  }
  const deps = await connect(config, logger, services);
  const recorder = new Recorder();
  const recorded: AppDeps = { ...deps, db: deps.db.withPlugin(recorder) };
  const app = createApp(recorded);
  const signedIn = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'city-admin', password: DEMO_PASSWORD }),
  });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.status}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  const jobs = await spread(deps.db, 'jobs', jobCount);
  console.log(`load average at start: ${load()}; ${jobs.length} jobs`);

  const request = async (id: string) => {
    recorder.statements = [];
    const t0 = performance.now();
    const response = await app.request(`/api/jobs/${id}/candidates?limit=50`, { headers: { cookie } });
    const body = await response.text();
    const ms = performance.now() - t0;
    if (!response.ok) throw new Error(`${id}: ${response.status} ${body}`);
    return { ms, statements: recorder.statements, items: (JSON.parse(body) as { items: unknown[] }).items.length };
  };

  const byLabel = new Map<string, { cold: number[]; warm: number[]; rows: number[]; count: number[] }>();
  const totals = { cold: [] as number[], warm: [] as number[] };
  const perJob: string[] = [];
  let largest: { id: string; pool: number; statements: Statement[] } | null = null;
  for (const id of jobs) {
    const cold = await request(id);
    totals.cold.push(cold.ms);
    const warm: Awaited<ReturnType<typeof request>>[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await request(id));
    for (const w of warm) totals.warm.push(w.ms);
    const add = (run: typeof cold, which: 'cold' | 'warm') => {
      const seen = new Map<string, { ms: number; rows: number; count: number }>();
      for (const s of run.statements) {
        const label = labelOf(s.sql);
        const entry = seen.get(label) ?? { ms: 0, rows: 0, count: 0 };
        entry.ms += s.ms;
        entry.rows += s.rows;
        entry.count += 1;
        seen.set(label, entry);
      }
      for (const [label, entry] of seen) {
        const slot = byLabel.get(label) ?? { cold: [], warm: [], rows: [], count: [] };
        slot[which].push(entry.ms);
        slot.rows.push(entry.rows);
        slot.count.push(entry.count);
        byLabel.set(label, slot);
      }
    };
    add(cold, 'cold');
    for (const w of warm) add(w, 'warm');
    const pool = cold.statements.find((s) => labelOf(s.sql) === 'candidate pool');
    if (warm.length && (pool?.rows ?? 0) > (largest?.pool ?? -1)) {
      largest = { id, pool: pool?.rows ?? 0, statements: warm[warm.length - 1].statements };
    }
    perJob.push(
      `job ${id}: pool ${pool?.rows ?? 0}, items ${cold.items}, statements ${cold.statements.length}, cold ${r1(cold.ms)} ms, warm median ${r1(median(warm.map((w) => w.ms)))} ms`,
    );
  }
  console.log(perJob.join('\n'));
  console.log(
    `\nrequest: cold median ${r1(median(totals.cold))} / p95 ${r1(p95(totals.cold))} ms; warm median ${r1(median(totals.warm))} / p95 ${r1(p95(totals.warm))} ms`,
  );
  console.log('\n| statement | per request | rows (median / max) | cold median / max ms | warm median / p95 ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, slot] of byLabel) {
    console.log(
      `| ${label} | ${median(slot.count)} | ${median(slot.rows)} / ${Math.max(...slot.rows)} | ${r1(median(slot.cold))} / ${r1(Math.max(...slot.cold, 0))} | ${r1(median(slot.warm))} / ${r1(p95(slot.warm))} |`,
    );
  }

  if (process.argv.includes('--explain') && largest) {
    // Each read of one warm request again, explained: its work in buffers, which load does not move.
    console.log(`\n-- every read of a warm request for job ${largest.id} (pool ${largest.pool})`);
    console.log('| statement | rows | shared hit | read | execution ms |');
    console.log('| --- | --- | --- | --- | --- |');
    let hits = 0;
    for (const s of largest.statements) {
      if (!/^\s*(select|with)/i.test(s.sql)) continue;
      const plan = await deps.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${s.sql}`, [...s.parameters]),
      );
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      // The top node's buffers, plus those of its init plans (not counted in the top node's);
      // planning buffers are listed apart, after them.
      const buffersAfter = (at: number) => lines.slice(at).find((l) => /^\s*Buffers:/.test(l)) ?? '';
      const counted = [
        buffersAfter(0),
        ...lines.flatMap((l, at) => (/^ {2}InitPlan/.test(l) ? [buffersAfter(at)] : [])),
      ];
      const sum = (pattern: RegExp) => counted.reduce((n, l) => n + Number(pattern.exec(l)?.[1] ?? 0), 0);
      const hit = sum(/hit=(\d+)/);
      const read = sum(/read=(\d+)/);
      const ms = /Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? '?';
      hits += hit;
      console.log(`| ${labelOf(s.sql)} | ${s.rows} | ${hit} | ${read} | ${ms} |`);
    }
    console.log(`| total | | ${hits} | | |`);
  }

  // The CPU of the request apart from SQL, on each job's pool (loaded once, outside the timing).
  const source = tableOpportunitySource();
  const income = trackedIncome(deps.db);
  const cpu = { rank: [] as number[], present: [] as number[], json: [] as number[], load: [] as number[] };
  for (const id of jobs) {
    const job = (await source.job(deps.db, id))!;
    const graph = await cachedSkillGraph(deps.db);
    const today = chinaToday();
    const applied = await appliedPersonIds(deps.db, id);
    const t0 = performance.now();
    const pool = await loadCandidatePool(deps.db, job, graph, { today, appliedPersonIds: applied }, income);
    cpu.load.push(performance.now() - t0);
    const t1 = performance.now();
    const ranked = rankCandidates(job, pool, graph, defaultWeights, { limit: 50, today });
    cpu.rank.push(performance.now() - t1);
    const t2 = performance.now();
    const items = ranked.map((r) => ({ ...r, reasons: presentReasons(r.reasons) }));
    cpu.present.push(performance.now() - t2);
    const t3 = performance.now();
    JSON.stringify({ items });
    cpu.json.push(performance.now() - t3);
    if (process.argv.includes('--explain') && id === jobs[jobs.length - 1]) {
      const compiled = candidatePoolQuery(deps.db, job, graph, { today, appliedPersonIds: applied }).compile();
      const plan = await deps.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
      );
      console.log(`\n-- pool of job ${id}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
  console.log(
    `\nin-process, warm: loadCandidatePool median ${r1(median(cpu.load))} / max ${r1(Math.max(...cpu.load))} ms; rankCandidates ${r1(median(cpu.rank))} / ${r1(Math.max(...cpu.rank))} ms; presentReasons ${r1(median(cpu.present))} / ${r1(Math.max(...cpu.present))} ms; JSON ${r1(median(cpu.json))} / ${r1(Math.max(...cpu.json))} ms`,
  );
  console.log(`load average at end: ${load()}`);
} finally {
  await services.cleanup();
}
process.exit(0);
