import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { addIncome, addLine, createHousehold, monthlyIncome } from '../support/tracking-fixtures.ts';

let tree: RegionTree;
let official: TestUser;
let worker: TestUser;
const today = chinaToday();
const OVERDUE = 12;

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    const lastMonth = monthStart(today, -1);
    await addLine(ctx.db, tree.countyA.code, Number(lastMonth.slice(0, 4)), 10000);
    official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, name: '县领导' });
    worker = await createUser(ctx.db, {
      role: 'worker',
      assignedRegionIds: [tree.siteA1.id, tree.siteA2.id],
      name: '网格员丙',
    });
    const from = monthStart(today, -12).slice(0, 7);
    // Site A1: one household below the line (no one in work), one above.
    const poor = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      responsibleWorkerId: worker.id,
      members: [{ name: '王大成', relation: 'head', laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
    });
    await addIncome(ctx.db, poor, monthlyIncome(from, 12, 500));
    const well = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      responsibleWorkerId: worker.id,
      members: [{ name: '赵小富', relation: 'head' }],
    });
    await addIncome(ctx.db, well, monthlyIncome(from, 12, 2500));
    // A household from a roster without 劳动能力: no one in work, both 未登记 (no worker, no income).
    await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [
        { name: '韩一', relation: 'head', laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
        { name: '韩二', relation: 'spouse', laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
      ],
    });
    // Site A2: households never visited since they came, visits overdue: more than a page of work.
    for (let i = 0; i < OVERDUE; i++)
      await createHousehold(ctx.db, {
        siteId: tree.siteA2.id,
        responsibleWorkerId: worker.id,
        createdOn: addDays(today, -100 - i),
        members: [{ name: `陈${'一二三四五六七八九十'[i % 10]}${i}`, relation: 'head' }],
      });
    await evaluateAlerts(ctx.db);
  },
});

/** Charts drawn with data: an SVG per chart, with series paths and month labels on the axis. */
async function expectChartsDrawn(page: Page) {
  const charts = page.getByTestId('charts');
  await charts.waitFor();
  await expect.poll(() => charts.locator('svg').count()).toBeGreaterThanOrEqual(3);
  await expect.poll(() => charts.locator('svg').first().locator('path').count()).toBeGreaterThan(4);
  const labels = await charts.locator('svg').first().locator('text').allTextContents();
  expect(labels.some((label) => /^\d{4}-\d{2}$/.test(label.trim()))).toBe(true);
}

describe('an official’s dashboard', () => {
  for (const width of [360, 1280])
    it(`opens on the county with charts and drills down to a household at ${width} px`, async () => {
      const page = await suite.signIn(official.login, { width, timeoutMs: 30_000 });
      await page.goto(`${suite.url}/tracking/sites`);
      await page.waitForURL(new RegExp(`/tracking/sites/${tree.countyA.code}$`));
      await expect.poll(() => page.getByTestId('dashboard-region').textContent()).toContain('甲县');
      await expectChartsDrawn(page);
      expect(await page.getByTestId('figure-below-line').textContent()).toBe('50%');
      // 零就业家庭 (王大成's, able) and beside it the one to verify (both 未登记).
      expect(await page.getByTestId('figure-zero-employment').textContent()).toBe('1');
      expect(await page.getByTestId('figure-zero-employment-unverified').textContent()).toBe('1');
      expect(await page.getByTestId('figures').textContent()).toContain('零就业家庭（待核实劳动能力）');
      await expectNoHorizontalOverflow(page, 'county dashboard');
      await expectNoSeriousA11yViolations(page, `county dashboard ${width}`);

      await page.getByTestId('children-table').getByRole('link', { name: '甲镇' }).click();
      await expect.poll(() => page.getByTestId('dashboard-region').textContent()).toContain('甲镇');
      await page.getByTestId('children-table').getByRole('link', { name: '甲一安置点' }).click();
      await expect.poll(() => page.getByTestId('dashboard-region').textContent()).toContain('甲一安置点');
      await expectChartsDrawn(page);
      await page.getByTestId('workers-table').getByRole('link', { name: '网格员丙' }).click();
      const households = page.getByTestId('drill-households');
      await expect.poll(() => households.locator('li').count()).toBe(2);
      // Worst first, named by the head of household, the surname only for an official.
      expect(await households.locator('li').first().textContent()).toContain('王**');
      await expectNoHorizontalOverflow(page, 'site drill-down');
      await expectNoSeriousA11yViolations(page, `site drill-down ${width}`);
      await households.getByRole('link', { name: /王\*\*/ }).click();
      await page.waitForURL(/\/tracking\/households\/\d+$/);
      await page.context().close();
    }, 240_000);
});

describe('a worker’s worklist on a phone', () => {
  it('shows the counts at home, pages, filters, and leads with one action per card', async () => {
    const page = await suite.signIn(worker.login, { timeoutMs: 30_000 });
    const counts = page.getByTestId('work-counts');
    await expect.poll(() => counts.textContent()).toContain(`已逾期 ${OVERDUE} 项`);

    await page.goto(`${suite.url}/tracking/worklist`);
    const items = page.getByTestId('work-item');
    await expect.poll(() => items.count()).toBe(10);
    expect(await page.getByTestId('page-of').textContent()).toBe('第 1 / 2 页');
    // Overdue visits first, each card with one primary action (record the visit), the rest in a menu.
    expect(await items.first().getAttribute('data-kind')).toBe('visit_overdue');
    expect(await items.first().getByTestId('primary-action').textContent()).toContain('记录走访');
    expect(await items.first().locator('.tracking-card-actions > a, .tracking-card-actions > button').count()).toBe(1);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(6000);
    await expectNoHorizontalOverflow(page, 'worklist');
    await expectNoSeriousA11yViolations(page, 'worklist');

    await page.getByRole('button', { name: /下一页/ }).click();
    await expect.poll(() => page.getByTestId('page-of').textContent()).toBe('第 2 / 2 页');
    await expect.poll(() => items.count()).toBe(OVERDUE + 3 - 10);

    await page.getByTestId('filter-kind').selectOption('zero_employment');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('王大成');
    expect(await items.first().getByTestId('primary-action').textContent()).toContain('查看这户');
    // Marking it solved while no one works yet is refused in plain words: it closes when the condition ends.
    await items.first().locator('summary').click();
    await items
      .first()
      .getByRole('button', { name: /已解决/ })
      .click();
    await items.first().getByRole('button', { name: /确定/ }).click();
    await expect.poll(() => items.first().getByRole('alert').textContent()).toContain('条件解除后');
    expect(await items.count()).toBe(1);
    await page.getByTestId('filter-kind').selectOption('');
    await page.getByTestId('filter-due').selectOption('overdue');
    await expect.poll(() => page.getByTestId('worklist-total').textContent()).toContain(`共 ${OVERDUE} 项`);
    expect(page.url()).toMatch(/\?due=overdue$/);
    await page.getByTestId('filter-site').selectOption({ label: '甲一安置点' });
    await expect.poll(() => page.getByTestId('worklist-total').textContent()).toContain('共 0 项');
    await page.getByTestId('filter-site').selectOption({ label: '甲二安置点' });
    await expect.poll(() => page.getByTestId('worklist-total').textContent()).toContain(`共 ${OVERDUE} 项`);

    // A 走访逾期 alert has no 已解决: the menu says a visit closes it, and recording one does.
    const overdue = items.first();
    const number = await overdue.getAttribute('data-household');
    await overdue.locator('summary').click();
    expect(await overdue.getByText('记录走访后，这条预警会自动关闭。').isVisible()).toBe(true);
    expect(await overdue.getByRole('button', { name: /已解决/ }).count()).toBe(0);
    await overdue.getByTestId('primary-action').click();
    await page.waitForURL(/\/tracking\/households\/\d+\/visit$/);
    await expectNoHorizontalOverflow(page, 'record visit');
    await page.getByLabel('发现的情况').fill('上门看过，一家都好');
    await page.getByRole('button', { name: /保存/ }).click();
    await page.waitForURL(/\/tracking\/households\/\d+$/);
    await page.getByRole('status').getByText('已保存').waitFor();
    const household = await suite.ctx.db
      .selectFrom('households')
      .select('id')
      .where('householdNumber', '=', number ?? '')
      .executeTakeFirstOrThrow();
    const alerts = await suite.ctx.db
      .selectFrom('alerts')
      .select('state')
      .where('householdId', '=', household.id)
      .where('ruleId', '=', 'visit_overdue')
      .execute();
    expect(alerts.every((alert) => alert.state === 'resolved')).toBe(true);
    await page.goto(`${suite.url}/tracking/worklist?due=overdue`);
    await expect.poll(() => page.getByTestId('worklist-total').textContent()).toContain(`共 ${OVERDUE - 1} 项`);
    expect(await page.locator(`[data-testid="work-item"][data-household="${number}"]`).count()).toBe(0);
    await page.context().close();
  }, 240_000);
});
