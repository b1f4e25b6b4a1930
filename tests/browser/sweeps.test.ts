import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { zh } from '../../web/src/i18n/messages.ts';
import { launchBrowser, signInPage } from '../support/browser.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { openEachControl, sweepPages } from '../support/page-sweep.ts';
import { startTestPlatform } from '../support/platform.ts';
import { englishWordsOn } from '../support/sweeps.ts';

// Issue 19: every menu page of every demo role, and one of each detail page reachable from them
// (a job, a household, a person, a site, a programme's record...), on a 360 px phone: fits the
// screen, axe finds nothing serious or critical, and it shows no English word or raw code. One
// browser context per role; the demo data fills the pages. The walk: tests/support/page-sweep.ts.

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

describe('sweeps over every page of every role at 360 px', () => {
  for (const account of demoAccounts) {
    it(`${account.login}: no overflow, no serious axe finding, no English on any page`, {
      timeout: 900_000,
    }, async () => {
      const page = await signInPage(browser, platform.url, account.login, {
        password: DEMO_PASSWORD,
        timeoutMs: 45_000,
      });
      const { findings, visited } = await sweepPages(page, platform.url, {
        name: account.login,
        homeLabel: '首页',
        language: englishWordsOn,
        onPage: openEachControl(zh),
      });
      expect(findings, `findings on the pages of ${account.login} (details: ${visited.join(', ')})`).toEqual({
        overflow: {},
        axe: {},
        language: {},
      });
      await page.context().close();
    });
  }
});
