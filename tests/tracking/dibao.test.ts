import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  cookie = await signIn(ctx.app, worker.login);
});
afterAll(() => ctx.close());

async function newEnrolment() {
  const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
  const response = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
    cookie,
    body: { householdId: h.id, state: 'applied', on: '2026-01-05' },
  });
  expect(response.status).toBe(201);
  return { household: h, enrolment: await response.json() };
}
const move = (id: string, body: Record<string, unknown>) =>
  call(ctx.app, 'POST', `/api/dibao-enrolments/${id}/transitions`, { cookie, body });

describe('低保 enrolment as a dated state history', () => {
  it('walks applied → under review → enrolled → review due → renewed → exited, keeping every step', async () => {
    const { enrolment } = await newEnrolment();
    expect(enrolment).toMatchObject({ state: 'applied', allowedNext: ['under_review', 'refused'] });
    expect((await move(enrolment.id, { to: 'under_review', on: '2026-01-10' })).status).toBe(200);
    const enrolled = await move(enrolment.id, {
      to: 'enrolled',
      on: '2026-02-01',
      class: 'B',
      monthlyAmountYuan: 320,
      validUntil: '2027-01-31',
    });
    expect(await enrolled.json()).toMatchObject({
      state: 'enrolled',
      class: 'B',
      monthlyAmountYuan: 320,
      validUntil: '2027-01-31',
    });
    await move(enrolment.id, { to: 'review_due', on: '2027-01-01' });
    const renewed = await (
      await move(enrolment.id, { to: 'renewed', on: '2027-01-20', validUntil: '2028-01-31' })
    ).json();
    expect(renewed).toMatchObject({ state: 'renewed', class: 'B', monthlyAmountYuan: 320, validUntil: '2028-01-31' });
    const exited = await (
      await move(enrolment.id, { to: 'exited', on: '2027-06-01', reason: '家庭收入稳定超过标准' })
    ).json();
    expect(exited).toMatchObject({ state: 'exited', monthlyAmountYuan: null });
    expect(exited.events.map((e: { toState: string; onDate: string }) => `${e.toState}@${e.onDate}`)).toEqual([
      'applied@2026-01-05',
      'under_review@2026-01-10',
      'enrolled@2026-02-01',
      'review_due@2027-01-01',
      'renewed@2027-01-20',
      'exited@2027-06-01',
    ]);
    expect(exited.events.at(-1).reason).toBe('家庭收入稳定超过标准');
  });

  it('refuses an illegal transition with 409 problem+json naming it', async () => {
    const { enrolment } = await newEnrolment();
    const response = await move(enrolment.id, { to: 'renewed', on: '2026-02-01', validUntil: '2027-01-01' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    expect(problem.detail).toContain('applied → renewed');
    expect(problem.transition).toEqual({ from: 'applied', to: 'renewed' });
    expect(problem.allowed).toEqual(['under_review', 'refused']);
  });

  it('requires the terms on enrolment and a reason on refusal, naming the fields', async () => {
    const { enrolment } = await newEnrolment();
    await move(enrolment.id, { to: 'under_review', on: '2026-01-10' });
    const noTerms = await move(enrolment.id, { to: 'enrolled', on: '2026-02-01' });
    expect(noTerms.status).toBe(400);
    expect((await noTerms.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      'json.class',
      'json.monthlyAmountYuan',
      'json.validUntil',
    ]);
    const noReason = await move(enrolment.id, { to: 'refused', on: '2026-02-01' });
    expect((await noReason.json()).errors[0].path).toBe('json.reason');
    const backwards = await move(enrolment.id, { to: 'refused', on: '2025-12-01', reason: '收入超标' });
    expect((await backwards.json()).errors[0].path).toBe('json.on');
    const refused = await move(enrolment.id, { to: 'refused', on: '2026-02-01', reason: '收入超标' });
    expect((await refused.json()).allowedNext).toEqual(['applied']);
  });

  it('refuses a second record for the same household', async () => {
    const { household } = await newEnrolment();
    const again = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
      cookie,
      body: { householdId: household.id, on: '2026-03-01' },
    });
    expect(again.status).toBe(409);
  });

  it('audits every read of 低保 amounts', async () => {
    const { enrolment } = await newEnrolment();
    await call(ctx.app, 'GET', `/api/dibao-enrolments/${enrolment.id}`, { cookie });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceType', '=', 'dibao_enrolment')
      .where('resourceId', '=', enrolment.id)
      .where('action', '=', 'read')
      .execute();
    expect(audit[0].fields).toEqual(['monthlyAmountYuan']);
  });
});
