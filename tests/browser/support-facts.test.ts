import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type TestUser } from '../support/fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

// Issue 20 at 360 px: a worker voids a risk (with its reason) and corrects essential spending on
// the household page; the 督查 and 政策参数 pages for the roles that see them.

let worker: TestUser;
let county: TestUser;
let admin: TestUser;
let household: TestHousehold;
let cityCode: string;

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员乙' });
    county = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, name: '县督查员' });
    admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id, name: '市管理员' });
    household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    cityCode = tree.city.code;
    const fact = { countyCode: household.countyCode, householdId: household.id, recordedBy: worker.id };
    await ctx.db
      .insertInto('householdRisks')
      .values({ ...fact, kind: 'accident', fromOn: '2026-02-01', note: '录入有误' })
      .execute();
    await ctx.db
      .insertInto('essentialSpending')
      .values({ ...fact, kind: 'medical', amountYuan: 300, periodKind: 'month', spentOn: '2026-03-01' })
      .execute();
  },
});

async function sweep(page: Page, where: string) {
  await expectNoHorizontalOverflow(page, where);
  await expectNoEnglish(page, where);
  await expectNoSeriousA11yViolations(page, where);
}

describe('risk and essential spending corrections on the household page (360 px)', () => {
  it('voids a risk only with a reason and corrects a spending amount', async () => {
    const page = await suite.signIn(worker.login);
    await page.goto(`${suite.url}/tracking/households/${household.id}`);
    const risks = page.getByRole('region', { name: /风险类型/ });
    await risks.locator('li', { hasText: '因意外' }).waitFor();
    await risks.getByRole('button', { name: '作废' }).click();
    const voidForm = risks.getByRole('form', { name: '作废' });
    await voidForm.getByLabel('作废原因（必填）').waitFor();
    await sweep(page, 'household page, void form open');
    const voided = page.waitForResponse((r) => r.url().endsWith('/void') && r.request().method() === 'POST');
    await voidForm.getByLabel('作废原因（必填）').fill('录错户，应为邻户');
    await voidForm.getByRole('button', { name: '确认作废' }).click();
    expect((await voided).status()).toBe(204);
    await risks.getByText('没有登记风险').waitFor();
    const row = await suite.ctx.db
      .selectFrom('householdRisks')
      .select(['voidReason', 'voidedBy'])
      .where('householdId', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ voidReason: '录错户，应为邻户', voidedBy: worker.id });

    const spending = page.getByRole('region', { name: /刚性支出/ });
    await spending.getByTestId('spending-row').getByRole('button', { name: '修改' }).click();
    const edit = spending.getByRole('form', { name: '修改' });
    await edit.getByLabel('金额（元）').fill('3200');
    await sweep(page, 'household page, spending edit open');
    const patched = page.waitForResponse(
      (r) => r.url().includes('/essential-spending/') && r.request().method() === 'PATCH',
    );
    await edit.getByRole('button', { name: '保存' }).click();
    expect((await patched).status()).toBe(200);
    await spending.getByTestId('spending-row').getByText(/3200/).waitFor();
    const [saved] = await suite.ctx.db
      .selectFrom('essentialSpending')
      .select(['amountYuan', 'spentOn'])
      .where('householdId', '=', household.id)
      .execute();
    expect(saved).toEqual({ amountYuan: 3200, spentOn: '2026-03-01' });
    await page.context().close();
  }, 240_000);
});

describe('督查 and 政策参数 at 360 px for the roles that see them', () => {
  for (const who of ['county', 'admin'] as const) {
    it(`opens both pages as ${who}: no overflow, no English, axe clean`, async () => {
      const user = who === 'county' ? county : admin;
      const page = await suite.signIn(user.login);
      await page.goto(`${suite.url}/supervision`);
      await page.getByRole('heading', { name: /督查/ }).first().waitFor();
      await page.getByText('按责任人').first().waitFor();
      await sweep(page, `督查 as ${who}`);
      await page.goto(`${suite.url}/policy-values`);
      await page
        .getByRole('heading', { name: /政策参数/ })
        .first()
        .waitFor();
      await sweep(page, `政策参数 as ${who}`);
      await page.context().close();
    }, 240_000);
  }
});

// README's step 8 in the portal (the walk of session 17): the admin chose the key by typing its
// code (the field came filled with dibao_standard_monthly, and 监测线 could only be entered as
// monitoring_line_yearly), and a refused value was shown in the API's English.
describe("政策参数: the admin enters the year's 监测线 at 360 px", () => {
  it('chooses the key by its name, and a refused value says in Chinese what to do', async () => {
    const page = await suite.signIn(admin.login);
    await page.goto(`${suite.url}/policy-values`);
    const form = page.getByRole('form', { name: '添加参数' });
    const add = async (regionCode: string) => {
      await form.getByLabel('参数').selectOption({ label: '监测线（元/人·年）' });
      await form.getByLabel('地区代码').fill(regionCode);
      await form.getByLabel('数值').fill('7800');
      await form.getByRole('button', { name: '添加参数' }).click();
    };
    await add(cityCode);
    await page
      .getByTestId('policy-values')
      .getByRole('row', { name: /监测线（元\/人·年）/ })
      .waitFor();

    await add(cityCode);
    await page.getByRole('alert').filter({ hasText: '已经设过这个参数' }).waitFor();
    await expectNoEnglish(page, '政策参数 after a duplicate');

    await add(cityCode.slice(0, 4));
    await page.getByRole('alert').filter({ hasText: '没有这个地区代码' }).waitFor();
    await expectNoEnglish(page, '政策参数 after an unknown region');
    await page.context().close();
  }, 240_000);
});
