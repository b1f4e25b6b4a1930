import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrainLoop } from '../../api/src/db/outbox.ts';
import { SEARCH_OUTBOX_CHANNEL, startSearchSync } from '../../api/src/search-sync/worker.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

// The search-sync loop as the platform runs it, but polling only every ten minutes: whatever is
// indexed within a test's minute was indexed because the outbox's NOTIFY woke the loop.
const ASLEEP_MS = 600_000;

let ctx: TestContext;
let admin: string;
let employerId: string;
let stopSync: () => Promise<void>;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  employerId = (await createEmployer(ctx, { verified: true })).id;
  stopSync = startSearchSync(ctx.deps, {
    intervalMs: ASLEEP_MS,
    listenUrl: ctx.appDatabaseUrl,
    listeningPollMs: ASLEEP_MS,
  });
});
afterAll(async () => {
  await stopSync?.();
  await ctx?.close();
});

async function post(title: string): Promise<string> {
  const response = await call(ctx.app, 'POST', '/api/jobs', { cookie: admin, body: jobBody({ employerId, title }) });
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

async function foundIds(q: string): Promise<string[]> {
  const response = await call(ctx.app, 'GET', `/api/search/jobs?q=${encodeURIComponent(q)}`, { cookie: admin });
  expect(response.status).toBe(200);
  return ((await response.json()).hits as { id: string }[]).map((hit) => hit.id);
}

/** Searches until `done` holds (a loaded machine may take seconds); answers the last ids found. */
async function searchUntil(q: string, done: (ids: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  let ids = await foundIds(q);
  while (!done(ids) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    ids = await foundIds(q);
  }
  return ids;
}

const additionTasks = async () =>
  (
    await ctx.search.client.tasks.getTasks({
      indexUids: [ctx.search.indexUid('jobs')],
      types: ['documentAdditionOrUpdate'],
      limit: 1000,
    })
  ).results.length;

describe('search sync woken by the outbox', { timeout: 180_000 }, () => {
  it('makes each posted job searchable without waiting for the next poll', async () => {
    // The first is found by the loop's first round or by the wake; the second, posted once the
    // loop has gone to sleep for ten minutes, only by the wake.
    for (const title of ['唤醒测试甲岗位', '唤醒测试乙岗位']) {
      const id = await post(title);
      expect(await searchUntil(title, (ids) => ids.includes(id))).toContain(id);
    }
  });

  it('takes a closed job out of search as soon', async () => {
    const id = await post('即将关闭的岗位');
    expect(await searchUntil('即将关闭的岗位', (ids) => ids.includes(id))).toContain(id);
    const closed = await call(ctx.app, 'PATCH', `/api/jobs/${id}`, { cookie: admin, body: { status: 'closed' } });
    expect(closed.status).toBe(200);
    expect(await searchUntil('即将关闭的岗位', (ids) => !ids.includes(id))).not.toContain(id);
  });

  it('indexes a burst of writes in fewer Meilisearch tasks than writes', async () => {
    const before = await additionTasks();
    const titles = Array.from({ length: 10 }, (_, i) => `突发写入岗位${'甲乙丙丁戊己庚辛壬癸'[i]}`);
    const ids = await Promise.all(titles.map(post));
    expect((await searchUntil('突发写入岗位', (found) => ids.every((id) => found.includes(id)))).sort()).toEqual(
      [...ids].sort(),
    );
    const tasks = (await additionTasks()) - before;
    expect(tasks).toBeGreaterThan(0);
    expect(tasks).toBeLessThan(ids.length);
  });

  it('polls at its own interval without a LISTEN connection, and seldom while it listens', async () => {
    const roundsIn = async (wakeOn?: { url: string; channel: string; pollMs: number }) => {
      let rounds = 0;
      const stop = startDrainLoop(
        'counted',
        async () => {
          rounds++;
          return { failed: 0 };
        },
        ctx.deps.logger,
        20,
        wakeOn,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await stop();
      return rounds;
    };
    const polling = await roundsIn();
    // Listening: the first round, the wake once LISTEN took effect, and no poll in between.
    const listening = await roundsIn({ url: ctx.appDatabaseUrl, channel: SEARCH_OUTBOX_CHANNEL, pollMs: ASLEEP_MS });
    // Lost: an address nothing listens on, so the loop keeps its own interval meanwhile.
    const lost = await roundsIn({
      url: 'postgres://nobody@127.0.0.1:1/none',
      channel: SEARCH_OUTBOX_CHANNEL,
      pollMs: ASLEEP_MS,
    });
    expect(polling).toBeGreaterThan(10);
    expect(lost).toBeGreaterThan(10);
    expect(listening).toBeLessThanOrEqual(3);
  });
});
