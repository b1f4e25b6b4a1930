import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { createLogger } from '../../api/src/config/logger.ts';
import { createDb, type Db } from '../../api/src/db/database.ts';
import { migrateToLatest } from '../../api/src/db/migrate.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../api/src/runtime/embedded-postgres.ts';
import { sleep } from '../../api/src/runtime/processes.ts';
import { createSearch } from '../../search/src/client.ts';
import { testConfig } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';

// Its own PostgreSQL, so stopping it does not disturb the other test files.
let dataDir: string;
let postgres: EmbeddedPostgres;
let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-outage-'));
  await chmod(dataDir, 0o755);
  const logger = createLogger('silent');
  postgres = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    password: 'outage',
    database: 'anju',
    logger,
  });
  db = createDb({ url: postgres.url, poolSize: 4 });
  await migrateToLatest(db);
  const search = createSearch({ url: inject('meiliUrl'), masterKey: inject('meiliMasterKey'), indexPrefix: 'outage_' });
  app = createApp({ config: testConfig(), db, search, logger });
});

afterAll(async () => {
  await db?.destroy();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function timed(request: Promise<Response>): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await request;
  return { response, ms: performance.now() - started };
}

describe('PostgreSQL outage', () => {
  it('answers 503 with Retry-After while the database is down, and recovers by itself', async () => {
    const user = await createUser(db, { role: 'worker' });
    const cookie = await signIn(app, user.login);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);

    await postgres.process.stop();
    const { response, ms } = await timed(call(app, 'GET', '/api/auth/me', { cookie }));
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ms).toBeLessThan(10_000); // bounded by the pool's connection timeout, never hangs
    const health = await call(app, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect((await health.json()).db).toBe('down');

    await postgres.process.start();
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('survives PostgreSQL being killed with -9: the supervisor restarts it and requests succeed again', async () => {
    const user = await createUser(db, { role: 'official' });
    const cookie = await signIn(app, user.login);
    const killedPid = postgres.process.pid as number;
    process.kill(killedPid, 'SIGKILL');
    // While it is down and coming back, every answer is either a success or a clean 503.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (postgres.process.pid === killedPid || postgres.process.restartCount === 0)) {
      expect([200, 503]).toContain((await call(app, 'GET', '/api/auth/me', { cookie })).status);
      await sleep(100);
    }
    expect(postgres.process.restartCount).toBeGreaterThanOrEqual(1);
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await call(app, 'GET', '/api/auth/me', { cookie })).status;
      expect([200, 503]).toContain(status);
      if (status !== 200) await sleep(200);
    }
    expect(status).toBe(200);
  });
});
