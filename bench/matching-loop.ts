import path from 'node:path';
import { chinaToday } from '@anju/domain/clock';
import { parseConfig } from '../api/src/config/config.ts';
import { createLogger } from '../api/src/config/logger.ts';
import { connect, startServices } from '../api/src/platform.ts';
import { growOpenJobs } from '../api/src/seed/generator/more-jobs.ts';
import { startApiProcess } from './api-process.ts';
import { largeMarketFigures, searchAndMatchingFigures } from './matching-figures.ts';
import { markdownTable, sample } from './measure.ts';

/**
 * The search and matching figures alone, against a city already generated into DATA_DIR
 * (`DATA_DIR=… pnpm seed --scale city`), so that ranking work can be measured in a minute
 * rather than a full bench run:
 *
 *   DATA_DIR=/tmp/city node --import tsx bench/matching-loop.ts [--samples 100] [--open-jobs 100000]
 *
 * With --open-jobs the job market first grows to that many open jobs (kept in DATA_DIR) and is
 * indexed through the search outbox. With --no-search only the matching figures are measured,
 * and grown jobs are not indexed (their outbox entries are dropped; `pnpm search:reindex` on that
 * DATA_DIR catches the index up) — Meilisearch indexing takes minutes that matching does not need.
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const samples = Number(option('samples') ?? '100');
const openJobs = option('open-jobs');
const search = !process.argv.includes('--no-search');
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const config = parseConfig({ ...process.env, ANJU_DEMO: '0', NODE_ENV: 'test', PORT: '0' });
const services = await startServices(config, logger);
let exitCode = 0;
try {
  const deps = await connect(config, logger, services, 'owner'); // generates data, runs ANALYZE
  if (openJobs && !search) {
    await growOpenJobs(deps.db, { openJobs: Number(openJobs), today: new Date(`${chinaToday()}T00:00:00Z`) });
    await deps.db.deleteFrom('searchOutbox').where('indexName', '=', 'jobs').execute();
  }
  const api = await startApiProcess(services, deps.config, path.join(config.dataDir, 'api'));
  try {
    const signIn = async (login: string) => {
      const response = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password: 'anju-demo-2026' }),
      });
      if (!response.ok) throw new Error(`sign-in as ${login}: ${response.status}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const trivial = await sample('trivial endpoint GET /api/health/live', samples, () =>
      fetch(`${api.url}/api/health/live`).then((r) => r.arrayBuffer()),
    );
    const options = {
      deps,
      base: api.url,
      samples,
      worker: await signIn('city-worker'),
      admin: await signIn('city-admin'),
      trivialName: trivial.name,
      search,
    };
    const figures =
      openJobs && search
        ? await largeMarketFigures({ ...options, openJobs: Number(openJobs) })
        : await searchAndMatchingFigures(options);
    console.log(`\n${markdownTable([trivial, ...figures])}\n`);
  } finally {
    await api.stop();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await services.cleanup();
}
process.exit(exitCode);
