import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';

// Issue 21: 「允许招聘单位看到」 set through the person record (a worker's edit, a new member) is a
// dated consent row like the resident's own, so `visible_to_employers` never stands without one.

let ctx: TestContext;
let tree: RegionTree;
let worker: string;

const consents = (personId: string) =>
  ctx.db
    .selectFrom('consents')
    .select(['given', 'givenBy', 'note'])
    .where('personId', '=', personId)
    .orderBy('id')
    .execute();
const visible = async (personId: string) =>
  (await ctx.db.selectFrom('persons').select('visibleToEmployers').where('id', '=', personId).executeTakeFirstOrThrow())
    .visibleToEmployers;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
});
afterAll(() => ctx.close());

describe('consent written with a person edit', () => {
  it('a worker turning visibility on and off writes a consent and its withdrawal', async () => {
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const on = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: { version: 1, visibleToEmployers: true },
    });
    expect(on.status).toBe(200);
    expect(await visible(personId)).toBe(true);
    expect(await consents(personId)).toEqual([{ given: true, givenBy: 'worker', note: null }]);

    // The same value again changes nothing and records nothing.
    const same = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: { version: 2, visibleToEmployers: true },
    });
    expect(same.status).toBe(200);
    expect(await consents(personId)).toHaveLength(1);

    const off = await call(ctx.app, 'PATCH', `/api/persons/${personId}`, {
      cookie: worker,
      body: { version: 2, visibleToEmployers: false },
    });
    expect(off.status).toBe(200);
    expect(await visible(personId)).toBe(false);
    expect(await consents(personId)).toEqual([
      { given: true, givenBy: 'worker', note: null },
      { given: false, givenBy: 'worker', note: null },
    ]);
  });

  it('a member registered as visible comes with a consent row; one registered without has none', async () => {
    const { householdId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const shown = await call(ctx.app, 'POST', '/api/persons', {
      cookie: worker,
      body: { householdId, name: '钱允许', relation: 'child', visibleToEmployers: true },
    });
    expect(shown.status).toBe(201);
    const shownId = ((await shown.json()) as { id: string }).id;
    expect(await consents(shownId)).toEqual([{ given: true, givenBy: 'worker', note: '登记时已允许' }]);

    const hidden = await call(ctx.app, 'POST', '/api/persons', {
      cookie: worker,
      body: { householdId, name: '钱不允许', relation: 'child' },
    });
    expect(hidden.status).toBe(201);
    expect(await consents(((await hidden.json()) as { id: string }).id)).toEqual([]);
  });
});
