import { makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinyinOf, RESIDENTS_INDEX } from '../../api/src/registry/resident-search.ts';
import { checkDrift } from '../../api/src/search-sync/check.ts';
import { reindex } from '../../api/src/search-sync/reindex.ts';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
const cookies: Record<string, string> = {};
const ids = [
  makeIdNumber('529901', '1980-05-01', 11),
  makeIdNumber('529901', '1983-03-03', 22),
  makeIdNumber('529902', '1979-09-09', 33),
];
let households: { id: string; members: { id: string; name: string }[] }[] = [];

/** Drains the search outbox as the platform's sync worker would, waiting for each task (no sleeping). */
async function searchSettled() {
  const result = await drainOutbox(ctx.deps, { includeDelayed: true });
  expect(result.failed).toBe(0);
}

const find = async (role: string, q: string) => {
  const response = await call(ctx.app, 'GET', `/api/search/residents?q=${encodeURIComponent(q)}`, {
    cookie: cookies[role],
  });
  expect(response.status).toBe(200);
  return (await response.json()).items.map((hit: { name: string }) => hit.name);
};

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id });
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  const workerB = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] });
  const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
  const employer = await createUser(ctx.db, { role: 'employer' });
  for (const [role, user] of Object.entries({ admin, worker, workerB, helper, employer }))
    cookies[role] = await signIn(ctx.app, user.login);
  const make = async (number: string, siteId: string, members: object[]) => {
    const response = await call(ctx.app, 'POST', '/api/households', {
      cookie: cookies.admin,
      body: { householdNumber: number, siteId, members },
    });
    expect(response.status).toBe(201);
    return response.json();
  };
  households = [
    await make('XF-0001', tree.siteA1.id, [
      { name: '张三', relation: 'head', idNumber: ids[0], phone: '13800004321', healthNotes: '糖尿病' },
      { name: '李四', relation: 'spouse', idNumber: ids[1] },
    ]),
    await make('XF-0002', tree.siteB1.id, [{ name: '张山', relation: 'head', idNumber: ids[2], phone: '13900008765' }]),
  ];
  await ctx.db
    .insertInto('helperAssignments')
    .values({ userId: helper.id, householdId: households[1].id, countyCode: tree.countyB.code })
    .execute();
  await searchSettled();
});
afterAll(() => ctx.close());

describe('residents search', () => {
  it('computes pinyin and initials, surnames read as surnames', () => {
    expect(pinyinOf('张三')).toEqual({ pinyin: 'zhangsan', pinyinSpaced: 'zhang san', initials: 'zs' });
    expect(pinyinOf('曾小明').initials).toBe('zxm');
  });

  it('finds 张三 by initials, full pinyin, characters, household number and phone tail', async () => {
    expect(await find('admin', 'zs')).toContain('张三');
    // 张山 (zhangshan) is one typo away and may follow; the exact match ranks first.
    expect((await find('admin', 'zhangsan'))[0]).toBe('张三');
    expect(await find('admin', '张三')).toContain('张三');
    expect(await find('admin', 'XF-0001')).toEqual(expect.arrayContaining(['张三', '李四']));
    expect(await find('admin', '4321')).toEqual(['张三']);
  });

  it('limits results to the worker’s sites and the helper’s households, server-side', async () => {
    expect(await find('worker', 'zs')).toEqual(['张三']);
    expect(await find('workerB', 'zs')).toEqual(['张山']);
    expect(await find('helper', 'zs')).toEqual(['张山']);
    // A client-supplied filter is not a parameter: it is refused by name (and audited).
    const sneaky = await call(ctx.app, 'GET', '/api/search/residents?q=zs&filter=regionIds%20EXISTS', {
      cookie: cookies.worker,
    });
    expect(sneaky.status).toBe(400);
    expect((await sneaky.json()).errors.map((e: { path: string }) => e.path)).toEqual(['query.filter']);
    expect((await call(ctx.app, 'GET', '/api/search/residents?q=zs', { cookie: cookies.employer })).status).toBe(403);
  });

  it('holds no ID number, income or health data in the index', async () => {
    const index = ctx.search.client.index(ctx.search.indexUid(RESIDENTS_INDEX));
    const { results } = await index.getDocuments({ limit: 1000 });
    expect(results).toHaveLength(3);
    const text = JSON.stringify(results);
    for (const id of ids) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.slice(6, 14));
    }
    expect(text).not.toMatch(/\d{15,}/);
    expect(text).not.toContain('糖尿病');
    for (const document of results) {
      expect(Object.keys(document).sort()).toEqual(
        [
          'docHash',
          'householdId',
          'householdNumber',
          'id',
          'initials',
          'name',
          'phoneLast4',
          'pinyin',
          'pinyinSpaced',
          'regionIds',
          'relation',
          'siteId',
          'siteName',
        ].sort(),
      );
    }
  });

  it('follows a change of name through the outbox drain, and leaves no drift', async () => {
    const person = households[0].members.find((m) => m.name === '李四') as { id: string };
    const response = await call(ctx.app, 'PATCH', `/api/persons/${person.id}`, {
      cookie: cookies.admin,
      body: { version: 1, name: '王小红' },
    });
    expect(response.status).toBe(200);
    await searchSettled();
    expect(await find('admin', 'wxh')).toEqual(['王小红']);
    const outbox = await ctx.db
      .selectFrom('searchOutbox')
      .select('documentId')
      .where('documentId', '=', person.id)
      .execute();
    expect(outbox).toEqual([]);
    expect(await checkDrift(ctx.deps, ['residents'])).toEqual([]);
  });

  it('is covered by search:check and rebuilt by search:reindex', async () => {
    const [person] = households[1].members;
    // A write that bypasses the outbox is drift, named by id …
    await ctx.db.updateTable('persons').set({ name: '张珊' }).where('id', '=', person.id).execute();
    expect(await checkDrift(ctx.deps, ['residents'])).toEqual([
      { index: 'residents', missing: [], extra: [], stale: [person.id] },
    ]);
    // … that a rebuild from PostgreSQL clears.
    expect(await reindex(ctx.deps, 'residents')).toBe(3);
    await searchSettled();
    expect(await checkDrift(ctx.deps, ['residents'])).toEqual([]);
    expect(await find('admin', '张珊')).toContain('张珊');
  });
});
