import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixRow, runMatrix, unique } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';
import { completeStep, startWorkflow } from '../support/workflow-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const h = (t: { household: { id: string } }, rest: string) => `/api/households/${t.household.id}/${rest}`;
const everyoneReading = { admin: 'all', official: 'all', worker: 'all', helper: 'all', resident: 'all' } as const;

// Policy workflows (帮扶流程), issue 20. (The 低保 routes' 409 workflow-required: tests/workflows/no-bypass.test.ts.)
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'workflows', action: 'read a household\'s', method: 'GET', path: (t) => h(t, 'workflows'), allow: { admin: 'all', official: 'in', worker: 'in' } },
  { resource: 'workflows', action: 'start 监测识别', method: 'POST', path: (t) => h(t, 'workflows'), fresh: true, body: () => ({ kind: 'monitoring_identification', category: 'marginal', reason: `因病${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'workflows', action: 'list open (own scope only)', method: 'GET', path: () => '/api/workflows?state=open', allow: everyoneReading },
  { resource: 'workflows', action: 'list open, the target listed', method: 'GET', path: () => '/api/workflows?state=open&pageSize=200', listed: (t) => t.workflow.id, allow: { admin: 'all', official: 'in', worker: 'in' } },
  { resource: 'workflows', action: 'read one', method: 'GET', path: (t) => `/api/workflows/${t.workflow.id}`, allow: { admin: 'all', official: 'in', worker: 'in' } },
  // 入户核实 is a worker's or an assigned helper's step (the matrix's helper is assigned to no household; see below).
  { resource: 'workflows', action: 'complete 入户核实', method: 'POST', path: (t) => `/api/workflows/${t.workflow.id}/steps/verify`, fresh: true, body: () => ({ outcome: 'passed', note: `核实${unique()}` }), allow: { worker: 'in' } },
  { resource: 'workflows', action: 'withdraw', method: 'POST', path: (t) => `/api/workflows/${t.workflow.id}/withdraw`, fresh: true, body: () => ({ note: `撤回${unique()}` }), allow: { admin: 'all', worker: 'in' } },
];

runMatrix('workflows matrix', rows, () => ctx);

// A helper (帮扶干部) reads the workflows of the households assigned to them and takes the visiting
// step (入户核实 / 入户调查) there, as they visit; any other household's workflow is 404 to them, and
// the village, township and county steps and withdrawing are not theirs.
describe('a helper and the workflows of their households', () => {
  it('reads and verifies on an assigned household, and sees nothing of another', async () => {
    const tree = await createRegionTree(ctx.db);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    const otherHelper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.id, householdId: household.id, countyCode: household.countyCode })
      .execute();
    const workerCookie = await signIn(ctx.app, worker.login);
    const helperCookie = await signIn(ctx.app, helper.login);
    const otherCookie = await signIn(ctx.app, otherHelper.login);
    const started = await startWorkflow(ctx.app, workerCookie, household.id, {
      kind: 'monitoring_identification',
      category: 'unstable',
      reason: '务工收入中断',
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };

    for (const path of [`/api/workflows/${id}`, `/api/households/${household.id}/workflows`]) {
      expect((await call(ctx.app, 'GET', path, { cookie: helperCookie })).status, path).toBe(200);
      const refused = await call(ctx.app, 'GET', path, { cookie: otherCookie });
      expect(refused.status, path).toBe(404);
    }
    const listed = await call(ctx.app, 'GET', '/api/workflows?state=open', { cookie: otherCookie });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((w) => w.id)).not.toContain(id);

    expect((await completeStep(ctx.app, otherCookie, id, 'verify')).status).toBe(404);
    expect((await completeStep(ctx.app, helperCookie, id, 'verify')).status).toBe(200);
    const deliberation = await completeStep(ctx.app, helperCookie, id, 'deliberation');
    expect(deliberation.status).toBe(403);
    expect(((await deliberation.json()) as { code?: string }).code).toBe('step-not-yours');
    const withdraw = await call(ctx.app, 'POST', `/api/workflows/${id}/withdraw`, {
      cookie: helperCookie,
      body: { note: '不需要了' },
    });
    expect(withdraw.status).toBe(403);
  });
});
