import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { createSearch } from '../../search/src/client.ts';
import { meilisearchRefusal } from '../../search/src/http-client.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';

// The meilisearch client talks through search/src/http-client.ts (keep-alive http.request, not
// fetch): what it answers and throws must be what the client's own fetch path did (issue 23).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: Error) => error,
  );
  if (!outcome) throw new Error('expected a rejection');
  return outcome;
}

describe('the keep-alive http client of the meilisearch client', () => {
  it('sends Chinese text whole and answers the parsed JSON', async () => {
    const index = ctx.search.client.index(ctx.search.indexUid('client_roundtrip'));
    const task = await index
      .addDocuments([{ id: 'a', title: '缝纫工（长期）——熟手优先' }], { primaryKey: 'id' })
      .waitTask({ timeout: 60_000 });
    expect(task.status).toBe('succeeded');
    const result = await index.search('缝纫');
    expect(result.hits).toEqual([{ id: 'a', title: '缝纫工（长期）——熟手优先' }]);
    // An empty answer body (204) is no error either.
    expect(await ctx.search.client.index(ctx.search.indexUid('client_roundtrip')).getDocument('a')).toEqual({
      id: 'a',
      title: '缝纫工（长期）——熟手优先',
    });
  });

  it('keeps a refusal (Meilisearch answered no) apart from an unreachable Meilisearch', async () => {
    const refused = await rejection(ctx.search.client.index(ctx.search.indexUid('no_such_index')).search('缝纫'));
    const refusal = meilisearchRefusal(refused);
    expect(refusal?.response.status).toBe(404);
    expect(refusal?.cause?.code).toBe('index_not_found');

    const dead = createSearch({ url: 'http://127.0.0.1:9', masterKey: 'x', timeoutMs: 1000 });
    const unreachable = await rejection(dead.client.index('jobs').search('缝纫'));
    expect(unreachable.name).toBe('MeilisearchRequestError');
    expect(meilisearchRefusal(unreachable)).toBeUndefined();
  });

  it('gives up on a Meilisearch that does not answer, as a timeout', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = createSearch({ url: `http://127.0.0.1:${port}`, masterKey: 'x', timeoutMs: 200 });
      const error = await rejection(slow.client.index('jobs').search('缝纫'));
      expect(error.name).toBe('MeilisearchRequestError');
      expect((error.cause as Error | undefined)?.name).toBe('MeilisearchRequestTimeOutError');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('answers a search Meilisearch refuses as our bug (500), not as search unavailable (503)', async () => {
    const missing = createSearch({
      url: inject('meiliUrl'),
      masterKey: inject('meiliMasterKey'),
      indexPrefix: 'never_created_',
    });
    const app = createApp({ ...ctx.deps, search: missing });
    const cookie = await signIn(app, (await createUser(ctx.db, { role: 'admin' })).login);
    const response = await call(app, 'GET', '/api/search/jobs?q=缝纫', { cookie });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

// Every search of the API's goes through Search.searchIn (a lean POST of its own, http-client.ts
// indexSearcher): it must answer and fail as the client's search does.
describe("searchIn, the API's own search request", () => {
  it("answers what the client's search answers, Chinese text whole", async () => {
    const uid = ctx.search.indexUid('search_in_roundtrip');
    const index = ctx.search.client.index(uid);
    const task = await index
      .addDocuments(
        [
          { id: 'a', title: '缝纫工（长期）——熟手优先' },
          { id: 'b', title: '保洁员' },
        ],
        { primaryKey: 'id' },
      )
      .waitTask({ timeout: 60_000 });
    expect(task.status).toBe('succeeded');
    const params = {
      q: '缝纫',
      attributesToHighlight: ['title'],
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
    };
    const lean = await ctx.search.searchIn(uid, params);
    const viaClient = await index.search(params.q, params);
    expect(lean.hits).toEqual(viaClient.hits);
    expect(lean.hits).toEqual([
      {
        id: 'a',
        title: '缝纫工（长期）——熟手优先',
        _formatted: { id: 'a', title: '<mark>缝纫</mark>工（长期）——熟手优先' },
      },
    ]);
    expect(lean.totalHits ?? lean.estimatedTotalHits).toBe(1);
  });

  it('keeps a refusal apart from an unreachable or silent Meilisearch', async () => {
    const refused = await rejection(ctx.search.searchIn(ctx.search.indexUid('no_such_index'), { q: '缝纫' }));
    expect(refused.name).toBe('MeilisearchRequestError');
    expect(meilisearchRefusal(refused)?.cause?.code).toBe('index_not_found');

    const dead = createSearch({ url: 'http://127.0.0.1:9', masterKey: 'x', timeoutMs: 1000 });
    const unreachable = await rejection(dead.searchIn('jobs', { q: '缝纫' }));
    expect(unreachable.name).toBe('MeilisearchRequestError');
    expect(meilisearchRefusal(unreachable)).toBeUndefined();

    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = createSearch({ url: `http://127.0.0.1:${port}`, masterKey: 'x', timeoutMs: 200 });
      const error = await rejection(slow.searchIn('jobs', { q: '缝纫' }));
      expect(error.name).toBe('MeilisearchRequestError');
      expect(meilisearchRefusal(error)).toBeUndefined();
      expect(String((error.cause as Error | undefined)?.message)).toContain('within 200 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('answers a search while Meilisearch is unreachable with 503, search unavailable', async () => {
    const dead = createSearch({ url: 'http://127.0.0.1:9', masterKey: 'x', timeoutMs: 1000 });
    const app = createApp({ ...ctx.deps, search: dead });
    // An admin: a worker with no sites is answered "nothing" before Meilisearch is asked.
    const cookie = await signIn(app, (await createUser(ctx.db, { role: 'admin' })).login);
    for (const path of ['/api/search/jobs?q=缝纫', '/api/search/residents?q=张']) {
      const response = await call(app, 'GET', path, { cookie });
      expect(response.status, path).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      // Search, not the database (a refused connection reads like the database's otherwise).
      expect(JSON.stringify(await response.json()), path).toContain('Search is unavailable');
    }
  });
});
