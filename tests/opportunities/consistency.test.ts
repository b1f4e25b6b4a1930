import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { createLogger } from '../../api/src/config/logger.ts';
import type { AppDeps } from '../../api/src/http/env.ts';
import { type EmbeddedMeilisearch, startEmbeddedMeilisearch } from '../../api/src/runtime/embedded-meilisearch.ts';
import { checkDrift } from '../../api/src/search-sync/check.ts';
import { reindexAll } from '../../api/src/search-sync/reindex.ts';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { applySkillSynonyms } from '../../api/src/skills/synonyms.ts';
import { applyIndexSettings, createSearch } from '../../search/src/client.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

// This file runs its own Meilisearch so that it can stop it without disturbing other files.
const masterKey = 'consistency-test-key-123';
let ctx: TestContext;
let dataDir: string;
let meili: EmbeddedMeilisearch;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
let admin: string;
let employerId: string;
let staleId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-consistency-'));
  await chmod(dataDir, 0o755);
  meili = await startEmbeddedMeilisearch({ dataDir, masterKey, logger: createLogger('silent') });
  const search = createSearch({ url: meili.url, masterKey, timeoutMs: 2000 });
  await applyIndexSettings(search);
  await applySkillSynonyms(ctx.db, search);
  deps = { ...ctx.deps, search };
  app = createApp(deps);
  admin = await signIn(app, (await createUser(ctx.db, { role: 'admin' })).login);
  employerId = (await createEmployer(ctx, { verified: true })).id;
  staleId = await write('用于陈旧检测');
});
afterAll(async () => {
  await meili?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await ctx.close();
});

const write = async (title: string) => {
  const response = await call(app, 'POST', '/api/jobs', { cookie: admin, body: jobBody({ employerId, title }) });
  expect(response.status).toBe(201);
  return (await response.json()).id as string;
};

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('PostgreSQL → Meilisearch consistency', { timeout: 240_000 }, () => {
  it('reaches drift = 0 after Meilisearch stops mid-way through writes and comes back', async () => {
    const before = [await write('缝纫工一'), await write('缝纫工二'), await write('缝纫工三')];
    await drainOutbox(deps, { includeDelayed: true });
    expect(await checkDrift(deps)).toEqual([]);

    await meili.stop();
    // Writes keep succeeding while search is down: they queue in the outbox.
    const during = [await write('停机期间岗位一'), await write('停机期间岗位二')];
    expect(
      (await call(app, 'PATCH', `/api/jobs/${before[0]}`, { cookie: admin, body: { title: '缝纫工（改）' } })).status,
    ).toBe(200);
    expect((await call(app, 'DELETE', `/api/jobs/${before[1]}`, { cookie: admin })).status).toBe(204);
    const search = await call(app, 'GET', '/api/search/jobs?q=缝纫', { cookie: admin });
    expect(search.status).toBe(503);
    const failed = await drainOutbox(deps, { includeDelayed: true });
    expect(failed.failed).toBeGreaterThan(0);
    const queued = await ctx.db.selectFrom('searchOutbox').selectAll().execute();
    expect(queued.length).toBeGreaterThanOrEqual(4);
    expect(queued.every((entry) => entry.attempts === 1 && entry.lastError && entry.availableAt > new Date())).toBe(
      true,
    );

    meili = await startEmbeddedMeilisearch({ dataDir, masterKey, logger: createLogger('silent'), port: meili.port });
    const recovered = await drainOutbox(deps, { includeDelayed: true });
    expect(recovered.failed).toBe(0);
    expect(await ctx.db.selectFrom('searchOutbox').selectAll().execute()).toEqual([]);
    expect(await checkDrift(deps)).toEqual([]);

    const hits = await (await call(app, 'GET', '/api/search/jobs?q=停机期间', { cookie: admin })).json();
    expect(hits.hits.map((hit: { id: string }) => hit.id).sort()).toEqual([...during].sort());
  });

  it('reports drift by id: missing, extra and stale documents', async () => {
    const id = await write('漂移检测岗位');
    const gone = await write('将被删除的岗位');
    await drainOutbox(deps, { includeDelayed: true });
    const uid = deps.search.indexUid('jobs');
    await deps.search.client.index(uid).deleteDocument(id).waitTask();
    // A change written behind the outbox's back (e.g. by hand in psql) leaves the document stale.
    await ctx.db.updateTable('jobs').set({ title: '手工改动' }).where('id', '=', staleId).execute();
    await ctx.db.deleteFrom('jobs').where('id', '=', gone).execute();
    const [drift] = await checkDrift(deps);
    expect(drift.index).toBe('jobs');
    expect(drift.missing).toEqual([id]);
    expect(drift.extra).toEqual([gone]);
    expect(drift.stale).toEqual([staleId]);

    // search:reindex rebuilds from PostgreSQL and swaps: no drift afterwards.
    await reindexAll(deps);
    await drainOutbox(deps, { includeDelayed: true });
    expect(await checkDrift(deps)).toEqual([]);
  });
});
