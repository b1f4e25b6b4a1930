import { resetClock } from '@anju/domain/clock';
import { makeIdNumber } from '@anju/domain/id-number';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueSteps } from '../../api/src/workflows/escalate.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { uploadRoster } from '../support/registry-fixtures.ts';
import {
  addIncome,
  addLine,
  addMeasure,
  createHousehold,
  monthlyIncome,
  setDibao,
} from '../support/tracking-fixtures.ts';
import {
  completeStep,
  onChinaDay,
  startWorkflow,
  type WorkflowCast,
  walk,
  workflowCast,
} from '../support/workflow-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cast: WorkflowCast;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 12000); // 1,000 a month per person
  cast = await workflowCast(ctx.db, ctx.app, tree);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

const category = async (id: string) =>
  (await ctx.db.selectFrom('households').select('monitoringCategory').where('id', '=', id).executeTakeFirstOrThrow())
    .monitoringCategory;
const dibaoState = async (id: string) =>
  (await ctx.db.selectFrom('dibaoEnrolments').selectAll().where('householdId', '=', id).executeTakeFirst()) ?? null;

/** 入户核实 → 民主评议 → 公示 (from `start`, closed after its days) → 乡镇审核 → 县级审批. */
const monitoringPath = (closeOn: string): [string, string, Record<string, unknown>?, string?][] => [
  ['verify', cast.worker, { outcome: 'passed', note: '入户核实：收入、人口属实', documents: ['入户核实表.pdf'] }],
  ['deliberation', cast.worker, { outcome: 'passed', note: '村民代表 9 人评议通过' }],
  ['publicity', cast.worker, { outcome: 'passed', note: '公示期满无异议' }, closeOn],
  ['township_review', cast.township],
  ['county_approval', cast.county, { outcome: 'passed', note: '同意' }],
];

describe('监测识别: a worker starts, each step by its role, the county approval sets the category', () => {
  it('walks every step with who, when and deadline, refuses the wrong role and a running 公示', async () => {
    onChinaDay('2026-03-02');
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const started = await startWorkflow(ctx.app, cast.worker, h.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: '因病支出大，收入骤减',
    });
    expect(started.status).toBe(201);
    const workflow = await started.json();
    expect(workflow).toMatchObject({
      state: 'open',
      origin: 'worker',
      currentStep: 'verify',
      currentDueOn: '2026-03-09',
      trail: [
        { key: 'apply', outcome: 'passed', completedOn: '2026-03-02', nameZh: '申请或发现' },
        { key: 'verify', outcome: null, dueOn: '2026-03-09' },
      ],
    });
    // Not the current step; not the worker's step.
    expect((await completeStep(ctx.app, cast.worker, workflow.id, 'county_approval')).status).toBe(409);
    expect((await completeStep(ctx.app, cast.county, workflow.id, 'verify')).status).toBe(403);

    await walk(ctx.app, workflow.id, monitoringPath('2026-03-02').slice(0, 2));
    const early = await completeStep(ctx.app, cast.worker, workflow.id, 'publicity');
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'publicity-running', endsOn: '2026-03-07' });

    onChinaDay('2026-03-07');
    expect((await completeStep(ctx.app, cast.worker, workflow.id, 'publicity')).status).toBe(200);
    // 乡镇审核 by a township official only: not the worker, not the county.
    expect(await (await completeStep(ctx.app, cast.worker, workflow.id, 'township_review')).json()).toMatchObject({
      status: 403,
      code: 'step-not-yours',
    });
    expect((await completeStep(ctx.app, cast.county, workflow.id, 'township_review')).status).toBe(403);
    expect((await completeStep(ctx.app, cast.township, workflow.id, 'township_review')).status).toBe(200);
    expect((await completeStep(ctx.app, cast.township, workflow.id, 'county_approval')).status).toBe(403);
    expect(await category(h.id)).toBe('none');

    const approved = await completeStep(ctx.app, cast.county, workflow.id, 'county_approval', {
      outcome: 'passed',
      note: '同意纳入',
    });
    expect(approved.status).toBe(200);
    const body = await approved.json();
    expect(body).toMatchObject({ state: 'approved', closedOn: '2026-03-07', currentStep: null });
    expect(body.trail.map((s: { key: string }) => s.key)).toEqual([
      'apply',
      'verify',
      'deliberation',
      'publicity',
      'township_review',
      'county_approval',
    ]);
    expect(body.trail[1]).toMatchObject({ documents: ['入户核实表.pdf'], completedByName: '测试worker' });
    expect(await category(h.id)).toBe('marginal');
    const history = await ctx.db
      .selectFrom('registryHistory')
      .select(['attribute', 'value', 'validFrom'])
      .where('householdId', '=', h.id)
      .execute();
    expect(history).toEqual([{ attribute: 'monitoring_category', value: 'marginal', validFrom: '2026-03-07' }]);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('resourceType', '=', 'workflow')
      .where('resourceId', '=', workflow.id)
      .where('action', '=', 'workflow-step')
      .execute();
    expect(audit).toHaveLength(5);
  });

  it('sends the workflow back to 入户核实 on an objection at 公示, or rejects it', async () => {
    onChinaDay('2026-04-01');
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const { id } = await (
      await startWorkflow(ctx.app, cast.worker, h.id, {
        kind: 'monitoring_identification',
        category: 'unstable',
        reason: '因灾',
      })
    ).json();
    await walk(ctx.app, id, monitoringPath('2026-04-01').slice(0, 2));
    const objected = await completeStep(ctx.app, cast.worker, id, 'publicity', {
      outcome: 'objection',
      note: '群众反映家中有车',
    });
    expect(objected.status).toBe(200);
    const again = await objected.json();
    expect(again).toMatchObject({ state: 'open', currentStep: 'verify' });
    expect(again.trail.map((s: { key: string; outcome: string | null }) => `${s.key}:${s.outcome}`)).toEqual([
      'apply:passed',
      'verify:passed',
      'deliberation:passed',
      'publicity:objection',
      'verify:null',
    ]);
    await walk(ctx.app, id, monitoringPath('2026-04-01').slice(0, 2));
    const rejected = await completeStep(ctx.app, cast.worker, id, 'publicity', {
      outcome: 'objection',
      objection: 'reject',
      note: '核实有车，不符合',
    });
    expect(await rejected.json()).toMatchObject({ state: 'rejected' });
    expect(await category(h.id)).toBe('none');
    // An objection where no one objects is a mistake, named.
    const { id: other } = await (
      await startWorkflow(ctx.app, cast.worker, h.id, {
        kind: 'monitoring_identification',
        category: 'unstable',
        reason: '再次申请',
      })
    ).json();
    const wrong = await completeStep(ctx.app, cast.worker, other, 'verify', { outcome: 'objection' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors).toEqual([expect.objectContaining({ path: 'json.outcome' })]);
  });

  it('validates bodies strictly and allows one open workflow of a kind', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const unknown = await startWorkflow(ctx.app, cast.worker, h.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: 'x',
      monitoringCategory: 'marginal',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('monitoringCategory');
    const noCategory = await startWorkflow(ctx.app, cast.worker, h.id, {
      kind: 'monitoring_identification',
      reason: 'x',
    });
    expect((await noCategory.json()).errors).toEqual([expect.objectContaining({ path: 'json.category' })]);
    const first = await startWorkflow(ctx.app, cast.worker, h.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: 'x',
    });
    expect(first.status).toBe(201);
    const second = await startWorkflow(ctx.app, cast.worker, h.id, {
      kind: 'monitoring_identification',
      category: 'marginal',
      reason: 'x',
    });
    expect(await second.json()).toMatchObject({ status: 409, code: 'workflow-open' });
    const withdrawn = await call(ctx.app, 'POST', `/api/workflows/${(await first.json()).id}/withdraw`, {
      cookie: cast.worker,
      body: { note: '误报' },
    });
    expect(await withdrawn.json()).toMatchObject({ state: 'withdrawn' });
    const eliminateNone = await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'risk_elimination', reason: 'x' });
    expect(await eliminateNone.json()).toMatchObject({ status: 409, code: 'not-monitored' });
  });
});

describe('风险消除: the guards run at the county approval', () => {
  async function eliminationUpToCounty(h: { id: string }) {
    onChinaDay('2026-07-10');
    const { id } = await (
      await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'risk_elimination', reason: '收入稳定，申请风险消除' })
    ).json();
    await walk(ctx.app, id, monitoringPath('2026-07-17').slice(0, 4));
    return id as string;
  }

  it('refuses approval with 409 guards-failed listing the failed guards, and changes nothing', async () => {
    const h = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      monitoringCategory: 'unstable',
      members: [{ relation: 'head', laborCapacity: 'none', employmentStatus: 'not_seeking' }],
    });
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 5, 1500));
    const id = await eliminationUpToCounty(h);
    const refused = await completeStep(ctx.app, cast.county, id, 'county_approval');
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problem).toMatchObject({ code: 'guards-failed' });
    expect(problem.failedGuards.sort()).toEqual(['able_to_work', 'income_above_line', 'support_measure']);
    expect(await category(h.id)).toBe('unstable');
    const workflow = await (await call(ctx.app, 'GET', `/api/workflows/${id}`, { cookie: cast.county })).json();
    expect(workflow).toMatchObject({ state: 'open', currentStep: 'county_approval' });
  });

  it('eliminates the risk when the guards pass', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, monitoringCategory: 'unstable' });
    await addIncome(ctx.db, h, monthlyIncome('2026-01', 6, 1001));
    await addMeasure(ctx.db, h, cast.workerId, '2026-03-01', { kind: 'employment' });
    const id = await eliminationUpToCounty(h);
    const approved = await completeStep(ctx.app, cast.county, id, 'county_approval');
    expect(await approved.json()).toMatchObject({ state: 'approved' });
    expect(await category(h.id)).toBe('none');
  });
});

describe('低保申请 and 复核 move the enrolment through its state machine', () => {
  it('applies, reviews, approves with terms, publicises and pays: enrolled', async () => {
    onChinaDay('2026-05-04');
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const started = await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_application', reason: '户主重病' });
    const { id } = await started.json();
    expect(await dibaoState(h.id)).toMatchObject({ state: 'applied' });
    await walk(ctx.app, id, [
      ['investigation', cast.worker],
      ['deliberation', cast.worker],
      ['township_review', cast.township],
    ]);
    expect(await dibaoState(h.id)).toMatchObject({ state: 'under_review' });
    const noTerms = await completeStep(ctx.app, cast.county, id, 'county_approval', {
      outcome: 'passed',
      terms: { class: 'B' },
    });
    expect(noTerms.status).toBe(400);
    expect((await noTerms.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      'json.terms.monthlyAmountYuan',
      'json.terms.validUntil',
    ]);
    await walk(ctx.app, id, [
      [
        'county_approval',
        cast.county,
        { outcome: 'passed', terms: { class: 'B', monthlyAmountYuan: 420, validUntil: '2027-05-31' } },
      ],
      ['publicity', cast.worker, { outcome: 'passed' }, '2026-05-11'],
    ]);
    expect(await dibaoState(h.id)).toMatchObject({ state: 'under_review' });
    const paid = await completeStep(ctx.app, cast.worker, id, 'payment', { outcome: 'passed', note: '首次发放' });
    expect(await paid.json()).toMatchObject({ state: 'approved' });
    expect(await dibaoState(h.id)).toMatchObject({
      state: 'enrolled',
      class: 'B',
      monthlyAmountYuan: 420,
      validUntil: '2027-05-31',
    });
    const events = await ctx.db
      .selectFrom('dibaoEvents')
      .select('toState')
      .where('householdId', '=', h.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.toState)).toEqual(['applied', 'under_review', 'enrolled']);
  });

  it('a yearly review renews, a failed one exits', async () => {
    onChinaDay('2026-06-01');
    const renewed = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, renewed, 'enrolled', { validUntil: '2026-06-30' });
    const { id } = await (
      await startWorkflow(ctx.app, cast.worker, renewed.id, { kind: 'dibao_review', reason: '年度复核' })
    ).json();
    expect(await dibaoState(renewed.id)).toMatchObject({ state: 'review_due' });
    await walk(ctx.app, id, [
      ['investigation', cast.worker],
      ['township_review', cast.township],
      ['county_approval', cast.county, { outcome: 'passed', terms: { validUntil: '2027-06-30' } }],
    ]);
    expect(await dibaoState(renewed.id)).toMatchObject({ state: 'renewed', validUntil: '2027-06-30', class: 'B' });

    const exited = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, exited, 'enrolled', { validUntil: '2026-06-30' });
    const review = await (
      await startWorkflow(ctx.app, cast.worker, exited.id, { kind: 'dibao_review', reason: '年度复核' })
    ).json();
    const failed = await walk(ctx.app, review.id, [
      ['investigation', cast.worker],
      ['township_review', cast.township, { outcome: 'failed', note: '家庭收入已超过低保标准' }],
    ]);
    expect(await failed.json()).toMatchObject({ state: 'rejected' });
    expect(await dibaoState(exited.id)).toMatchObject({ state: 'exited' });
  });
});

describe('who may start and see a workflow', () => {
  it('a resident asks for their own household only, and not for elimination', async () => {
    const own = await createHousehold(ctx.db, { siteId: tree.siteA1.id, monitoringCategory: 'unstable' });
    const other = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const user = await createUser(ctx.db, { role: 'resident' });
    await ctx.db.updateTable('users').set({ personId: own.personIds[0] }).where('id', '=', user.id).execute();
    const resident = await signIn(ctx.app, user.login);
    const asked = await startWorkflow(ctx.app, resident, own.id, { kind: 'dibao_application', reason: '本人申请低保' });
    expect(asked.status).toBe(201);
    expect(await asked.json()).toMatchObject({ origin: 'resident', currentStep: 'investigation' });
    expect((await startWorkflow(ctx.app, resident, own.id, { kind: 'risk_elimination', reason: 'x' })).status).toBe(
      403,
    );
    expect((await startWorkflow(ctx.app, resident, other.id, { kind: 'dibao_application', reason: 'x' })).status).toBe(
      404,
    );
    const mine = await (await call(ctx.app, 'GET', `/api/households/${own.id}/workflows`, { cookie: resident })).json();
    expect(mine.items).toHaveLength(1);
    // An official of county B sees none of county A's workflows.
    const outsider = await createUser(ctx.db, { role: 'official', regionId: tree.countyB.id });
    const list = await (
      await call(ctx.app, 'GET', '/api/workflows?state=open', { cookie: await signIn(ctx.app, outsider.login) })
    ).json();
    expect(list.items).toEqual([]);
    const county = await (
      await call(ctx.app, 'GET', '/api/workflows?state=open&kind=dibao_application', { cookie: cast.county })
    ).json();
    expect(county.items.map((w: { householdId: string }) => w.householdId)).toContain(own.id);
  });
});

describe('no other path changes a monitoring category or a 低保 state', () => {
  it('refuses PATCH and the old category route with workflow-required', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const patch = await call(ctx.app, 'PATCH', `/api/households/${h.id}`, {
      cookie: cast.worker,
      body: { version: 1, monitoringCategory: 'marginal' },
    });
    expect(patch.status).toBe(409);
    expect(await patch.json()).toMatchObject({
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory' }],
    });
    const route = await call(ctx.app, 'POST', `/api/households/${h.id}/monitoring-category`, {
      cookie: cast.worker,
      body: { category: 'marginal', on: '2026-05-01', reason: 'x' },
    });
    expect(await route.json()).toMatchObject({ status: 409, code: 'workflow-required' });
    expect(await category(h.id)).toBe('none');
  });

  it('refuses a direct UPDATE by the app role unless the transaction set anju.workflow', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const enrolment = await setDibao(ctx.db, h, 'applied');
    await expect(
      sql`update households set monitoring_category = 'marginal' where id = ${h.id}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
    await expect(
      sql`update dibao_enrolments set state = 'enrolled' where id = ${enrolment}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
    // Other columns stay writable; the setting lasts one transaction only.
    await sql`update households set room = '101' where id = ${h.id}`.execute(ctx.db);
    await ctx.db.transaction().execute(async (trx) => {
      await sql`set local anju.workflow = 'on'`.execute(trx);
      await sql`update households set monitoring_category = 'marginal' where id = ${h.id}`.execute(trx);
    });
    expect(await category(h.id)).toBe('marginal');
    await expect(
      sql`update households set monitoring_category = 'none' where id = ${h.id}`.execute(ctx.db),
    ).rejects.toThrow(/workflow-required/);
  });
});

describe('a roster import never changes 监测类型', () => {
  const upload = (csv: string) => uploadRoster(ctx.app, cast.worker, csv);

  it('reports a row that would change it (naming the Excel row) and leaves the category as stored', async () => {
    const suffix = String(Date.now() % 100000);
    const headId = makeIdNumber('529901', '1980-05-01', 31);
    const newId = makeIdNumber('529901', '1975-03-03', 41);
    const header = '姓名,身份证号,与户主关系,户编号,安置点,监测类型';
    const first = await upload([header, `何一,${headId},户主,WF-${suffix},${tree.siteA1.code},无`].join('\n'));
    expect(first.status).toBe(200);
    const household = await ctx.db
      .selectFrom('households')
      .select('id')
      .where('householdNumber', '=', `WF-${suffix}`)
      .executeTakeFirstOrThrow();
    await ctx.db.transaction().execute(async (trx) => {
      await sql`set local anju.workflow = 'on'`.execute(trx);
      await trx
        .updateTable('households')
        .set({ monitoringCategory: 'unstable' })
        .where('id', '=', household.id)
        .execute();
    });
    const again = await upload(
      [
        header,
        `何一,${headId},户主,WF-${suffix},${tree.siteA1.code},无`,
        `何二,${newId},户主,WN-${suffix},${tree.siteA1.code},边缘易致贫户`,
      ].join('\n'),
    );
    expect(again.status).toBe(200);
    const report = await again.json();
    expect(report.workflowRequired).toEqual([
      expect.objectContaining({ row: 2, column: '监测类型', code: 'category-needs-workflow' }),
      expect.objectContaining({ row: 3, column: '监测类型', code: 'new-household-category' }),
    ]);
    expect(report.workflowRequired[0].reason).toContain('监测类型不能通过导入修改');
    expect(await category(household.id)).toBe('unstable');
    const created = await ctx.db
      .selectFrom('households')
      .select('monitoringCategory')
      .where('householdNumber', '=', `WN-${suffix}`)
      .executeTakeFirstOrThrow();
    expect(created.monitoringCategory).toBe('none');
  });
});

describe('overdue steps on the worklist, escalated at night', () => {
  it('shows an overdue step to whoever takes it, and to the county once escalated', async () => {
    onChinaDay('2026-09-01');
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, householdNumber: `LATE-${Date.now() % 100000}` });
    const { id } = await (
      await startWorkflow(ctx.app, cast.worker, h.id, {
        kind: 'monitoring_identification',
        category: 'marginal',
        reason: '因学',
      })
    ).json();
    const steps = async (cookie: string) =>
      (
        await (await call(ctx.app, 'GET', '/api/worklist?kind=workflow_step&pageSize=100', { cookie })).json()
      ).items.filter((item: { workflowId: string }) => item.workflowId === id);
    expect(await steps(cast.worker)).toEqual([]); // due 2026-09-08, not yet overdue
    onChinaDay('2026-09-10');
    expect(await steps(cast.worker)).toEqual([
      expect.objectContaining({
        source: 'workflow_step',
        kind: 'workflow_step',
        householdId: h.id,
        dueOn: '2026-09-08',
        overdue: true,
        escalated: false,
        explanationZh: '监测识别纳入：入户核实 逾期（期限 2026-09-08）',
      }),
    ]);
    expect(await steps(cast.township)).toEqual([]);
    expect(await steps(cast.county)).toEqual([]);
    // Two days late is within the grace; past it the nightly pass escalates, once.
    // (Other tests' workflows in this database may be escalated by the pass: look at this one only.)
    await escalateOverdueSteps(ctx.db, '2026-09-10');
    expect(await ctx.db.selectFrom('workflowEscalations').select('id').where('workflowId', '=', id).execute()).toEqual(
      [],
    );
    expect((await escalateOverdueSteps(ctx.db, '2026-09-12')).escalated).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueSteps(ctx.db, '2026-09-12')).toEqual({ escalated: 0 });
    const escalation = await ctx.db
      .selectFrom('workflowEscalations')
      .select(['daysOverdue', 'escalatedOn'])
      .where('workflowId', '=', id)
      .executeTakeFirstOrThrow();
    expect(escalation).toEqual({ daysOverdue: 4, escalatedOn: '2026-09-12' });
    expect(await steps(cast.county)).toEqual([expect.objectContaining({ escalated: true, householdId: h.id })]);
    expect(await steps(cast.worker)).toEqual([expect.objectContaining({ escalated: true })]);
    const open = await (
      await call(ctx.app, 'GET', '/api/workflows?state=open&overdue=true', { cookie: cast.worker })
    ).json();
    expect(open.items.map((w: { id: string }) => w.id)).toContain(id);
  });
});
