import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { reindexAll } from '../api/src/search-sync/reindex.ts';
import { evaluateAllAlerts } from '../api/src/tracking/evaluate-alerts.ts';
import { startApiProcess } from './api-process.ts';
import { percentile, probeJob, probeTargets, probeTitle, signIn } from './measure.ts';

/**
 * The city bench's write → searchable figure alone (bench/figures.ts), on a database already seeded
 * with `pnpm seed --scale city`, with each posting taken apart into its stages:
 *
 *   DATA_DIR=/tmp/copy ANJU_DEMO=0 npx tsx bench/write-searchable.ts [--samples 60] [--nightly]
 *
 * The API runs as its own process (as in the bench) with its search sync woken by NOTIFY. For each
 * posting: POST /api/jobs answered (the row and its outbox entry committed), Meilisearch's task for
 * it enqueued, started and finished (its `/tasks` times), and the API's search finding it (polled
 * every 50 ms, as the figure does); and every other Meilisearch task that finished meanwhile, so a
 * posting that waited behind other work says which. --nightly runs the nightly alert evaluation
 * first, as the bench does right before this figure; --reindex rebuilds every index first and says
 * how long that took and Meilisearch's CPU time for it (indexing in bulk). --samples 0 stops there.
 * --pause S idles S seconds halfway through.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const samples = Number(option('samples', '60'));
/** Seconds to stay idle halfway through (--pause 60): are the postings after an idle spell slow again? */
const pauseSec = Number(option('pause', '0'));

/** Meilisearch's durations ("1.2s", "35.1ms", "12.3µs") in ms. */
const toMs = (took: string) => {
  const value = Number.parseFloat(took);
  if (took.endsWith('ms')) return value;
  if (took.endsWith('µs')) return value / 1000;
  if (took.endsWith('ns')) return value / 1e6;
  return value * 1000;
};

/** Meilisearch's CPU time (ms) and minor page faults so far, from /proc (Linux). */
function meiliUsage(pidFile: string): { cpuMs: number; faults: number } {
  try {
    const pid = readFileSync(pidFile, 'utf8').trim();
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After the command: state is field 3, minflt 10, utime 14, stime 15 (clock ticks of 10 ms).
    return { faults: Number(fields[7]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return { cpuMs: Number.NaN, faults: Number.NaN };
  }
}

interface MeiliTask {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  type: string;
  status: string;
  details?: Record<string, unknown>;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, ANJU_DEMO: '0' });
const services = await startServices(config, logger);
let exitCode = 0;
try {
  const deps = await connect(config, logger, services, 'owner');
  const meili = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${services.meiliUrl}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${services.meiliMasterKey}` },
    });
    return (await response.json()) as T;
  };
  if (process.argv.includes('--nightly')) {
    const started = performance.now();
    await evaluateAllAlerts(deps);
    console.log(`nightly alert evaluation: ${Math.round(performance.now() - started)} ms`);
  }
  if (process.argv.includes('--reindex')) {
    // The bulk side of Meilisearch's indexing memory: every index rebuilt (the bench's full reindex).
    const before = meiliUsage(path.join(config.dataDir, 'meili', 'meilisearch.pid'));
    const started = performance.now();
    const counts = await reindexAll(deps);
    const after = meiliUsage(path.join(config.dataDir, 'meili', 'meilisearch.pid'));
    console.log(
      `full reindex ${JSON.stringify(counts)}: ${Math.round(performance.now() - started)} ms, Meilisearch CPU ${after.cpuMs - before.cpuMs} ms, load ${loadavg()[0].toFixed(2)}`,
    );
  }
  if (samples > 0) {
    const api = await startApiProcess(services, deps.config, path.join(config.dataDir, 'api-write-searchable'));
    try {
      const admin = await deps.db
        .selectFrom('users')
        .select('login')
        .where('role', '=', 'admin')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const cookie = await signIn(api.url, String(admin.login));
      const { employerId, skillCode } = await probeTargets(deps.db);
      const jobsUid = deps.search.indexUid('jobs');
      console.log(
        `load average at start: ${loadavg()
          .map((n) => n.toFixed(2))
          .join(' ')}`,
      );
      const meiliPid = path.join(config.dataDir, 'meili', 'meilisearch.pid');
      const cpu: number[] = [];
      const faultCounts: number[] = [];
      const rows: string[] = [];
      const lags: number[] = [];
      for (let i = 0; i < samples; i++) {
        if (pauseSec > 0 && i === Math.floor(samples / 2)) {
          console.log(`(idle for ${pauseSec} s)`);
          await new Promise((resolve) => setTimeout(resolve, pauseSec * 1000));
        }
        const title = probeTitle(i);
        const usageBefore = meiliUsage(meiliPid);
        const t0 = Date.now();
        const started = performance.now();
        const created = await fetch(`${api.url}/api/jobs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(probeJob(employerId, title, skillCode)),
        });
        if (!created.ok) throw new Error(`posting refused: ${created.status} ${await created.text()}`);
        await created.arrayBuffer();
        const posted = performance.now() - started;
        let found = false;
        for (;;) {
          const hits = await fetch(`${api.url}/api/search/jobs?q=${encodeURIComponent(title)}`, {
            headers: { cookie },
          }).then((r) => r.json());
          if ((hits.hits ?? []).some((hit: { title: string }) => hit.title === title)) {
            found = true;
            break;
          }
          if (performance.now() - started > 30_000) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const lag = performance.now() - started;
        const t1 = Date.now();
        const usageAfter = meiliUsage(meiliPid);
        const cpuMs = usageAfter.cpuMs - usageBefore.cpuMs;
        const faults = usageAfter.faults - usageBefore.faults;
        cpu.push(cpuMs);
        faultCounts.push(faults);
        lags.push(lag);
        // Meilisearch's tasks since the posting: ours (the first jobs addition) and everything else.
        const { results } = await meili<{ results: MeiliTask[] }>(
          `/tasks?afterEnqueuedAt=${new Date(t0 - 1000).toISOString()}&limit=200`,
        );
        const ms = (at: string | null) => (at ? Date.parse(at) - t0 : Number.NaN);
        const ours = results
          .filter((t) => t.indexUid === jobsUid && t.type === 'documentAdditionOrUpdate' && ms(t.enqueuedAt) >= 0)
          .sort((a, b) => a.uid - b.uid)[0];
        const others = results
          .filter((t) => t !== ours && ms(t.finishedAt) >= 0 && Date.parse(t.enqueuedAt) <= t1)
          .map((t) => `${t.type}@${t.indexUid}#${t.uid}(${ms(t.enqueuedAt)}..${ms(t.finishedAt)})`);
        rows.push(
          [
            i,
            Math.round(lag),
            found ? '' : 'NOT FOUND',
            Math.round(posted),
            ours ? ms(ours.enqueuedAt) : '-',
            ours ? ms(ours.startedAt) : '-',
            ours ? ms(ours.finishedAt) : '-',
            ours ? `${ours.uid}/${ours.batchUid}` : '-',
            cpuMs,
            faults,
            others.join(' ') || '',
          ].join(' | '),
        );
        console.log(`| ${rows.at(-1)} |`);
        // A slow one: where Meilisearch's batch spent its time (its progress trace, longest steps first).
        if (lag > 400 && ours?.batchUid !== null && ours?.batchUid !== undefined) {
          const batch = await meili<{ duration?: string; stats?: { progressTrace?: Record<string, string> } }>(
            `/batches/${ours.batchUid}`,
          );
          const steps = Object.entries(batch.stats?.progressTrace ?? {}).map(([step, took]) => ({
            step,
            ms: toMs(took),
          }));
          // Direct steps of indexing, and the time indexing took outside all of them.
          const indexing = steps.find((s) => s.step === 'processing tasks > indexing')?.ms ?? 0;
          const direct = steps.filter((s) => /^processing tasks > indexing > [^>]+$/.test(s.step));
          const outside = indexing - direct.reduce((sum, s) => sum + s.ms, 0);
          const trace = [
            `indexing ${Math.round(indexing)} ms, outside its steps ${Math.round(outside)} ms`,
            ...direct
              .sort((a, b) => b.ms - a.ms)
              .slice(0, 4)
              .map(({ step, ms }) => `${step.replace('processing tasks > indexing > ', '')} ${Math.round(ms)} ms`),
          ];
          console.log(`    batch ${ours.batchUid} ${batch.duration}: ${trace.join('; ')}`);
        }
      }
      lags.sort((a, b) => a - b);
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      console.log(
        `Meilisearch per posting (polling searches included): CPU ${Math.round(sum(cpu) / samples)} ms, minor page faults ${Math.round(sum(faultCounts) / samples)} on average`,
      );
      console.log(
        `\n${samples} postings: median ${Math.round(percentile(lags, 50))} ms, p95 ${Math.round(percentile(lags, 95))} ms, max ${Math.round(lags.at(-1) ?? 0)} ms; load average at end: ${loadavg()
          .map((n) => n.toFixed(2))
          .join(' ')}`,
      );
      console.log(
        '\ncolumns: # | found after ms | | POST answered ms | task enqueued | started | finished (ms after the POST was sent) | task/batch | Meilisearch CPU ms | minor faults | other tasks finished meanwhile (enqueued..finished)',
      );
    } finally {
      await api.stop();
    }
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.cleanup();
}
process.exit(exitCode);
