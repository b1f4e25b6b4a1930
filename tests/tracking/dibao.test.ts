import { resetClock } from '@anju/domain/clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, type RegionTree } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';
import { onChinaDay, startWorkflow, type WorkflowCast, walk, workflowCast } from '../support/workflow-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cast: WorkflowCast;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  cast = await workflowCast(ctx.db, ctx.app, tree);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

const enrolmentOf = async (householdId: string) =>
  (
    await ctx.db
      .selectFrom('dibaoEnrolments')
      .select('id')
      .where('householdId', '=', householdId)
      .executeTakeFirstOrThrow()
  ).id;
const read = async (id: string) =>
  (await call(ctx.app, 'GET', `/api/dibao-enrolments/${id}`, { cookie: cast.worker })).json();

/** A 低保申请 walked to 发放 (approved at the county with these terms). */
async function enrol(householdId: string, start: string, paidOn: string, terms: Record<string, unknown>) {
  onChinaDay(start);
  const started = await startWorkflow(ctx.app, cast.worker, householdId, {
    kind: 'dibao_application',
    reason: '户主重病',
  });
  expect(started.status).toBe(201);
  const { id } = await started.json();
  const last = await walk(ctx.app, id, [
    ['investigation', cast.worker],
    ['deliberation', cast.worker],
    ['township_review', cast.township],
    ['county_approval', cast.county, { outcome: 'passed', terms }],
    ['publicity', cast.worker, { outcome: 'passed' }, paidOn],
    ['payment', cast.worker, { outcome: 'passed' }],
  ]);
  expect(await last.json()).toMatchObject({ state: 'approved' });
}

describe('低保 enrolment as a dated state history, moved by its workflows', () => {
  it('walks applied → under review → enrolled → review due → renewed → exited, keeping every step and the amounts', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await enrol(h.id, '2026-01-05', '2026-01-20', { class: 'B', monthlyAmountYuan: 320, validUntil: '2027-01-31' });
    const id = await enrolmentOf(h.id);
    expect(await read(id)).toMatchObject({
      state: 'enrolled',
      class: 'B',
      monthlyAmountYuan: 320,
      validUntil: '2027-01-31',
    });

    onChinaDay('2027-01-01');
    const review = await (
      await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_review', reason: '年度复核' })
    ).json();
    onChinaDay('2027-01-20');
    await walk(ctx.app, review.id, [
      ['investigation', cast.worker],
      ['township_review', cast.township],
      ['county_approval', cast.county, { outcome: 'passed', terms: { validUntil: '2028-01-31' } }],
    ]);
    // Renewal keeps the class and the monthly amount.
    expect(await read(id)).toMatchObject({
      state: 'renewed',
      class: 'B',
      monthlyAmountYuan: 320,
      validUntil: '2028-01-31',
    });

    onChinaDay('2027-06-01');
    const exit = await (
      await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_review', reason: '收入变化' })
    ).json();
    await walk(ctx.app, exit.id, [
      ['investigation', cast.worker],
      ['township_review', cast.township, { outcome: 'failed', note: '家庭收入稳定超过标准' }],
    ]);
    const exited = await read(id);
    expect(exited).toMatchObject({ state: 'exited', monthlyAmountYuan: null });
    expect(exited.events.map((e: { toState: string; onDate: string }) => `${e.toState}@${e.onDate}`)).toEqual([
      'applied@2026-01-05',
      'under_review@2026-01-05',
      'enrolled@2026-01-20',
      'review_due@2027-01-01',
      'renewed@2027-01-20',
      'review_due@2027-06-01',
      'exited@2027-06-01',
    ]);
    expect(exited.events.at(-1).reason).toBe('家庭收入稳定超过标准');
    expect(exited.events[2]).toMatchObject({ class: 'B', monthlyAmountYuan: 320 });
  });

  it('refuses the old transition route with 409 workflow-required, naming the way', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    onChinaDay('2026-02-01');
    await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_application', reason: '申请' });
    const response = await call(ctx.app, 'POST', `/api/dibao-enrolments/${await enrolmentOf(h.id)}/transitions`, {
      cookie: cast.worker,
      body: { to: 'under_review', on: '2026-02-01' },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ code: 'workflow-required' });
    expect(problem.errors[0].message).toContain(`/api/households/${h.id}/workflows`);
    expect(await read(await enrolmentOf(h.id))).toMatchObject({ state: 'applied' });
  });

  it('records "not applied", refuses a second record for the same household', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const first = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
      cookie: cast.worker,
      body: { householdId: h.id, on: '2026-03-01' },
    });
    expect(await first.json()).toMatchObject({ state: 'not_applied', allowedNext: ['applied'] });
    const again = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
      cookie: cast.worker,
      body: { householdId: h.id, state: 'not_applied', on: '2026-03-01' },
    });
    expect(again.status).toBe(409);
    // An application starts from there through the workflow.
    onChinaDay('2026-03-02');
    expect(
      (await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_application', reason: '申请' })).status,
    ).toBe(201);
    expect(await read(await enrolmentOf(h.id))).toMatchObject({ state: 'applied' });
  });

  it('audits every read of 低保 amounts', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    onChinaDay('2026-04-01');
    await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_application', reason: '申请' });
    const id = await enrolmentOf(h.id);
    await read(id);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceType', '=', 'dibao_enrolment')
      .where('resourceId', '=', id)
      .where('action', '=', 'read')
      .execute();
    expect(audit[0].fields).toEqual(['monthlyAmountYuan']);
  });
});
