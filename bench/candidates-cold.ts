import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { CompiledQuery } from 'kysely';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { candidatePoolQuery, loadSkillGraph } from '../api/src/matching/load.ts';
import { tableOpportunitySource } from '../api/src/matching/table-source.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { startApiProcess } from './api-process.ts';
import { candidatesColdPass, spread } from './matching-figures.ts';
import { markdownTable, sample, signIn } from './measure.ts';
import { type BenchScale, benchScales, seedForBench } from './seed.ts';

/**
 * `node --import tsx bench/candidates-cold.ts [--scale small4]`: only the candidates figures of
 * `pnpm bench` (cold right after the seed, warm, cold after a PostgreSQL restart) and the
 * retrieval query's plan with EXPLAIN (ANALYZE, BUFFERS) on a cold and a warm cache.
 */
const index = process.argv.indexOf('--scale');
const scale = (index >= 0 ? process.argv[index + 1] : 'small4') as BenchScale;
if (!benchScales.includes(scale)) throw new Error(`unknown --scale ${scale}`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-cand-'));
await chmod(dataDir, 0o755);
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, DATA_DIR: dataDir, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
const services = await startServices(config, logger);
try {
  const deps = await connect(config, logger, services, 'owner');
  const seeded = await seedForBench(deps, scale);
  const api = await startApiProcess(services, deps.config, path.join(dataDir, 'api'));
  try {
    const admin = await signIn(api.url, seeded.logins.admin);
    const options = { deps, base: api.url, admin };
    const explain = async (when: string) => {
      // A job outside the 20 the passes use, so that its plan is read on the cache the pass left.
      const [id] = (await spread(deps.db, 'jobs', 21)).slice(-1);
      const job = await tableOpportunitySource().job(deps.db, id);
      if (!job) throw new Error(`no job ${id}`);
      const graph = await loadSkillGraph(deps.db);
      const compiled = candidatePoolQuery(deps.db, job, graph, { today: chinaToday() }).compile();
      const plan = await deps.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
      );
      console.log(
        `\n-- EXPLAIN (ANALYZE, BUFFERS), ${when}, job ${id}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
    };
    const figures = [await candidatesColdPass(options, 'right after the seed')];
    const jobs = await spread(deps.db, 'jobs', 20);
    figures.push(
      await sample('matching: job → top 50 candidates, warm', 100, (i) =>
        fetch(`${api.url}/api/jobs/${jobs[i % jobs.length]}/candidates?limit=50`, { headers: { cookie: admin } }).then(
          (r) => r.arrayBuffer(),
        ),
      ),
    );
    await explain('warm');
    if (!services.restartPostgres) throw new Error('PostgreSQL is not embedded here');
    await services.restartPostgres();
    await explain('right after a PostgreSQL restart');
    await services.restartPostgres();
    figures.push(await candidatesColdPass(options, 'after a PostgreSQL restart'));
    console.log(
      `\nscale ${scale} ${JSON.stringify(seeded.counts)}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
    console.log(markdownTable(figures));
  } finally {
    await api.stop();
  }
} finally {
  await services.cleanup();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
