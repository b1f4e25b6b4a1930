import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createLogger } from '../../api/src/config/logger.ts';
import { type PlatformOptions, type RunningPlatform, startPlatform } from '../../api/src/platform.ts';
import { type TestContext, testConfig } from './context.ts';

/**
 * The whole platform on a real socket, on the test run's PostgreSQL and Meilisearch. No
 * background loops unless the test asks (`{ background: true }`): a test that needs the search
 * outbox drained calls `drainOutbox` (or `drain` from opportunity-fixtures) itself.
 */
export async function startTestPlatform(ctx: TestContext, options: PlatformOptions = {}): Promise<RunningPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-platform-'));
  return startPlatform(
    testConfig({
      dataDir,
      databaseUrl: ctx.databaseUrl,
      databaseAppUrl: ctx.appDatabaseUrl,
      meiliUrl: inject('meiliUrl'),
      meiliMasterKey: inject('meiliMasterKey'),
      meiliIndexPrefix: ctx.deps.config.meiliIndexPrefix,
      port: 0,
      host: '127.0.0.1',
    }),
    createLogger('warn'),
    { background: false, ...options },
  );
}
