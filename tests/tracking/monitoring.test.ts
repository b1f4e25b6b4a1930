import { resetClock } from '@anju/domain/clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  addIncome,
  addLine,
  addMeasure,
  addVisit,
  createHousehold,
  type MemberSpec,
  monthlyIncome,
} from '../support/tracking-fixtures.ts';
import { onChinaDay, startWorkflow, type WorkflowCast, walk, workflowCast } from '../support/workflow-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cast: WorkflowCast;
let cookie: string;
let workerId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 12000); // 1,000 a month per person
  cast = await workflowCast(ctx.db, ctx.app, tree);
  cookie = cast.worker;
  workerId = cast.workerId;
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

/** The steps after the start, each by its role; 公示 closes on `closeOn`, the rest the same day. */
const steps = (closeOn: string): Parameters<typeof walk>[2] => [
  ['verify', cast.worker],
  ['deliberation', cast.worker],
  ['publicity', cast.worker, { outcome: 'passed' }, closeOn],
  ['township_review', cast.township],
  ['county_approval', cast.county],
];

// 风险消除 through its workflow, approved by the county on 2026-07-20: the guards look at 2026-01 … 2026-06.
async function eliminate(id: string) {
  onChinaDay('2026-07-10');
  const started = await startWorkflow(ctx.app, cookie, id, { kind: 'risk_elimination', reason: '收入稳定，风险消除' });
  expect(started.status).toBe(201);
  return walk(ctx.app, (await started.json()).id, steps('2026-07-20'));
}
async function monitored(members?: MemberSpec[]) {
  return createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    monitoringCategory: 'unstable',
    members,
    createdOn: '2025-12-01',
  });
}
const failedGuards = async (response: Response) =>
  ((await response.json()).errors ?? []).map((e: { path: string }) => e.path);

describe('monitoring category: into 监测户 and out through 风险消除', () => {
  it('moves a household into monitoring through 监测识别 and records it in registry history', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    onChinaDay('2026-04-24');
    const started = await startWorkflow(ctx.app, cookie, h.id, {
      kind: 'monitoring_identification',
      category: 'sudden_hardship',
      reason: '因病',
    });
    const response = await walk(ctx.app, (await started.json()).id, steps('2026-05-01'));
    expect(response.status).toBe(200);
    const history = await ctx.db.selectFrom('registryHistory').selectAll().where('householdId', '=', h.id).execute();
    expect(history).toMatchObject([
      { attribute: 'monitoring_category', value: 'sudden_hardship', validFrom: '2026-05-01' },
    ]);
  });

  it('eliminates the risk when all three guards pass, and the history stays', async () => {
    const h = await monitored();
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 6, 1001));
    await addMeasure(ctx.db, h, workerId, '2026-03-01');
    const response = await eliminate(h.id);
    expect(response.status).toBe(200);
    const row = await ctx.db
      .selectFrom('households')
      .select('monitoringCategory')
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(row.monitoringCategory).toBe('none');
    const history = await ctx.db
      .selectFrom('registryHistory')
      .select(['value', 'detail'])
      .where('householdId', '=', h.id)
      .execute();
    expect(history).toMatchObject([{ value: 'none', detail: { from: 'unstable', elimination: true } }]);
  });

  it('refuses when one of the 6 months is at the line, not above it', async () => {
    const h = await monitored();
    await addIncome(ctx.db, h, [...monthlyIncome('2026-01', 5, 1500), { period: '2026-06', amount: 1000 }]);
    await addMeasure(ctx.db, h, workerId, '2026-03-01', { kind: 'training' });
    const response = await eliminate(h.id);
    expect(response.status).toBe(409);
    expect(await failedGuards(response)).toEqual(['guards.income_above_line']);
  });

  it('refuses when a month of the 6 has no income recorded', async () => {
    const h = await monitored();
    await addIncome(ctx.db, h, monthlyIncome('2026-02', 5, 3000));
    await addMeasure(ctx.db, h, workerId, '2026-03-01');
    expect(await failedGuards(await eliminate(h.id))).toEqual(['guards.income_above_line']);
  });

  it('refuses without any support measure recorded (a visit is not a measure)', async () => {
    const h = await monitored();
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 6, 3000));
    await addVisit(ctx.db, h, workerId, '2026-03-01', { measures: ['job_referral'] });
    expect(await failedGuards(await eliminate(h.id))).toEqual(['guards.support_measure']);
  });

  it('counts only measures within the monitoring period: one ended before the household entered does not', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, createdOn: '2024-01-01' });
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 6, 3000));
    await addMeasure(ctx.db, h, workerId, '2025-03-01', { endedOn: '2025-09-30' });
    // Into monitoring through 监测识别, approved on 2025-11-01: the period starts there.
    onChinaDay('2025-10-25');
    const identification = await startWorkflow(ctx.app, cookie, h.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: '因病',
    });
    expect((await walk(ctx.app, (await identification.json()).id, steps('2025-11-01'))).status).toBe(200);
    onChinaDay('2026-07-10');
    const elimination = await startWorkflow(ctx.app, cookie, h.id, { kind: 'risk_elimination', reason: '收入稳定' });
    const workflowId = (await elimination.json()).id;
    const refused = await walk(ctx.app, workflowId, steps('2026-07-20'));
    expect(refused.status).toBe(409);
    expect(await failedGuards(refused)).toEqual(['guards.support_measure']);
    // One in force during the period (started before it, ended within it) counts: the county approves again.
    await addMeasure(ctx.db, h, workerId, '2025-10-01', { endedOn: '2026-02-28', kind: 'training' });
    expect((await walk(ctx.app, workflowId, [['county_approval', cast.county]])).status).toBe(200);
  });

  it('never eliminates a household where no one is able to work', async () => {
    const h = await monitored([{ laborCapacity: 'none', employmentStatus: 'not_seeking' }]);
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 6, 3000, 'transfer_pension'));
    await addMeasure(ctx.db, h, workerId, '2026-03-01', { kind: 'medical' });
    const response = await eliminate(h.id);
    expect(response.status).toBe(409);
    expect(await failedGuards(response)).toEqual(['guards.able_to_work']);
    const row = await ctx.db
      .selectFrom('households')
      .select('monitoringCategory')
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(row.monitoringCategory).toBe('unstable');
  });

  it('is refused to officials (read-only) and hidden out of scope', async () => {
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const officialCookie = await signIn(ctx.app, official.login);
    const h = await monitored();
    const asOfficial = await startWorkflow(ctx.app, officialCookie, h.id, { kind: 'risk_elimination', reason: 'x' });
    expect(asOfficial.status).toBe(403);
    const elsewhere = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    const outside = await startWorkflow(ctx.app, cookie, elsewhere.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: 'x',
    });
    expect(outside.status).toBe(404);
  });
});
