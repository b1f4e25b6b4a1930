import { makeIdNumber } from '@anju/domain/id-number';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, type RegionTree } from '../support/fixtures.ts';
import { uploadRoster } from '../support/registry-fixtures.ts';
import { createHousehold, setDibao, type TestHousehold } from '../support/tracking-fixtures.ts';
import { type WorkflowCast, workflowCast } from '../support/workflow-fixtures.ts';

/**
 * Issue 20's fixed point: a monitoring category (监测类型) and a 低保 state change only in a workflow.
 * Every other path a worker (or the app's own database role) has is tried here, and each is refused.
 */
let ctx: TestContext;
let tree: RegionTree;
let cast: WorkflowCast;
let household: TestHousehold;
let enrolmentId: string;
const number = `NB-${Date.now() % 100000}`;
const header = '姓名,身份证号,与户主关系,户编号,安置点,监测类型,低保状态';
const headRow = (category: string, dibao: string) =>
  `韩一,${makeIdNumber('529901', '1968-02-02', 17)},户主,${number},${tree.siteA1.code},${category},${dibao}`;

function importRoster(csv: string) {
  return uploadRoster(ctx.app, cast.worker, csv, 'dryRun=false&keepValid=true');
}

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  cast = await workflowCast(ctx.db, ctx.app, tree);
  // The household comes from a roster (so a later roster matches it by ID number).
  expect((await importRoster([header, headRow('无', '')].join('\n'))).status).toBe(200);
  const row = await ctx.db
    .selectFrom('households')
    .select(['id', 'countyCode'])
    .where('householdNumber', '=', number)
    .executeTakeFirstOrThrow();
  household = { ...row, personIds: [] };
  enrolmentId = await setDibao(ctx.db, household, 'enrolled', { validUntil: '2027-01-31' });
});
afterAll(() => ctx.close());

const stored = async () => {
  const h = await ctx.db
    .selectFrom('households')
    .select(['monitoringCategory', 'version'])
    .where('id', '=', household.id)
    .executeTakeFirstOrThrow();
  const d = await ctx.db
    .selectFrom('dibaoEnrolments')
    .select(['state', 'monthlyAmountYuan'])
    .where('id', '=', enrolmentId)
    .executeTakeFirstOrThrow();
  const events = await ctx.db.selectFrom('dibaoEvents').select('id').where('enrolmentId', '=', enrolmentId).execute();
  return { category: h.monitoringCategory, version: h.version, dibao: d.state, amount: d.monthlyAmountYuan, events };
};

describe('every path but the workflow is refused, for the category and for 低保', () => {
  it('PATCH of the household refuses a category with 409 workflow-required naming the field', async () => {
    const before = await stored();
    const patch = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
      cookie: cast.worker,
      body: { version: before.version, monitoringCategory: 'unstable' },
    });
    expect(patch.status).toBe(409);
    expect(await patch.json()).toMatchObject({
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory' }],
    });
    // A 低保 field is no field of a household: 400 naming it, never a write.
    const dibao = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
      cookie: cast.worker,
      body: { version: before.version, dibaoState: 'exited' },
    });
    expect(dibao.status).toBe(400);
    expect(JSON.stringify(await dibao.json())).toContain('dibaoState');
    expect(await stored()).toEqual(before);
  });

  it('PATCH with any other spelling of the category or a 低保 field is refused 400, never written', async () => {
    const before = await stored();
    for (const field of [
      'monitoring_category',
      'category',
      'monitored',
      'dibao',
      'dibao_state',
      'dibaoStatus',
      'dibaoAmount',
      'monthlyAmountYuan',
      'monthly_amount_yuan',
    ]) {
      const response = await call(ctx.app, 'PATCH', `/api/households/${household.id}`, {
        cookie: cast.worker,
        body: {
          version: before.version,
          [field]: field.startsWith('monitor') || field === 'category' ? 'unstable' : 'exited',
        },
      });
      expect(response.status, field).toBe(400);
      expect(JSON.stringify(await response.json()), field).toContain(field);
    }
    expect(await stored()).toEqual(before);
  });

  it('creating a household with a category is refused 409 workflow-required; unmonitored is fine', async () => {
    const base = { siteId: tree.siteA1.id, members: [] };
    const monitored = await call(ctx.app, 'POST', '/api/households', {
      cookie: cast.worker,
      body: { ...base, householdNumber: `${number}-C1`, monitoringCategory: 'unstable' },
    });
    expect(monitored.status).toBe(409);
    expect(await monitored.json()).toMatchObject({
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory' }],
    });
    expect(
      await ctx.db.selectFrom('households').select('id').where('householdNumber', '=', `${number}-C1`).execute(),
    ).toEqual([]);
    const plain = await call(ctx.app, 'POST', '/api/households', {
      cookie: cast.worker,
      body: { ...base, householdNumber: `${number}-C2`, monitoringCategory: 'none' },
    });
    expect(plain.status).toBe(201);
    expect(await plain.json()).toMatchObject({ monitoringCategory: 'none' });
  });

  it('the old routes answer 409 workflow-required: the category route and the 低保 transition', async () => {
    const before = await stored();
    const category = await call(ctx.app, 'POST', `/api/households/${household.id}/monitoring-category`, {
      cookie: cast.worker,
      body: { category: 'unstable', on: '2026-05-01', reason: '因病' },
    });
    expect(await category.json()).toMatchObject({ status: 409, code: 'workflow-required' });
    const transition = await call(ctx.app, 'POST', `/api/dibao-enrolments/${enrolmentId}/transitions`, {
      cookie: cast.worker,
      body: { to: 'exited', on: '2026-05-01', reason: '收入超标' },
    });
    expect(transition.status).toBe(409);
    expect(await transition.json()).toMatchObject({
      code: 'workflow-required',
      errors: [{ path: 'json.to', code: 'workflow-required' }],
    });
    expect(await stored()).toEqual(before);
  });

  it('a new 低保 record may only say "not applied": an application is a workflow', async () => {
    const other = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const applied = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
      cookie: cast.worker,
      body: { householdId: other.id, state: 'applied', on: '2026-05-01' },
    });
    expect(applied.status).toBe(409);
    expect(await applied.json()).toMatchObject({ code: 'workflow-required', errors: [{ path: 'json.state' }] });
    expect(
      await ctx.db.selectFrom('dibaoEnrolments').select('id').where('householdId', '=', other.id).execute(),
    ).toEqual([]);
    const notApplied = await call(ctx.app, 'POST', '/api/dibao-enrolments', {
      cookie: cast.worker,
      body: { householdId: other.id, on: '2026-05-01' },
    });
    expect(notApplied.status).toBe(201);
    expect(await notApplied.json()).toMatchObject({ state: 'not_applied' });
  });

  it('a roster import changes neither: 监测类型 is reported, a 低保 column is not read', async () => {
    const before = await stored();
    const response = await importRoster([header, headRow('突发严重困难户', '已退出')].join('\n'));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.workflowRequired).toEqual([
      expect.objectContaining({ row: 2, column: '监测类型', code: 'category-needs-workflow' }),
    ]);
    expect(report.notRead).toContain('低保状态');
    const after = await stored();
    expect({ category: after.category, dibao: after.dibao, amount: after.amount, events: after.events }).toEqual({
      category: before.category,
      dibao: before.dibao,
      amount: before.amount,
      events: before.events,
    });
  });

  it('direct SQL as the app role is refused by the trigger, for both columns', async () => {
    const before = await stored();
    await expect(
      sql`update households set monitoring_category = 'unstable' where id = ${household.id}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
    await expect(
      sql`update dibao_enrolments set state = 'exited' where id = ${enrolmentId}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
    // Not even by pretending to be a workflow outside a transaction: `set_config(…, true)` lasts one statement's transaction.
    await sql`select set_config('anju.workflow', 'on', true)`.execute(ctx.db);
    await expect(
      sql`update dibao_enrolments set state = 'exited' where id = ${enrolmentId}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
    expect(await stored()).toEqual(before);
  });
});
