import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.6, 106.7, { address: '不公开的地址', capacityHouseholds: 500 });
});
afterAll(() => ctx.close());

const sites = async (role: 'employer' | 'resident' | 'admin', q = '') => {
  const cookie = await signIn(ctx.app, (await createUser(ctx.db, { role })).login);
  return call(ctx.app, 'GET', `/api/posting-sites${q ? `?q=${encodeURIComponent(q)}` : ''}`, { cookie });
};

describe('GET /api/posting-sites', () => {
  it('gives an employer the sites by name with their location only, to place a job and its shuttle', async () => {
    const response = await sites('employer', '甲一');
    expect(response.status).toBe(200);
    const { items } = await response.json();
    expect(items).toEqual([{ id: tree.siteA1.id, code: tree.siteA1.code, name: '甲一安置点', lat: 26.6, lng: 106.7 }]);
  });

  it('finds sites by code, with no location when the site facts are missing', async () => {
    const { items } = await (await sites('admin', tree.siteB1.code)).json();
    expect(items).toEqual([{ id: tree.siteB1.id, code: tree.siteB1.code, name: '乙一安置点', lat: null, lng: null }]);
  });

  it('is not for residents (they search jobs near their own site)', async () => {
    expect((await sites('resident')).status).toBe(403);
  });
});
