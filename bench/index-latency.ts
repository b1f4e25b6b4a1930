import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import type { Settings } from 'meilisearch';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { enqueueSearch } from '../api/src/db/search-outbox.ts';
import type { AppDeps } from '../api/src/http/env.ts';
import { buildDocuments, hashDocument, type PostingDocument } from '../api/src/opportunities/documents.ts';
import { buildSearch, searchQuery } from '../api/src/opportunities/search-query.ts';
import { connect, type RunningServices, startServices } from '../api/src/platform.ts';
import { startSearchSync } from '../api/src/search-sync/worker.ts';
import { generateCity } from '../api/src/seed/generator/city.ts';
import { growOpenJobs } from '../api/src/seed/generator/more-jobs.ts';
import { skillSynonyms } from '../api/src/skills/synonyms.ts';
import { indexDefinitions } from '../search/src/indexes.ts';
import { percentile, probeTitle } from './measure.ts';

/**
 * How long Meilisearch takes to make ONE new job searchable in an index of ~20,000 jobs, for
 * several index settings side by side (issue 5: a posting is searchable within 2 s at p95):
 *
 *   node --import tsx bench/index-latency.ts [--jobs 20000] [--rounds 30] [--variants main,current]
 *
 * A fresh embedded PostgreSQL and Meilisearch (or DATA_DIR=… to keep and reuse them between
 * runs), the generated city's jobs grown to about --jobs jobs (92 % open, as in the city) and built into documents by the
 * same loader the search worker uses; then one index per settings variant holding all of them.
 * Each round posts one new job into every variant — in a rotating order, so that whatever else
 * the machine is doing falls on all variants alike — and records the Meilisearch task's own
 * duration, its wait in the queue, and the wall time from the upsert until the API's own search
 * (same filters, facets and highlighting) finds it by title. Absolute figures move with the
 * machine's load; compare variants within one run.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const jobsWanted = Number(option('jobs', '20000'));
const rounds = Number(option('rounds', '30'));
const pollMs = Number(option('poll', '20'));

const current = indexDefinitions.find((d) => d.name === 'jobs')?.settings as Settings;

/** The jobs settings before this experiment (main at fef0a8f): every attribute, every feature. */
const main: Settings = {
  ...current,
  filterableAttributes: [
    'id',
    'visible',
    'status',
    'employerId',
    'employerKind',
    'skills',
    'skillCategories',
    'kind',
    'deadlineTs',
    'createdAt',
    '_geo',
    'payMin',
    'payMax',
    'payUnit',
    'accommodation',
    'shuttleSiteIds',
    'employmentType',
  ],
  facetSearch: true,
  sortableAttributes: ['createdAt', 'deadlineTs', '_geo', 'payMin', 'payMax'],
};

/**
 * Settings variants: `current` is search/src/indexes.ts (since issue 23: `_geo` neither filterable
 * nor sortable, a radius filters on `geoCells`), `main` the baseline above, `geo` the settings
 * before issue 23 (`current` with `_geo` filterable and sortable), the others what was tried on
 * top of `current` (prefix search off loses recall: see the commit message).
 */
const withGeo = (settings: Settings): Settings => ({
  ...settings,
  filterableAttributes: [...(settings.filterableAttributes ?? []), '_geo'],
  sortableAttributes: [...(settings.sortableAttributes ?? []), '_geo'],
});
const variants: Record<string, Settings> = {
  main,
  current,
  geo: withGeo(current),
  /** Same settings as `geo`, on a small index (--recent-docs): a "recent" index merged at query time. */
  recent: withGeo(current),
  /** `current` on a small index (--recent-docs): the "recent" index as it would be built today. */
  recentGrid: current,
  /**
   * The real path on the API's own `jobs` index (`current` settings): a job row changed in
   * PostgreSQL with its outbox entry, indexed by the search-sync loop (api/src/search-sync/worker.ts)
   * polling every 100 ms (`outboxPoll`, the loop before issue 23's wake) or also woken by the
   * outbox's NOTIFY on commit (`outboxListen`, as the platform runs it).
   */
  outboxPoll: current,
  outboxListen: current,
  noFacetSearchOnly: { ...main, facetSearch: false },
  byAttribute: { ...current, proximityPrecision: 'byAttribute' },
  noPrefix: { ...current, prefixSearch: 'disabled' },
};
const chosen = option('variants', 'main,current').split(',');
const viaOutbox = (name: string) => name.startsWith('outbox');
const recentDocs = Number(option('recent-docs', '2000'));
for (const name of chosen) if (!variants[name]) throw new Error(`unknown variant ${name}`);

interface Sample {
  title: string;
  taskMs: number;
  queuedMs: number;
  foundMs: number;
  trace: Record<string, number>;
}

const iso8601Ms = (duration: string | null | undefined): number => {
  const match = /^PT(?:(\d+)M)?([\d.]+)S$/.exec(duration ?? '');
  return match ? Number(match[1] ?? 0) * 60_000 + Number(match[2]) * 1000 : Number.NaN;
};
const traceMs = (value: unknown): number => {
  const match = /^([\d.]+)(ms|s|µs|ns)$/.exec(String(value));
  if (!match) return 0;
  const factor = { s: 1000, ms: 1, µs: 0.001, ns: 0.000001 }[match[2] as 's' | 'ms' | 'µs' | 'ns'];
  return Number(match[1]) * factor;
};

async function loadJobs(deps: AppDeps): Promise<PostingDocument[]> {
  const { db } = deps;
  const today = new Date(`${chinaToday()}T00:00:00Z`);
  if (!(await db.selectFrom('households').select('id').limit(1).executeTakeFirst())) {
    process.stderr.write('generating a tiny city…\n');
    await generateCity(deps, 'tiny');
  }
  // The generator closes ~8 % of jobs, as the city's 20,000 jobs hold ~18,400 open ones.
  const openJobs = Math.round(jobsWanted * 0.92);
  process.stderr.write(`growing to ${openJobs} open jobs…\n`);
  await growOpenJobs(db, { openJobs, today });
  // This script indexes by itself; nothing drains the outbox here.
  await db.deleteFrom('searchOutbox').execute();
  return buildDocuments(db, 'jobs');
}

async function fillIndex(deps: AppDeps, uid: string, settings: Settings, documents: PostingDocument[]) {
  const { client } = deps.search;
  const timeout = 20 * 60_000;
  await client.deleteIndex(uid).waitTask({ timeout });
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout });
  const index = client.index(uid);
  const settingsTask = await index.updateSettings(settings).waitTask({ timeout });
  if (settingsTask.status !== 'succeeded') throw new Error(`${uid} settings: ${settingsTask.error?.message}`);
  await index.updateSynonyms(await skillSynonyms(deps.db)).waitTask({ timeout });
  const started = performance.now();
  for (let i = 0; i < documents.length; i += 2000) {
    const task = await index.addDocuments(documents.slice(i, i + 2000), { primaryKey: 'id' }).waitTask({ timeout });
    if (task.status !== 'succeeded') throw new Error(`${uid} documents: ${task.error?.message}`);
  }
  process.stderr.write(
    `${uid}: ${documents.length} documents in ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
}

/** Posts one new job into the index and measures until the resident search finds it. */
async function postOne(deps: AppDeps, uid: string, template: PostingDocument, serial: number): Promise<Sample> {
  const { client } = deps.search;
  const title = probeTitle(serial);
  const { docHash: _hash, ...rest } = template;
  const document = { ...rest, id: String(900_000_000 + serial), title, createdAt: Math.floor(Date.now() / 1000) };
  const params = await buildSearch(deps.db, 'jobs', searchQuery.parse({ q: title }));
  const index = client.index(uid);
  const started = performance.now();
  const enqueued = await index.addDocuments([{ ...document, docHash: hashDocument(document) }], { primaryKey: 'id' });
  let foundMs = Number.NaN;
  while (performance.now() - started < 30_000) {
    const result = await index.search(params.q, params);
    if (result.hits.some((hit) => hit.title === title)) {
      foundMs = performance.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const task = await client.tasks.waitForTask(enqueued.taskUid, { timeout: 60_000, interval: 50 });
  if (task.status !== 'succeeded') throw new Error(`${uid} upsert: ${task.error?.message}`);
  const trace: Record<string, number> = {};
  if (task.batchUid !== null && task.batchUid !== undefined) {
    const batch = await client.batches.getBatch(task.batchUid);
    for (const [step, value] of Object.entries(batch.stats.progressTrace ?? {})) trace[step] = traceMs(value);
  }
  return {
    title,
    taskMs: iso8601Ms(task.duration),
    queuedMs: Date.parse(task.startedAt ?? '') - Date.parse(task.enqueuedAt),
    foundMs,
    trace,
  };
}

/**
 * Changes the title of the job behind `template` in PostgreSQL, with its outbox entry, as a
 * posting does, and measures until the API's search finds it: the search-sync loop runs only
 * for this sample (started at a varying moment before the write, so the write falls anywhere in
 * a poll interval), with or without LISTEN.
 */
async function postThroughOutbox(
  deps: AppDeps,
  listenUrl: string | undefined,
  template: PostingDocument,
  serial: number,
): Promise<Sample> {
  const { client } = deps.search;
  const uid = deps.search.indexUid('jobs');
  const stopSync = startSearchSync(deps, { listenUrl });
  await new Promise((resolve) => setTimeout(resolve, 200 + ((serial * 37) % 100)));
  const title = probeTitle(serial);
  const params = await buildSearch(deps.db, 'jobs', searchQuery.parse({ q: title }));
  const index = client.index(uid);
  const started = performance.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('jobs').set({ title }).where('id', '=', template.id).execute();
    await enqueueSearch(trx, 'jobs', [template.id]);
  });
  let foundMs = Number.NaN;
  while (performance.now() - started < 30_000) {
    const result = await index.search(params.q, params);
    if (result.hits.some((hit) => hit.title === title)) {
      foundMs = performance.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  await stopSync();
  const [task] = (await client.tasks.getTasks({ indexUids: [uid], types: ['documentAdditionOrUpdate'], limit: 1 }))
    .results;
  const trace: Record<string, number> = {};
  if (task?.batchUid !== null && task?.batchUid !== undefined) {
    const batch = await client.batches.getBatch(task.batchUid);
    for (const [step, value] of Object.entries(batch.stats.progressTrace ?? {})) trace[step] = traceMs(value);
  }
  return {
    title,
    taskMs: iso8601Ms(task?.duration),
    queuedMs: Date.parse(task?.startedAt ?? '') - Date.parse(task?.enqueuedAt ?? ''),
    foundMs,
    trace,
  };
}

const summarise = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return `${Math.round(percentile(sorted, 50))} / ${Math.round(percentile(sorted, 95))}`;
};

const keep = Boolean(process.env.DATA_DIR);
const dataDir = process.env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'anju-index-latency-')));
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
let services: RunningServices | undefined;
let stopping: Promise<void> | undefined;
// One stop for both a signal and the normal end, so neither exits while the other still stops.
const stop = () => {
  stopping ??= (async () => {
    await services?.cleanup();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  })();
  return stopping;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stop().finally(() => process.exit(130)));
}
let exitCode = 0;
try {
  services = await startServices(config, logger);
  const deps = await connect(config, logger, services);
  const documents = await loadJobs(deps);
  process.stderr.write(`${documents.length} job documents (${documents.filter((d) => d.visible).length} visible)\n`);
  for (const name of chosen.filter((n) => !viaOutbox(n))) {
    await fillIndex(
      deps,
      `latency_${name}`,
      variants[name],
      name.startsWith('recent') ? documents.slice(0, recentDocs) : documents,
    );
  }
  if (chosen.some(viaOutbox)) await fillIndex(deps, deps.search.indexUid('jobs'), current, documents);

  // New postings copy a visible one whose deadline is well ahead, so the resident search shows them.
  const nowSeconds = Date.now() / 1000;
  const templates = documents.filter((d) => d.visible && d.deadlineTs > nowSeconds + 86_400);
  const samples = new Map<string, Sample[]>(chosen.map((name) => [name, []]));
  let serial = 0;
  for (let round = 0; round < rounds; round++) {
    const order = chosen.map((_, i) => chosen[(i + round) % chosen.length]);
    const template = templates[(round * 7919) % templates.length];
    for (const name of order) {
      const sample = viaOutbox(name)
        ? await postThroughOutbox(
            deps,
            name === 'outboxListen' ? services.appDatabaseUrl : undefined,
            template,
            serial++,
          )
        : await postOne(deps, `latency_${name}`, template, serial++);
      samples.get(name)?.push(sample);
    }
    process.stderr.write(`\rround ${round + 1}/${rounds}   `);
  }
  process.stderr.write('\n');

  console.log(`\n${documents.length} jobs in each index; ${rounds} single-job upserts per variant, interleaved.`);
  console.log('median / p95 in ms\n');
  console.log('| variant | task duration | queued | upsert → found by search | not found in 30 s |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const name of chosen) {
    const list = samples.get(name) ?? [];
    console.log(
      `| ${name} | ${summarise(list.map((s) => s.taskMs))} | ${summarise(list.map((s) => s.queuedMs))} | ${summarise(list.map((s) => s.foundMs))} | ${list.filter((s) => Number.isNaN(s.foundMs)).length} |`,
    );
  }
  // A miss is a search problem, not a latency: name it so that it can be looked into.
  for (const [name, list] of samples)
    for (const miss of list.filter((s) => Number.isNaN(s.foundMs))) console.log(`${name}: never found "${miss.title}"`);
  // What a running install pays once when these settings reach its existing index at start.
  if (chosen.includes('main')) {
    const switched = await deps.search.client
      .index('latency_main')
      .updateSettings(current)
      .waitTask({ timeout: 20 * 60_000 });
    console.log(`\nmain → current settings on the filled index: ${switched.duration} (${switched.status})`);
  }
  // Where the task's time goes (Meilisearch's batch progressTrace), mean ms per step, top steps.
  for (const name of chosen) {
    const list = samples.get(name) ?? [];
    const totals = new Map<string, number>();
    for (const sample of list)
      for (const [step, ms] of Object.entries(sample.trace)) totals.set(step, (totals.get(step) ?? 0) + ms);
    const top = [...totals]
      .map(([step, ms]) => [step, ms / Math.max(1, list.length)] as const)
      .filter(([step]) => step.split(' > ').length > 2)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    console.log(`\n${name}: slowest steps (mean ms)`);
    for (const [step, ms] of top) console.log(`  ${Math.round(ms).toString().padStart(6)}  ${step}`);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stop();
}
process.exit(exitCode);
