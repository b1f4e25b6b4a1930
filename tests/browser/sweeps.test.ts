import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { launchBrowser, openFromMenu, signInPage } from '../support/browser.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { startTestPlatform } from '../support/platform.ts';
import { englishWordsOn, expectNoHorizontalOverflow } from '../support/sweeps.ts';

// Issue 19: every menu page of every demo role, on a 360 px phone, fits the screen and shows no
// English word or raw code. One browser context per role; the demo data fills the pages.

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

const STEP_TIMEOUT_MS = 45_000;

const heading = (page: Page) =>
  page
    .locator('main h1')
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);

/**
 * Waits until the new page shows its own heading (the last page stays on screen while the next
 * one's code loads) and nothing is loading any more.
 */
async function settled(page: Page, where: string, previousHeading: string | null) {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(async () => ((await heading(page)) ?? previousHeading) !== previousHeading, {
      timeout: 90_000,
      message: `${where}: no heading of its own`,
    })
    .toBe(true);
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('main .ant-spin-spinning, main .ant-skeleton').count(), { timeout: STEP_TIMEOUT_MS })
    .toBe(0);
}

describe('sweeps over every page of every role at 360 px', () => {
  for (const account of demoAccounts) {
    it(`${account.role}: no horizontal overflow, no English on any menu page`, { timeout: 300_000 }, async () => {
      const page = await signInPage(browser, platform.url, account.login, {
        password: DEMO_PASSWORD,
        timeoutMs: STEP_TIMEOUT_MS,
      });
      const labels = (await page.getByTestId('main-nav').locator('a').allInnerTexts())
        .map((text) => text.trim())
        .filter((label) => label !== '首页');
      const found: Record<string, string[]> = {};
      const sweep = async (where: string, previousHeading: string | null) => {
        await settled(page, where, previousHeading);
        await expectNoHorizontalOverflow(page, where);
        const words = await englishWordsOn(page);
        if (words.length > 0) found[where] = words;
      };
      await sweep(`${account.role} 首页`, null);
      for (const label of labels) {
        const before = { url: page.url(), heading: await heading(page) };
        await openFromMenu(page, label);
        await expect.poll(() => page.url(), { timeout: STEP_TIMEOUT_MS }).not.toBe(before.url);
        await sweep(`${account.role} ${label}`, before.heading);
      }
      // Every page is checked before failing, so one run names every untranslated word.
      expect(found, 'English words on Chinese pages').toEqual({});
      await page.context().close();
    });
  }
});
