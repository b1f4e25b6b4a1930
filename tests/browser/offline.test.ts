import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser-suite.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn, type TestUser } from '../support/fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

let tree: RegionTree;
let worker: TestUser;
const households: TestHousehold[] = [];
const numbers = ['LX-1', 'LX-2', 'LX-3'];
const heads = ['王秀兰', '杨德明', '龙金花'];

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丙' });
    for (const [index, householdNumber] of numbers.entries())
      households.push(
        await createHousehold(ctx.db, {
          siteId: tree.siteA1.id,
          householdNumber,
          responsibleWorkerId: worker.id,
          members: [{ name: heads[index], relation: 'head' }],
        }),
      );
  },
});

const queued = (page: Page, householdNumber: string) =>
  page.locator(`[data-testid="queued"][data-household="${householdNumber}"]`);

/** Every value of the offline store as raw bytes decoded as text, straight from IndexedDB. */
const rawStore = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ key: string; iv: number; bytes: number; text: string }[]>((resolve, reject) => {
        const open = indexedDB.open('anju-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('sealed', 'readonly').objectStore('sealed');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            resolve(
              values.result.map((value, index) => {
                const sealed = value as { iv?: Uint8Array; data?: ArrayBuffer };
                return {
                  key: String(keys.result[index]),
                  iv: sealed.iv?.length ?? 0,
                  bytes: sealed.data?.byteLength ?? 0,
                  text: sealed.data ? new TextDecoder().decode(sealed.data) : JSON.stringify(value),
                };
              }),
            );
            db.close();
          };
        };
      }),
  );

/** 设置离线密码: asked once the households are kept; the list shows after it. */
async function setPin(page: Page, pin: string) {
  await page.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill(pin);
  await page.getByLabel('再输一次离线密码', { exact: true }).fill(pin);
  await page.getByRole('button', { name: '设好密码' }).click();
}

// Each test walks many steps on a phone-sized page (PBKDF2 for the PIN, service worker, sync): on
// two busy cores that takes minutes, not the default 60 s. Each step still waits on a state.
describe('今日走访 without signal', { timeout: 300_000 }, () => {
  it('records three visits offline; back online two land, one conflicts and the worker resolves it', async () => {
    const page = await suite.signIn(worker.login, { timeoutMs: 30_000 });
    await page.getByRole('link', { name: '今日走访' }).first().click();
    await page.waitForURL(/\/today$/);
    // Keeping households asks for the offline PIN first (a cold open without signal needs it).
    await setPin(page, '2468');
    for (const number of numbers)
      await page.locator(`[data-testid="pack-household"][data-household="${number}"]`).waitFor();

    await page.context().setOffline(true);
    await page.getByTestId('network').getByText('离线').waitFor();
    for (const [index, number] of numbers.entries()) {
      await page
        .locator(`[data-testid="pack-household"][data-household="${number}"]`)
        .getByRole('button', { name: /记录走访/ })
        .click();
      await page.getByLabel('发现的情况').fill(`离线发现${index + 1}：家里有人外出务工`);
      await page.getByLabel('工资性收入').fill('2400');
      await page.getByRole('button', { name: /保存到手机/ }).click();
      await queued(page, number).and(page.locator('[data-state="pending"]')).getByText('待同步').waitFor();
    }
    // 360 px: nothing runs off the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // A lost phone: what IndexedDB holds is ciphertext, no name, number or finding in it.
    const stored = await rawStore(page);
    const sealed = stored.filter((entry) => entry.key !== 'meta');
    expect(sealed.map((entry) => entry.key).sort()).toEqual(['pack', 'queue']);
    for (const entry of sealed) {
      expect(entry.iv).toBe(12);
      expect(entry.bytes).toBeGreaterThan(100);
    }
    const everything = stored.map((entry) => entry.text).join('\n');
    for (const plain of [...numbers, ...heads, '离线发现', '2400']) expect(everything).not.toContain(plain);

    // Meanwhile, another worker changes the second household on the server.
    const other = await createUser(suite.ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const otherCookie = await signIn(suite.ctx.app, other.login);
    const patch = await call(suite.ctx.app, 'PATCH', `/api/households/${households[1]?.id}`, {
      cookie: otherCookie,
      body: { version: 1, room: '302' },
    });
    expect(patch.status).toBe(200);

    await page.context().setOffline(false);
    await queued(page, 'LX-1').and(page.locator('[data-state="synced"]')).getByText('已同步').waitFor();
    await queued(page, 'LX-3').and(page.locator('[data-state="synced"]')).waitFor();
    const conflict = queued(page, 'LX-2').and(page.locator('[data-state="conflict"]'));
    await conflict.getByText('有冲突').waitFor();
    expect(await conflict.textContent()).toContain('户信息已更新');
    expect(await conflict.textContent()).toContain('离线发现2');
    await conflict.getByRole('button', { name: '保留我的' }).click();
    await queued(page, 'LX-2').and(page.locator('[data-state="synced"]')).waitFor();

    const visits = await suite.ctx.db
      .selectFrom('visits')
      .select(['householdId', 'findings'])
      .where(
        'householdId',
        'in',
        households.map((h) => h.id),
      )
      .execute();
    expect(visits).toHaveLength(3);
    expect(visits.map((v) => v.findings).sort()).toEqual([1, 2, 3].map((n) => `离线发现${n}：家里有人外出务工`));

    // Logout wipes the phone's copy.
    await page.goto(`${suite.url}/today`);
    await page.getByTestId('pack-state').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /下载今日走访名单/ }).isEnabled()).toBe(true);
    expect((await rawStore(page)).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login/);
    await expect.poll(() => rawStore(page)).toEqual([]);
  });
});

describe('今日走访 after the browser was closed without signal (cold open)', { timeout: 300_000 }, () => {
  it('opens the kept households with the offline PIN, the visit syncs exactly once; five wrong PINs wipe', async () => {
    const coldWorker = await createUser(suite.ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const household = await createHousehold(suite.ctx.db, {
      siteId: tree.siteA1.id,
      householdNumber: 'LX-9',
      responsibleWorkerId: coldWorker.id,
      members: [{ name: '石光荣', relation: 'head' }],
    });
    const page = await suite.signIn(coldWorker.login, { timeoutMs: 30_000 });
    const context = page.context();
    await page.goto(`${suite.url}/today`);
    await page.getByTestId('pack-state').waitFor();
    // The list stays hidden until the worker sets the PIN that opens it later.
    expect(await page.getByTestId('pack-household').count()).toBe(0);
    await page.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('12');
    await page.getByLabel('再输一次离线密码', { exact: true }).fill('12');
    await page.getByRole('button', { name: '设好密码' }).click();
    await page.getByText('请输入 4 到 6 位数字').waitFor();
    await setPin(page, '4826');
    await page.locator('[data-testid="pack-household"][data-household="LX-9"]').waitFor();

    // The service worker controls the page; a reload under it keeps every asset of /today.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await page.locator('[data-testid="pack-household"][data-household="LX-9"]').waitFor();

    // The stored data is ciphertext: the PIN-sealed key and the pack hold no name or number.
    const stored = await rawStore(page);
    for (const plain of ['LX-9', '石光荣', '4826']) expect(stored.map((e) => e.text).join('\n')).not.toContain(plain);

    // The browser is closed in a village: no page left, no signal, then opened again.
    await page.close();
    await context.setOffline(true);
    const cold = await context.newPage();
    await cold.goto(`${suite.url}/today`);
    await cold.waitForURL(/\/offline$/);
    await cold.getByRole('heading', { name: /输入离线密码/ }).waitFor();
    expect(await cold.getByTestId('pack-household').count()).toBe(0);
    await cold.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('1111');
    await cold.getByRole('button', { name: '打开', exact: true }).click();
    await cold.getByText('密码不对，还可以试 4 次').waitFor();
    await cold.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('4826');
    await cold.getByRole('button', { name: '打开', exact: true }).click();
    const kept = cold.locator('[data-testid="pack-household"][data-household="LX-9"]');
    await kept.waitFor();
    await kept.getByRole('button', { name: /记录走访/ }).click();
    await cold.getByLabel('发现的情况').fill('冷启动离线记录：老人身体还好');
    await cold.getByRole('button', { name: /保存到手机/ }).click();
    await queued(cold, 'LX-9').and(cold.locator('[data-state="pending"]')).getByText('待同步').waitFor();
    expect(await cold.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Signal again: the queued visit goes up once, however often the queue syncs.
    await context.setOffline(false);
    await queued(cold, 'LX-9').and(cold.locator('[data-state="synced"]')).getByText('已同步').waitFor();
    const visitsOf = () =>
      suite.ctx.db.selectFrom('visits').select(['findings']).where('householdId', '=', household.id).execute();
    expect(await visitsOf()).toEqual([{ findings: '冷启动离线记录：老人身体还好' }]);

    // Closed again without signal; five wrong PINs wipe what the phone keeps.
    await cold.close();
    await context.setOffline(true);
    const thief = await context.newPage();
    await thief.goto(`${suite.url}/today`);
    await thief.getByRole('heading', { name: /输入离线密码/ }).waitFor();
    for (const left of [4, 3, 2, 1]) {
      await thief.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('0000');
      await thief.getByRole('button', { name: '打开', exact: true }).click();
      await thief.getByText(`密码不对，还可以试 ${left} 次`).waitFor();
    }
    await thief.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('0000');
    await thief.getByRole('button', { name: '打开', exact: true }).click();
    await thief.getByText('密码输错太多次').waitFor();
    expect(await rawStore(thief)).toEqual([]);
    await context.setOffline(false);
    expect(await visitsOf()).toHaveLength(1);
    await context.close();
  });
});

describe('今日走访 when the phone is connected but nothing answers (issue 22)', { timeout: 300_000 }, () => {
  it('opens the kept shell and the offline PIN form although every request hangs', async () => {
    const hungWorker = await createUser(suite.ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    await createHousehold(suite.ctx.db, {
      siteId: tree.siteA1.id,
      householdNumber: 'LX-7',
      responsibleWorkerId: hungWorker.id,
      members: [{ name: '吴玉珍', relation: 'head' }],
    });
    const page = await suite.signIn(hungWorker.login, { timeoutMs: 30_000 });
    const context = page.context();
    await page.goto(`${suite.url}/today`);
    await setPin(page, '5173');
    await page.locator('[data-testid="pack-household"][data-household="LX-7"]').waitFor();
    // Under the service worker once, so it keeps the shell and every asset of /today.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await page.locator('[data-testid="pack-household"][data-household="LX-7"]').waitFor();
    await page.close();

    // A village network that says "connected" but never answers: no request is ever fulfilled,
    // the service worker's own requests included (Chromium routes them through the context too).
    const hung: string[] = [];
    await context.route('**/*', (route) => {
      hung.push(new URL(route.request().url()).pathname);
    });
    const cold = await context.newPage();
    await cold.goto(`${suite.url}/today`);
    expect(await cold.evaluate(() => navigator.onLine)).toBe(true);
    await cold.waitForURL(/\/offline$/);
    await cold.getByRole('heading', { name: /输入离线密码/ }).waitFor();
    // The page was asked of the network, and the session check too: both hung, neither answered.
    expect(hung).toContain('/today');
    expect(hung).toContain('/api/auth/me');
    await cold.getByLabel('离线密码（4 到 6 位数字）', { exact: true }).fill('5173');
    await cold.getByRole('button', { name: '打开', exact: true }).click();
    await cold.locator('[data-testid="pack-household"][data-household="LX-7"]').waitFor();
    await context.close();
  });
});

describe('a page asked for without signal when no shell was ever kept (issue 22)', { timeout: 300_000 }, () => {
  it('shows the portal’s own page in Chinese (English when the portal was set to English), not the browser’s error page', async () => {
    const page = await suite.newPage();
    const context = page.context();
    await page.goto(`${suite.url}/login`);
    // The service worker installed and controls the origin; then the phone's storage was cleared.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await page.waitForLoadState('networkidle');
    const keptShell = () =>
      page.evaluate(async () => {
        for (const name of await caches.keys()) await caches.delete(name);
        return Boolean(await caches.match('/index.html'));
      });
    expect(await keptShell()).toBe(false);
    await page.close();

    await context.setOffline(true);
    const cold = await context.newPage();
    const response = await cold.goto(`${suite.url}/today`);
    expect(response?.status()).toBe(503);
    const never = cold.getByTestId('never-kept');
    await never.getByRole('heading', { name: '没有网络，无法打开' }).waitFor();
    expect(await never.textContent()).toContain('离线时无法打开');
    expect(await never.textContent()).toContain('请联网后再试');
    await expectNoHorizontalOverflow(cold);
    await expectNoEnglish(cold);

    // The portal set to English (web/src/i18n/i18n.ts keeps the choice): 再试一次 asks again,
    // still without signal, and the same page answers in English.
    await cold.evaluate(() => localStorage.setItem('anju.lang', 'en'));
    const again = cold.waitForResponse((answer) => new URL(answer.url()).pathname === '/today');
    await never.getByRole('button', { name: '再试一次' }).click();
    expect((await again).status()).toBe(503);
    await never.getByRole('heading', { name: 'No connection: cannot open' }).waitFor();
    expect(await cold.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await never.getByRole('button').textContent()).toBe('Try again');
    await expectNoHorizontalOverflow(cold);
    await context.close();
  });
});
