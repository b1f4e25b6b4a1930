import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import {
  addIncome,
  addLine,
  createHousehold,
  monthlyIncome,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let tree: RegionTree;
let worker: TestUser;
let poor: TestHousehold;
let well: TestHousehold;

// The fixture, in numbers the test reasons with. Income counts by complete months, so the
// worker records last month's; the line in force is that of last month's year.
const LINE = 10000;
const lastMonth = monthStart(chinaToday(), -1).slice(0, 7);
const poorMonths = monthlyIncome(monthStart(chinaToday(), -4).slice(0, 7), 3, 800); // 2 members
const steadyMonths = monthlyIncome(monthStart(chinaToday(), -12).slice(0, 7), 12, 1500); // 1 member
const recorded = { wages: 6000, property: 1200 };

/** Per-capita net income as the API computes it: the months present, annualised, per member. */
const perCapita = (monthTotals: number[], members: number) =>
  Math.round(((monthTotals.reduce((sum, v) => sum + v, 0) / monthTotals.length) * 12 * 100) / members) / 100;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 100) / 100;
};
const pct = (share: number) => `${Math.round(share * 100)}%`;

const poorBefore = perCapita(
  poorMonths.map((m) => m.amount),
  2,
);
const poorAfter = perCapita([...poorMonths.map((m) => m.amount), recorded.wages + recorded.property], 2);
const steady = perCapita(
  steadyMonths.map((m) => m.amount),
  1,
);

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    await addLine(ctx.db, tree.countyA.code, Number(lastMonth.slice(0, 4)), LINE);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员乙' });
    poor = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      responsibleWorkerId: worker.id,
      householdNumber: 'TF-1',
      members: [
        { name: '李大', relation: 'head' },
        { name: '李二', relation: 'spouse' },
      ],
    });
    await addIncome(ctx.db, poor, poorMonths);
    well = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      responsibleWorkerId: worker.id,
      householdNumber: 'TF-2',
    });
    await addIncome(ctx.db, well, steadyMonths);
    await evaluateAlerts(ctx.db); // the nightly pass
  },
});

async function signIn(): Promise<Page> {
  return suite.signIn(worker.login, { timeoutMs: 20_000 });
}

async function dashboardFigure(page: Page, figure: string): Promise<string> {
  await page.goto(`${suite.url}/tracking/sites/${tree.siteA1.code}`);
  await page.getByTestId('dashboard-region').waitFor();
  return (await page.getByTestId(`figure-${figure}`).textContent()) ?? '';
}

describe('a worker works an income alert on a phone', () => {
  it('sees the alert, records a visit with income and a measure, and the alert and the dashboard follow', async () => {
    expect(poorBefore).toBeLessThan(LINE);
    expect(poorAfter).toBeGreaterThan(LINE * 1.1);
    const page = await signIn();

    // The site dashboard before: one of the two households is below the line.
    expect(await dashboardFigure(page, 'below-line')).toBe(pct(1 / 2));
    expect(await page.getByTestId('figure-median-income').textContent()).toBe(String(median([poorBefore, steady])));
    await expectNoSeriousA11yViolations(page, 'site dashboard');

    // The worklist: the household's income alert, in plain Chinese, with deadline and who must act.
    await page.goto(`${suite.url}/tracking/worklist`);
    const card = page.locator(
      '[data-testid="work-item"][data-household="TF-1"][data-kind="income_below_or_near_line"]',
    );
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain(`近12个月人均纯收入${Math.round(poorBefore)}元`);
    expect(cardText).toContain(`低于监测线${LINE}元`);
    expect(cardText).toContain('网格员乙');
    expect(cardText).toContain('李大'); // named by the head of household, not the household number
    expect(cardText).toMatch(/期限 \d{4}-\d{2}-\d{2}/);
    await expectNoSeriousA11yViolations(page, 'worklist');

    // The household: its figure against the line, then a visit with last month's income.
    await card.getByRole('link', { name: /查看这户/ }).click();
    await page.waitForURL(/\/tracking\/households\/\d+$/);
    await expect.poll(() => page.getByTestId('per-capita').textContent()).toContain(String(poorBefore));
    await expectNoSeriousA11yViolations(page, 'household timeline');

    await page.getByRole('link', { name: /记录走访/ }).click();
    await page.waitForURL(/\/visit$/);
    // Reached from the alert card, the visit is an 预警跟进 (walk3: F6).
    expect(await page.getByLabel('走访类型').inputValue()).toBe('alert_follow_up');
    await page.getByLabel('发现的情况').fill('户主进了扶贫车间，配偶有分红');
    await page.getByLabel('推荐就业').check();
    expect(await page.getByLabel('月份').inputValue()).toBe(lastMonth);
    await page.getByLabel('工资性收入').fill(String(recorded.wages));
    await page.getByLabel('财产性收入').fill(String(recorded.property));
    await expectNoSeriousA11yViolations(page, 'record visit');
    await page.getByRole('button', { name: /保存/ }).click();

    // Back on the household: the new figure, and the alert shown resolved.
    await page.waitForURL(/\/tracking\/households\/\d+$/);
    await page.getByRole('status').getByText('已保存').waitFor();
    await expect.poll(() => page.getByTestId('per-capita').textContent()).toContain(String(poorAfter));
    const resolvedEntry = page.locator('[data-testid="events"] [data-kind="alert"]', { hasText: '低于监测线' });
    await expect.poll(() => resolvedEntry.first().textContent()).toContain('[已解决]');
    const visitEntry = page.locator('[data-testid="events"] [data-kind="visit"]');
    await expect.poll(() => visitEntry.first().textContent()).toContain('推荐就业');

    // Gone from the worklist.
    await page.goto(`${suite.url}/tracking/worklist`);
    await page.getByTestId('worklist-total').waitFor();
    await expect
      .poll(() =>
        page.locator('[data-testid="work-item"][data-household="TF-1"]:not([data-kind="visit_overdue"])').count(),
      )
      .toBe(0);

    // The dashboard moved: no household below the line now, and a higher median.
    expect(await dashboardFigure(page, 'below-line')).toBe(pct(0));
    expect(await page.getByTestId('figure-median-income').textContent()).toBe(String(median([poorAfter, steady])));

    const alerts = await suite.ctx.db
      .selectFrom('alerts')
      .select(['ruleId', 'state'])
      .where('householdId', '=', poor.id)
      .orderBy('ruleId')
      .execute();
    expect(alerts).toEqual([
      { ruleId: 'below_line_without_dibao', state: 'resolved' },
      { ruleId: 'income_below_or_near_line', state: 'resolved' },
    ]);
    const income = await suite.ctx.db
      .selectFrom('incomeRecords')
      .select(['source', 'amountYuan'])
      .where('householdId', '=', poor.id)
      .where('visitId', 'is not', null)
      .orderBy('source')
      .execute();
    expect(income).toEqual([
      { source: 'property', amountYuan: recorded.property },
      { source: 'wages', amountYuan: recorded.wages },
    ]);
    await page.context().close();
  }, 240_000);

  it('moves the 低保 record on and records an integration check from the household page', async () => {
    const page = await signIn();
    await page.goto(`${suite.url}/tracking/households/${well.id}`);
    const dibao = page.getByRole('region', { name: /低保/ });
    await expect.poll(() => dibao.getByTestId('dibao-state').textContent()).toContain('还没有低保记录');
    await expectNoSeriousA11yViolations(page, 'household with forms');
    // 低保 moves only through its workflow: 低保申请 started in 帮扶流程 below the panel.
    const flows = page.getByRole('region', { name: '帮扶流程' });
    await flows.getByText('发起流程').click();
    await flows.getByLabel('流程类型').selectOption('dibao_application');
    await flows.getByLabel('事由').fill('户主重病，申请低保');
    const started = page.waitForResponse(
      (r) => r.url().endsWith(`/api/households/${well.id}/workflows`) && r.request().method() === 'POST',
    );
    await flows.getByRole('button', { name: '发起' }).click();
    expect((await started).status()).toBe(201);
    await expect.poll(() => dibao.getByTestId('dibao-state').textContent()).toContain('已申请');
    // The current step (入户调查) is the worker's: one primary button submits it.
    const investigation = flows.getByRole('button', { name: /提交「入户调查」/ });
    await expect.poll(() => investigation.count()).toBe(1);
    await investigation.click();
    await expect.poll(() => flows.getByRole('button', { name: /提交「民主评议」/ }).count()).toBe(1);

    const scores = { 经济收入: 4, 邻里关系: 4, 生活与服务: 3, 文化活动: 5, 归属感: 4 };
    await page.getByText('记录社区融入评估').click();
    for (const [dimension, score] of Object.entries(scores))
      await page.getByRole('group', { name: dimension }).getByLabel(String(score)).check();
    await page.getByLabel('孩子在本地上学').check();
    await expectNoSeriousA11yViolations(page, 'integration check');
    const form = page.locator('details');
    await form.getByRole('button', { name: /保存/ }).click();
    const total = Object.values(scores).reduce((sum, v) => sum + v, 0);
    const events = page.getByTestId('events');
    await expect.poll(() => events.textContent()).toContain(`社区融入 ${total}/25 分`);
    expect(await events.textContent()).toContain('低保: 已申请');

    const history = await suite.ctx.db
      .selectFrom('dibaoEvents')
      .select(['fromState', 'toState'])
      .where('householdId', '=', well.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([{ fromState: null, toState: 'applied' }]);
    const assessment = await suite.ctx.db
      .selectFrom('integrationAssessments')
      .select(['economic', 'culturalParticipation', 'childrenInLocalSchool', 'medicalInsuranceTransferred'])
      .where('householdId', '=', well.id)
      .executeTakeFirstOrThrow();
    expect(assessment).toEqual({
      economic: 4,
      culturalParticipation: 5,
      childrenInLocalSchool: true,
      medicalInsuranceTransferred: null,
    });
    await page.context().close();
  }, 240_000);
});
