import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../api/src/access/actor.ts';
import { personInScope } from '../../api/src/access/policy.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let personA: { personId: string; householdId: string };
let personB: { personId: string; householdId: string };

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  personA = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
  personB = await createHouseholdWithPerson(ctx.db, tree.siteB1, tree.countyB.code);
});
afterAll(() => ctx.close());

const actorOf = async (options: Parameters<typeof createUser>[1], personId?: string) => {
  const user = await createUser(ctx.db, options);
  if (personId) await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  return (await loadActor(ctx.db, user.id))!;
};

const outcome = (promise: Promise<{ access: string }>) =>
  promise.then(
    (found) => found.access,
    (error) => `${error.status}${error.audited ? ' audited' : ''}`,
  );

describe('who may see a person’s matches and applications', () => {
  it.each([
    ['resident, self', () => actorOf({ role: 'resident' }, personA.personId), 'self'],
    ['resident, someone else', () => actorOf({ role: 'resident' }, personB.personId), '404 audited'],
    ['worker on the site', () => actorOf({ role: 'worker', assignedRegionIds: [tree.siteA1.id] }), 'worker'],
    ['worker on another site', () => actorOf({ role: 'worker', assignedRegionIds: [tree.siteA2.id] }), '404 audited'],
    ['official of the county', () => actorOf({ role: 'official', regionId: tree.countyA.id }), 'official'],
    ['official of another county', () => actorOf({ role: 'official', regionId: tree.countyB.id }), '404 audited'],
    ['employer', () => actorOf({ role: 'employer' }), '404 audited'],
  ])('%s', async (_label, makeActor, expected) => {
    expect(await outcome(personInScope(ctx.db, await makeActor(), personA.personId))).toBe(expected);
  });

  it('a helper sees the households assigned to them, and no others', async () => {
    const helper = await actorOf({ role: 'helper' });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.userId, householdId: personA.householdId, countyCode: tree.countyA.code })
      .execute();
    expect(await outcome(personInScope(ctx.db, helper, personA.personId))).toBe('helper');
    expect(await outcome(personInScope(ctx.db, helper, personB.personId))).toBe('404 audited');
  });

  it('an unknown person is a plain 404', async () => {
    const admin = await actorOf({ role: 'admin' });
    expect(await outcome(personInScope(ctx.db, admin, '987654321'))).toBe('404');
  });
});
