import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.6, 106.7);
});
afterAll(() => ctx.close());

const me = async (login: string) =>
  (await call(ctx.app, 'GET', '/api/auth/me', { cookie: await signIn(ctx.app, login) })).json();

describe('GET /api/auth/me', () => {
  it("tells a resident's portal their home site with its location, so searches start near it", async () => {
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    expect(await me(resident.login)).toMatchObject({
      id: resident.id,
      role: 'resident',
      homeSite: { id: tree.siteA1.id, code: tree.siteA1.code, name: '甲一安置点', lat: 26.6, lng: 106.7 },
      employerId: null,
    });
  });

  it('gives the home site without a location when the site facts are not recorded yet', async () => {
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteB1.id });
    expect((await me(resident.login)).homeSite).toEqual({
      id: tree.siteB1.id,
      code: tree.siteB1.code,
      name: '乙一安置点',
      lat: null,
      lng: null,
    });
  });

  it("gives a resident account linked to a registered person their household's site when it has none of its own", async () => {
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    const resident = await createUser(ctx.db, { role: 'resident' });
    await ctx.db.updateTable('users').set({ personId }).where('id', '=', resident.id).execute();
    expect((await me(resident.login)).homeSite).toEqual({
      id: tree.siteA1.id,
      code: tree.siteA1.code,
      name: '甲一安置点',
      lat: 26.6,
      lng: 106.7,
    });
  });

  it('names the employer an employer account manages, and no home site', async () => {
    const employer = await createEmployer(ctx, { verified: false });
    const account = await createUser(ctx.db, { role: 'employer' });
    expect(await me(account.login)).toMatchObject({ employerId: null, homeSite: null });
    await linkEmployerAccount(ctx, account.id, employer.id);
    expect(await me(account.login)).toMatchObject({ role: 'employer', employerId: employer.id, homeSite: null });
  });

  it('answers the same shape at sign-in', async () => {
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    const response = await call(ctx.app, 'POST', '/api/auth/login', {
      body: { login: resident.login, password: resident.password },
    });
    expect(await response.json()).toMatchObject({ homeSite: { id: tree.siteA1.id, lat: 26.6 }, employerId: null });
  });
});
