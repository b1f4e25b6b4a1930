import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, giveSkill, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

// Household need (搬迁户 with no one in work) through the real endpoint, over real rows: the
// unit tests in need.test.ts pin the rule on plain inputs; this pins that the tables feed it.

let ctx: TestContext;
let tree: RegionTree;
let employerCookie: string;
let jobId: string;
const people: Record<'working' | 'workless', string> = { working: '', workless: '' };

type Candidate = { personId: string; score: number; reasons: { code: string }[] };

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const employer = await createEmployer(ctx);
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, employer.id);
  employerCookie = await signIn(ctx.app, user.login);
  jobId = (await insertOpenJob(ctx.db, employer.id)).id;

  // Two equally skilled sewers on one site: one whose spouse already works, one whose household has no one in work.
  const visible = { visibleToEmployers: true };
  const working = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
    name: '甲有业',
    ...visible,
  });
  await ctx.db
    .insertInto('persons')
    .values({
      householdId: working.householdId,
      countyCode: tree.countyA.code,
      name: '甲配偶',
      idNumberEncrypted: null,
      idNumberHash: null,
      idNumberMasked: null,
      birthDate: '1988-01-01',
      sex: null,
      phone: null,
      relation: 'spouse',
      education: null,
      laborCapacity: 'full',
      healthNotesEncrypted: null,
      employmentStatus: 'employed_local',
      maxCommuteKm: 10,
    })
    .execute();
  const workless = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
    name: '乙无业',
    ...visible,
  });
  await giveSkill(ctx.db, working.personId, tree.countyA.code, 'garment.sewing', 1);
  await giveSkill(ctx.db, workless.personId, tree.countyA.code, 'garment.sewing', 1);
  people.working = working.personId;
  people.workless = workless.personId;
});
afterAll(() => ctx.close());

describe('household need through GET /api/jobs/{id}/candidates', () => {
  it('puts the person from a household with no one in work first for a job that fits, and says why', async () => {
    const response = await call(ctx.app, 'GET', `/api/jobs/${jobId}/candidates`, { cookie: employerCookie });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const items = (JSON.parse(text) as { items: Candidate[] }).items;
    const order = items.map((c) => c.personId);
    expect(order).toEqual([people.workless, people.working]);
    expect(items[0].reasons.map((r) => r.code)).toContain('need.priority_household');
    for (const other of items.slice(1)) {
      expect(other.reasons.map((r) => r.code)).not.toContain('need.priority_household');
    }
  });

  it('once that household has someone in work, it loses the priority', async () => {
    await ctx.db
      .updateTable('persons')
      .set({ employmentStatus: 'employed_local' })
      .where('id', '=', people.workless)
      .execute();
    const response = await call(ctx.app, 'GET', `/api/jobs/${jobId}/candidates`, { cookie: employerCookie });
    const items = ((await response.json()) as { items: Candidate[] }).items;
    // Employed people are still candidates here (they may change jobs), but nobody is a priority now.
    expect(items.flatMap((c) => c.reasons.map((r) => r.code))).not.toContain('need.priority_household');
    expect(items.map((c) => c.personId).sort()).toEqual([people.working, people.workless].sort());
  });
});
