import type { Role } from '@anju/domain/enums';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniquePhone } from '../access/matrix.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { chooseOption, expectResponse, openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';

let tree: RegionTree;
const users = {} as Record<Role, TestUser>;

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    users.admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id, name: '管理员甲' });
    users.official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, name: '局长乙' });
    users.worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丙' });
    users.helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id], name: '帮扶丁' });
    users.employer = await createUser(ctx.db, { role: 'employer', name: '车间戊' });
    users.resident = await createUser(ctx.db, {
      role: 'resident',
      homeSiteId: tree.siteA1.id,
      phone: uniquePhone(),
      name: '住户己',
    });
  },
});

/** Waits for the page to reach a state: a full load on a busy CI machine can take seconds. */
/**
 * How long a page may take to show what the test waits for. This file walks every menu page of
 * every role with axe on each: in the full suite on 2 loaded cores a step took over 20 s (CI),
 * while alone each takes a second or two.
 */
const STEP_TIMEOUT_MS = 45_000;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_TIMEOUT_MS, interval: 100 });

/** Each role's menu (besides 首页) and a page it must not open. */
const expected: Record<Role, { nav: string[]; forbidden: string }> = {
  resident: { nav: ['找工作', '学技能', '产业项目', '我的提醒', '我的申请'], forbidden: '/accounts' },
  helper: {
    nav: ['帮扶对象', '找工作', '学技能', '产业项目', '我的提醒', '我的申请', '住户名册'],
    forbidden: '/audit-log',
  },
  employer: { nav: ['我的岗位', '候选人', '帮扶车间', '输出到本单位的人员'], forbidden: '/audit-log' },
  worker: {
    nav: [
      '我的岗位',
      '住户名册',
      '安置点',
      '导入花名册',
      '导入记录',
      '疑似重复',
      '工作清单',
      '数据看板',
      '住户账号',
      '今日走访',
      '待办流程',
      '劳务输出',
      '公益性岗位',
      '帮扶车间',
      '补贴台账',
    ],
    forbidden: '/audit-log',
  },
  official: {
    nav: [
      '住户名册',
      '安置点',
      '工作清单',
      '数据看板',
      '审计日志',
      '督查',
      '政策参数',
      '待办流程',
      '劳务输出',
      '公益性岗位',
      '帮扶车间',
      '补贴台账',
    ],
    forbidden: '/accounts',
  },
  admin: {
    nav: [
      '我的岗位',
      '住户名册',
      '安置点',
      '导入花名册',
      '导入记录',
      '疑似重复',
      '工作清单',
      '数据看板',
      '账号管理',
      '单位认证',
      '技能库',
      '审计日志',
      '行政区划',
      '计划任务',
      '督查',
      '政策参数',
      '待办流程',
      '劳务输出',
      '公益性岗位',
      '帮扶车间',
      '补贴台账',
    ],
    forbidden: '/jobs',
  },
};

/** A page in its own context (axe needs one; cookies stay apart). */
async function newPage(width = 360): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width, height: 780 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

function signInAs(role: Role, width = 360): Promise<Page> {
  return suite.signIn(users[role].login, { width, timeoutMs: STEP_TIMEOUT_MS });
}

/** Pages shared by several roles (same component, same markup) are checked by axe once. */
const checkedByAxe = new Set<string>();
async function axeOnce(page: Page, where: string) {
  const key = new URL(page.url()).pathname;
  if (checkedByAxe.has(key)) return;
  checkedByAxe.add(key);
  await expectNoSeriousA11yViolations(page, where);
}

const navTexts = async (page: Page) =>
  (await page.getByTestId('main-nav').locator('a').allInnerTexts()).map((text) => text.trim());

describe('the portal shell', { timeout: 180_000 }, () => {
  it('shows the login page in plain Chinese, switches to English, and passes axe', async () => {
    const page = await newPage();
    await page.goto(`${suite.url}/jobs`);
    await page.waitForURL(/\/login$/);
    await poll(() => page.locator('h1').textContent()).toBe('登录安居');
    await expectNoSeriousA11yViolations(page, 'login');
    await page.getByLabel('用户名或手机号').fill(users.worker.login);
    await page.getByLabel('密码').fill('wrong-password-here');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toContain('用户名或密码不对');
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Sign in to Anju');
    await expectNoSeriousA11yViolations(page, 'login (English)');
    await page.context().close();
  });

  for (const role of Object.keys(expected) as Role[]) {
    it(`signs in as ${role}: the right menu, a 403 page for ${expected[role].forbidden}, no serious axe violations`, {
      timeout: 300_000,
    }, async () => {
      const page = await signInAs(role);
      // On a phone the menu is the bottom tab bar plus 「更多」: every entry is in it, once.
      expect((await navTexts(page)).sort()).toEqual(['首页', ...expected[role].nav].sort());
      await poll(() => page.getByTestId('home-tiles').locator('a').count()).toBe(expected[role].nav.length);
      await expectNoSeriousA11yViolations(page, `${role} home`);
      // Every page in the menu opens (placeholders included) and passes axe.
      for (const label of expected[role].nav) {
        await openFromMenu(page, label);
        // A lazily loaded page's chunk can take long on a loaded 2-core CI: wait for it, do not fail the step.
        await page
          .locator('main h1')
          .first()
          .waitFor({ timeout: 90_000 })
          .catch(async (error: Error) => {
            // Say which page never showed its heading and what it showed instead (an error, a spinner).
            const shown = await page
              .locator('main')
              .textContent({ timeout: 5_000 })
              .catch(() => '(no main)');
            throw new Error(
              `${role} ${label} (${page.url()}): no heading; main shows: ${(shown ?? '').slice(0, 300)}`,
              {
                cause: error,
              },
            );
          });
        await poll(() => page.getByTestId('forbidden').count()).toBe(0);
        await axeOnce(page, `${role} ${label}`);
      }
      await page.goto(`${suite.url}${expected[role].forbidden}`);
      await poll(() => page.getByTestId('forbidden').count()).toBe(1);
      await poll(() => page.locator('main h1').textContent()).toBe('没有权限');
      await axeOnce(page, `${role} 403`);
      await page.context().close();
    });
  }

  it('puts the phone menu in a bottom tab bar: four pages and 「更多」, a sheet that Escape closes', async () => {
    const page = await signInAs('worker');
    const nav = page.getByTestId('main-nav');
    const tabs = nav.locator('.tab');
    expect((await tabs.allInnerTexts()).map((text) => text.trim())).toEqual([
      '首页',
      '工作清单',
      '住户名册',
      '数据看板',
      '更多',
    ]);
    // The bar sits at the bottom of the screen and nothing but the top bar is above the page.
    const bar = await nav.boundingBox();
    expect(bar && bar.y + bar.height).toBe(780);
    const main = await page.locator('main').boundingBox();
    const header = await page.locator('header').boundingBox();
    expect(main && header && main.y).toBeLessThanOrEqual((header?.y ?? 0) + (header?.height ?? 0) + 1);
    const more = nav.getByTestId('nav-more');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('link', { name: '导入花名册' }).isVisible()).toBe(false);
    // By keyboard: focus 「更多」, Enter opens the sheet, Escape closes it and focus returns.
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: '导入花名册' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'worker phone menu open');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await more.evaluate((element) => element === document.activeElement)).toBe(true);
    // Choosing a page in the sheet opens it, closes the sheet and marks 「更多」 as where one is.
    await openFromMenu(page, '导入记录');
    await page.waitForURL(/\/registry\/imports$/);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await poll(() => more.getAttribute('class')).toContain('active');
    await page.context().close();
  });

  it('shows a 404 page and signs out', async () => {
    const page = await signInAs('official', 1280);
    // A wide screen keeps the row of menu buttons, in the menu's order.
    expect(await navTexts(page)).toEqual(['首页', ...expected.official.nav]);
    expect(await page.getByTestId('nav-more').count()).toBe(0);
    await page.goto(`${suite.url}/no-such-page`);
    await poll(() => page.locator('main h1').textContent()).toBe('找不到页面');
    await expectNoSeriousA11yViolations(page, '404');
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${suite.url}/dashboard`);
    await page.waitForURL(/\/login$/);
    await page.context().close();
  });

  // No retry: a second attempt would create a second resident. The data is unique per run, each
  // request the page makes is awaited and its status checked, and the page must show no query
  // error, so a failure names what went wrong (the UI, the write, or the list's refetch).
  it('lets a worker create a resident account and shows the setup code once', async () => {
    const page = await signInAs('worker');
    await openFromMenu(page, '住户账号');
    await page.getByRole('button', { name: /新建账号/ }).click();
    const dialog = page.getByRole('dialog');
    const phone = uniquePhone();
    const name = `王秀兰${phone.slice(-4)}`;
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('手机号').fill(phone);
    await chooseOption(page, dialog.locator('.ant-form-item', { hasText: '居住的安置点' }), '甲一安置点');
    await expectNoSeriousA11yViolations(page, 'create account dialog');
    // The save answers 201, then the list is fetched again (200) before the dialog closes.
    const created = await expectResponse(page, { method: 'POST', path: '/api/users', status: 201 }, () =>
      expectResponse(page, { method: 'GET', path: '/api/users', status: 200 }, () =>
        dialog.getByRole('button', { name: /保\s*存/ }).click(),
      ),
    );
    const account = (await created.json()) as { id: string; homeSiteName: string };
    expect(account.homeSiteName).toBe('甲一安置点');
    await poll(() => page.getByRole('dialog').count()).toBe(0);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.waitFor();
    expect(await page.getByTestId('query-error').count()).toBe(0);
    expect(await row.textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await expectNoSeriousA11yViolations(page, 'worker accounts');
    await expectResponse(page, { method: 'POST', path: `/api/users/${account.id}/setup-code`, status: 201 }, () =>
      row.getByRole('button', { name: /生成激活码/ }).click(),
    );
    await poll(() => page.getByTestId('setup-code').textContent()).toMatch(/^\d{6}$/);
    await page.context().close();
  });

  it('says so when the accounts list fails to load, and 重试 loads it', async () => {
    const page = await signInAs('worker');
    // The browser sees the API answer 503 (an overloaded server) for the list, nothing else.
    const isList = (url: URL) => url.pathname === '/api/users';
    await page.route(isList, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: { 'retry-after': '1' },
        body: JSON.stringify({ type: 'about:blank', title: 'unavailable', status: 503 }),
      }),
    );
    await openFromMenu(page, '住户账号');
    await poll(() => page.getByTestId('query-error').textContent()).toContain('系统正忙');
    await expectNoSeriousA11yViolations(page, 'accounts load error');
    await page.unroute(isList);
    await expectResponse(page, { method: 'GET', path: '/api/users', status: 200 }, () =>
      page
        .getByTestId('query-error')
        .getByRole('button', { name: /重\s*试/ })
        .click(),
    );
    await page.getByRole('row', { name: /住户己/ }).waitFor();
    expect(await page.getByTestId('query-error').count()).toBe(0);
    await page.context().close();
  });

  it('lets an admin page through accounts and the audit log', async () => {
    const page = await signInAs('admin', 1280);
    await openFromMenu(page, '账号管理');
    await page.getByRole('row', { name: /网格员丙/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'admin accounts');
    await openFromMenu(page, '审计日志');
    await page.getByRole('row', { name: /登录/ }).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'audit log');
    await page.context().close();
  });
});
