import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';

/** Two community workers editing the same household or person at the same moment: no lost update. */
let ctx: TestContext;
let tree: RegionTree;
let workerA: string;
let workerB: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  workerA = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  workerB = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
});
afterAll(() => ctx.close());

const ROUNDS = 15;

describe('concurrent edits by two workers', () => {
  it('of a household: one wins, the other gets 409 naming what changed, nothing is lost', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [{ name: '并发户主', relation: 'head' }]);
    let version = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await Promise.all([
        call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
          cookie: workerA,
          body: { version, room: `A${round}` },
        }),
        call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
          cookie: workerB,
          body: { version, building: `B${round}` },
        }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      const problem = await loser.json();
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
      expect(problem).toMatchObject({
        currentVersion: version + 1,
        yourVersion: version,
        changedFields: [winner === a ? 'room' : 'building'],
      });
      const stored = await ctx.db
        .selectFrom('households')
        .select(['room', 'building', 'version'])
        .where('id', '=', household.id)
        .executeTakeFirstOrThrow();
      // The winner's change is stored; the loser's is not silently merged or dropped on top of it.
      if (winner === a) expect(stored).toMatchObject({ room: `A${round}`, version: version + 1 });
      else expect(stored).toMatchObject({ building: `B${round}`, version: version + 1 });
      version++;
    }
    const audits = await ctx.db
      .selectFrom('auditLog')
      .select('id')
      .where('resourceType', '=', 'household')
      .where('resourceId', '=', household.id)
      .where('action', '=', 'update')
      .execute();
    expect(audits.length).toBe(ROUNDS);
  });

  it('of a person: exactly one of two simultaneous edits lands', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [{ name: '并发成员', relation: 'head' }]);
    const id = household.persons[0].id;
    const [a, b] = await Promise.all([
      call(ctx.app, 'PATCH', `/api/persons/${id}`, { cookie: workerA, body: { version: 1, education: 'junior' } }),
      call(ctx.app, 'PATCH', `/api/persons/${id}`, { cookie: workerB, body: { version: 1, phone: '13700001111' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await loser.json()).changedFields).toEqual([a.status === 200 ? 'education' : 'phone']);
    const stored = await ctx.db
      .selectFrom('persons')
      .select(['education', 'phone', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.version).toBe(2);
    expect(a.status === 200 ? stored.phone : stored.education).toBe(a.status === 200 ? '13912345678' : null);
  });
});
