import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { en, zh } from '../../web/src/i18n/messages.ts';
import { launchBrowser, signInPage } from '../support/browser.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { openEachControl, sweepPages } from '../support/page-sweep.ts';
import { startTestPlatform } from '../support/platform.ts';
import { nonEnglishOn, recordApiStrings } from '../support/sweeps.ts';

// Issue 19, the en locale: the walk of sweeps.test.ts in English shows no Chinese but data (a
// household's name, a region, an address: what the API sent) and no message key or raw code.
// Four accounts whose menus together hold every menu page but 帮扶对象 (the helper's only own
// page): the resident, the employer, the worker and the admin (who has every page an official has).
const ACCOUNTS = ['demo-resident', 'demo-employer', 'demo-worker', 'demo-admin'];

let ctx: TestContext;
let platform: RunningPlatform;
let browser: Browser;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedOnEmptyDatabase(ctx.deps);
  await drain(ctx);
  platform = await startTestPlatform(ctx);
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await ctx?.close();
});

describe('sweeps in English at 360 px', () => {
  for (const login of ACCOUNTS) {
    it(`${login}: no overflow, no serious axe finding, no Chinese but data on any page`, {
      timeout: 900_000,
    }, async () => {
      const page = await signInPage(browser, platform.url, login, { password: DEMO_PASSWORD, timeoutMs: 45_000 });
      const data = recordApiStrings(page);
      await page.evaluate(() => localStorage.setItem('anju.lang', 'en'));
      await page.reload();
      await page.getByTestId('main-nav').getByRole('link', { name: 'Home' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const { findings, visited } = await sweepPages(page, platform.url, {
        name: login,
        homeLabel: 'Home',
        language: (shown) => nonEnglishOn(shown, data, { zh, en }),
        onPage: openEachControl(en),
      });
      expect(findings, `findings on the pages of ${login} (details: ${visited.join(', ')})`).toEqual({
        overflow: {},
        axe: {},
        language: {},
      });
      await page.context().close();
    });
  }
});
