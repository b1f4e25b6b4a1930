import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type TestUser } from '../support/fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

// 监测识别 in the portal at 360 px: the worker starts and takes the village steps, the township and
// the county officials take theirs, and the household page shows the new category.

let worker: TestUser;
let township: TestUser;
let county: TestUser;
let household: TestHousehold;
let dibaoHousehold: TestHousehold;

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    const town = await ctx.db
      .selectFrom('regions')
      .select('id')
      .where('code', '=', tree.siteA1.code.slice(0, -3))
      .executeTakeFirstOrThrow();
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员甲' });
    township = await createUser(ctx.db, { role: 'official', regionId: town.id, name: '乡镇审核员' });
    county = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, name: '县级审批员' });
    household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    dibaoHousehold = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
  },
});

async function householdPage(user: TestUser, path = `/registry/households/${household.id}`): Promise<Page> {
  const page = await suite.signIn(user.login);
  await page.goto(`${suite.url}${path}`);
  await page.getByRole('region', { name: '帮扶流程' }).waitFor();
  return page;
}

async function take(page: Page, step: string) {
  const flows = page.getByRole('region', { name: '帮扶流程' });
  const button = flows.getByRole('button', { name: `提交「${step}」` });
  const done = page.waitForResponse((r) => r.url().includes('/steps/') && r.request().method() === 'POST');
  await button.click();
  expect((await done).status()).toBe(200);
}

async function sweep(page: Page, where: string, axe = false) {
  await expectNoHorizontalOverflow(page, where);
  await expectNoEnglish(page, where);
  if (axe) await expectNoSeriousA11yViolations(page, where);
}

/** The 公示 of this household's workflow began long ago: its days have passed. */
async function publicityPassed(householdId: string) {
  await suite.ctx.ownerDb
    .updateTable('workflowSteps')
    .set((eb) => ({ startedOn: eb.val('2000-01-01') }))
    .where('householdId', '=', householdId)
    .where('stepKey', '=', 'publicity')
    .where('completedOn', 'is', null)
    .execute();
}

describe('监测识别 through the portal, each step by the role that must take it', () => {
  it('walks to the county approval and the household page shows the category', async () => {
    const page = await householdPage(worker);
    const flows = page.getByRole('region', { name: '帮扶流程' });
    await flows.getByText('发起流程').click();
    await flows.getByLabel('流程类型').selectOption('monitoring_identification');
    await flows.getByLabel('拟纳入的监测类型').selectOption('marginal');
    await flows.getByLabel('事由').fill('因病支出大，收入骤减');
    await sweep(page, 'start form');
    const started = page.waitForResponse((r) => r.url().endsWith('/workflows') && r.request().method() === 'POST');
    await flows.getByRole('button', { name: '发起' }).click();
    expect((await started).status()).toBe(201);
    await take(page, '入户核实');
    await take(page, '民主评议');
    await poll(() => flows.getByTestId('publicity').textContent()).toContain('公示还剩 5 天');
    await sweep(page, 'publicity running');
    // Five days pass: the 公示 began five days ago.
    await suite.ctx.ownerDb
      .updateTable('workflowSteps')
      .set((eb) => ({ startedOn: eb.val('2000-01-01') }))
      .where('householdId', '=', household.id)
      .where('stepKey', '=', 'publicity')
      .execute();
    await page.reload();
    await poll(() => flows.getByTestId('publicity').textContent()).toContain('公示已期满');
    await take(page, '公示');
    // The worker has no button for the township's step.
    await poll(() => flows.getByRole('button', { name: /提交「乡镇审核」/ }).count()).toBe(0);
    await page.context().close();

    const town = await householdPage(township);
    await take(town, '乡镇审核');
    await sweep(town, 'township');
    await town.context().close();

    const top = await householdPage(county);
    await take(top, '县级审批');
    await poll(() => top.getByRole('region', { name: '帮扶流程' }).getByTestId('workflow-state').textContent()).toBe(
      '已通过',
    );
    await poll(() => top.locator('main').textContent()).toContain('边缘易致贫户');
    await sweep(top, 'approved');
    await top.context().close();
    const stored = await suite.ctx.db
      .selectFrom('households')
      .select('monitoringCategory')
      .where('id', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(stored.monitoringCategory).toBe('marginal');
  }, 240_000);
});

/** The household's tracking page: 低保 state and terms, and 帮扶流程 under them. */
const dibaoPage = () => `/tracking/households/${dibaoHousehold.id}`;

describe('低保申请 through the portal, from 申请 to 发放', () => {
  it('is walked by worker, township and county, and the household page shows 低保 enrolled with its amount', async () => {
    const page = await householdPage(worker, dibaoPage());
    const flows = page.getByRole('region', { name: '帮扶流程' });
    await flows.getByText('发起流程').click();
    await flows.getByLabel('流程类型').selectOption('dibao_application');
    await flows.getByLabel('事由').fill('户主因病丧失劳动能力，家庭收入低于低保标准');
    await sweep(page, '低保 start form', true);
    const started = page.waitForResponse((r) => r.url().endsWith('/workflows') && r.request().method() === 'POST');
    await flows.getByRole('button', { name: '发起' }).click();
    expect((await started).status()).toBe(201);
    await poll(() => page.getByTestId('dibao-state').textContent()).toContain('已申请');
    await take(page, '入户调查');
    await take(page, '民主评议');
    // The township's step is not the worker's.
    await poll(() => flows.getByRole('button', { name: /提交「乡镇审核」/ }).count()).toBe(0);
    await sweep(page, '低保 waiting for the township', true);
    await page.context().close();

    const town = await householdPage(township, dibaoPage());
    await take(town, '乡镇审核');
    await poll(() => town.getByTestId('dibao-state').textContent()).toContain('审核中');
    await sweep(town, '低保 township reviewed', true);
    await town.context().close();

    const top = await householdPage(county, dibaoPage());
    const topFlows = top.getByRole('region', { name: '帮扶流程' });
    const approval = topFlows.getByRole('form', { name: /县民政审批/ });
    await approval.getByLabel('类别').selectOption('B');
    await approval.getByLabel('每月金额（元）').fill('680');
    await approval.getByLabel('有效期至').fill('2099-12-31');
    await sweep(top, '低保 county approval form', true);
    await take(top, '县民政审批');
    // Approved terms wait for 公示 and the first payment; 低保 is not enrolled yet.
    await poll(() => topFlows.getByTestId('workflow-state').textContent()).toBe('办理中');
    await poll(() => top.getByTestId('dibao-state').textContent()).toContain('审核中');
    await top.context().close();

    const back = await householdPage(worker, dibaoPage());
    const backFlows = back.getByRole('region', { name: '帮扶流程' });
    await poll(() => backFlows.getByTestId('publicity').textContent()).toContain('公示还剩 7 天');
    await publicityPassed(dibaoHousehold.id);
    await back.reload();
    await poll(() => backFlows.getByTestId('publicity').textContent()).toContain('公示已期满');
    await take(back, '公示');
    await take(back, '发放');
    await poll(() => backFlows.getByTestId('workflow-state').textContent()).toBe('已通过');
    const dibao = back.getByTestId('dibao-state');
    await poll(() => dibao.textContent()).toContain('已纳入');
    await poll(() => dibao.textContent()).toContain('680 元/月');
    await poll(() => dibao.textContent()).toContain('B类');
    await sweep(back, '低保 enrolled', true);
    await back.context().close();

    const stored = await suite.ctx.db
      .selectFrom('dibaoEnrolments')
      .select(['state', 'class', 'monthlyAmountYuan', 'validUntil'])
      .where('householdId', '=', dibaoHousehold.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'enrolled', class: 'B', validUntil: '2099-12-31' });
    expect(Number(stored.monthlyAmountYuan)).toBe(680);
    const trail = await suite.ctx.db
      .selectFrom('workflowSteps')
      .innerJoin('users', 'users.id', 'workflowSteps.completedBy')
      .select(['workflowSteps.stepKey', 'users.id as by'])
      .where('workflowSteps.householdId', '=', dibaoHousehold.id)
      .orderBy('workflowSteps.position')
      .execute();
    expect(trail.map((step) => [step.stepKey, step.by])).toEqual([
      ['apply', worker.id],
      ['investigation', worker.id],
      ['deliberation', worker.id],
      ['township_review', township.id],
      ['county_approval', county.id],
      ['publicity', worker.id],
      ['payment', worker.id],
    ]);
  }, 300_000);
});
