import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { createDb } from '../../api/src/db/database.ts';
import { createSearch } from '../../search/src/client.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /api/health', () => {
  it('answers ok when PostgreSQL and Meilisearch answer', async () => {
    const response = await ctx.app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok', search: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('answers 503 naming search when Meilisearch is unreachable', async () => {
    const deadSearch = createSearch({ url: 'http://127.0.0.1:9', masterKey: 'x'.repeat(16), timeoutMs: 500 });
    const app = createApp({ ...ctx.deps, search: deadSearch });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'down', db: 'ok', search: 'down' });
  });

  it('answers 503 naming the database when PostgreSQL is unreachable', async () => {
    const deadDb = createDb({ url: 'postgres://nobody:x@127.0.0.1:9/none' });
    const app = createApp({ ...ctx.deps, db: deadDb });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'down', db: 'down', search: 'ok' });
    await deadDb.destroy();
  });
});
