import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import type { Config } from '../../api/src/config/config.ts';
import { createLogger, type Logger } from '../../api/src/config/logger.ts';
import { createDb, type Db } from '../../api/src/db/database.ts';
import type { AppDeps } from '../../api/src/http/env.ts';
import { applyIndexSettings, createSearch, type Search } from '../../search/src/client.ts';

export interface TestContext {
  deps: AppDeps;
  /** The app's own pool, as the app role `anju_app` (as in production), so every test also proves its grants suffice. */
  db: Db;
  /** As the owner (the superuser `postgres`): migrations, and what the app may not do. */
  ownerDb: Db;
  search: Search;
  app: ReturnType<typeof createApp>;
  /** Every log line the app wrote, parsed, so tests can scan them for leaks. */
  logs: Record<string, unknown>[];
  /** The owner's URL (DATABASE_URL). */
  databaseUrl: string;
  /** The app role's URL (DATABASE_APP_URL). */
  appDatabaseUrl: string;
  close: () => Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databasePoolSize: 5,
    meiliIndexPrefix: '',
    sessionSecret: 'test-session-secret-0123456789-abcdefghij',
    dataEncryptionKey: Buffer.alloc(32, 7).toString('base64'),
    demo: false,
    logLevel: 'info',
    requestTimeoutMs: 10_000,
    trustedProxies: [],
    ...overrides,
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function captureLogger(lines: Record<string, unknown>[], level = 'info'): Logger {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return createLogger(level, sink);
}

/** A fresh database cloned from the migrated template and its own Meilisearch index prefix. */
export async function createTestContext(
  overrides: Partial<Config> = {},
  options: { poolSize?: number } = {},
): Promise<TestContext> {
  const id = randomBytes(5).toString('hex');
  const database = `t_${id}`;
  await adminQuery(`create database ${database} template ${inject('templateDatabase')}`);
  const databaseUrl = inject('postgresAdminUrl').replace(/\/postgres$/, `/${database}`);
  const appDatabaseUrl = inject('postgresAppUrl').replace(/\/postgres$/, `/${database}`);
  const db = createDb({ url: appDatabaseUrl, poolSize: options.poolSize ?? 5 });
  const ownerDb = createDb({ url: databaseUrl, poolSize: 2 });
  const search = createSearch({
    url: inject('meiliUrl'),
    masterKey: inject('meiliMasterKey'),
    indexPrefix: `t${id}_`,
  });
  await applyIndexSettings(search);
  const logs: Record<string, unknown>[] = [];
  const logger = captureLogger(logs);
  const config = testConfig({ meiliIndexPrefix: `t${id}_`, ...overrides });
  const deps: AppDeps = { config, db, search, logger };
  const app = createApp(deps);
  return {
    deps,
    db,
    ownerDb,
    search,
    app,
    logs,
    databaseUrl,
    appDatabaseUrl,
    close: async () => {
      await Promise.all([db.destroy(), ownerDb.destroy()]);
      const { results } = await search.client.getRawIndexes({ limit: 1000 });
      await Promise.all(
        results.filter((index) => index.uid.startsWith(`t${id}_`)).map((index) => search.client.deleteIndex(index.uid)),
      );
      await adminQuery(`drop database if exists ${database} with (force)`);
    },
  };
}
