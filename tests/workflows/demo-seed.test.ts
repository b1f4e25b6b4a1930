import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { seedDemoPolicy } from '../../api/src/seed/policy-demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, signIn } from '../support/fixtures.ts';
import { activeAlerts, createHousehold, setDibao } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const count = async (
  table: 'workflows' | 'workflowSteps' | 'supportMeasures' | 'householdRisks' | 'essentialSpending' | 'guaranteeChecks',
) =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => ({
  workflows: await count('workflows'),
  workflowSteps: await count('workflowSteps'),
  supportMeasures: await count('supportMeasures'),
  householdRisks: await count('householdRisks'),
  essentialSpending: await count('essentialSpending'),
  guaranteeChecks: await count('guaranteeChecks'),
});

describe('the policy demo seeder (workflows, support measures, risks, 三保障)', () => {
  it('does nothing without a worker, the officials and households', async () => {
    await seedDemoPolicy(ctx.deps);
    expect((await counts()).workflows).toBe(0);
  });

  it('fills every feature at the demo worker’s site through the engine, and never twice', async () => {
    const tree = await createRegionTree(ctx.db);
    const town = await ctx.db
      .selectFrom('regions')
      .select('id')
      .where('code', '=', tree.siteA1.code.slice(0, -3))
      .executeTakeFirstOrThrow();
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const township = await createUser(ctx.db, { role: 'official', regionId: town.id });
    await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const households = [];
    for (let i = 0; i < 5; i++) households.push(await createHousehold(ctx.db, { siteId: tree.siteA1.id }));
    const [h1, h2, , h4] = households;
    const enrolled = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, enrolled, 'enrolled', { validUntil: '2099-01-01' });

    await seedDemoPolicy(ctx.deps);
    const seeded = await counts();
    expect(seeded).toMatchObject({
      workflows: 7,
      supportMeasures: 5,
      householdRisks: 3,
      essentialSpending: 4,
      guaranteeChecks: 12,
    });
    const workflows = await ctx.db
      .selectFrom('workflows')
      .select(['kind', 'state', 'currentStep'])
      .orderBy('id')
      .execute();
    expect(workflows).toEqual([
      { kind: 'monitoring_identification', state: 'open', currentStep: 'deliberation' },
      { kind: 'monitoring_identification', state: 'approved', currentStep: null },
      { kind: 'risk_elimination', state: 'open', currentStep: 'publicity' },
      { kind: 'dibao_application', state: 'open', currentStep: 'township_review' },
      { kind: 'dibao_application', state: 'approved', currentStep: null },
      { kind: 'monitoring_identification', state: 'rejected', currentStep: null },
      { kind: 'dibao_review', state: 'open', currentStep: 'investigation' },
    ]);
    // The approvals changed what they exist for.
    const category = await ctx.db
      .selectFrom('households')
      .select('monitoringCategory')
      .where('id', '=', h2?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(category.monitoringCategory).toBe('unstable');
    const dibao = await ctx.db
      .selectFrom('dibaoEnrolments')
      .select(['state', 'monthlyAmountYuan'])
      .where('householdId', '=', h4?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(dibao.state).toBe('enrolled');
    expect(Number(dibao.monthlyAmountYuan)).toBe(520);
    // One 三保障 check fails, and its alert is open.
    const failing = await ctx.db.selectFrom('guaranteeChecks').select('householdId').where('ok', '=', false).execute();
    expect(failing).toEqual([{ householdId: h1?.id }]);
    expect((await activeAlerts(ctx.db, h1?.id ?? '')).map((alert) => alert.ruleId)).toContain('guarantee_failed');

    // Overdue steps: the worker's 民主评议 and the township's 乡镇审核 show on their lists.
    const overdue = async (login: string) => {
      const cookie = await signIn(ctx.app, login);
      const response = await call(ctx.app, 'GET', '/api/workflows?state=open&overdue=true', { cookie });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { currentStep: string }[] }).items.map((w) => w.currentStep).sort();
    };
    expect(await overdue(worker.login)).toEqual(['deliberation', 'township_review']);
    expect(await overdue(township.login)).toEqual(['deliberation', 'township_review']);

    await seedDemoPolicy(ctx.deps);
    expect(await counts()).toEqual(seeded);
  });
});

describe('a fresh `pnpm start` (every demo seeder in order)', () => {
  let fresh: TestContext;
  beforeAll(async () => {
    fresh = await createTestContext();
    await seedOnEmptyDatabase(fresh.deps);
  });
  afterAll(() => fresh.close());

  it('shows the demo worker and the township official open workflows, some overdue', async () => {
    const kinds = await fresh.db.selectFrom('workflows').select(['kind', 'state']).orderBy('id').execute();
    expect(new Set(kinds.map((w) => w.kind))).toEqual(
      new Set(['monitoring_identification', 'risk_elimination', 'dibao_application', 'dibao_review']),
    );
    expect(kinds.filter((w) => w.state === 'open').length).toBeGreaterThan(0);
    expect(kinds.filter((w) => w.state !== 'open').length).toBeGreaterThan(0);
    for (const login of ['demo-worker', 'demo-township']) {
      const cookie = await signIn(fresh.app, login, DEMO_PASSWORD);
      const response = await call(fresh.app, 'GET', '/api/workflows?state=open&overdue=true', { cookie });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
    expect(await fresh.db.selectFrom('guaranteeChecks').select('id').where('ok', '=', false).execute()).toHaveLength(1);
  });
});
