import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { seriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, openFromMenu, signInPage } from '../support/browser.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { startTestPlatform } from '../support/platform.ts';
import { englishWordsOn, horizontalOverflow } from '../support/sweeps.ts';

// Issue 19: every menu page of every demo role, and one of each detail page reachable from them
// (a job, a household, a person, a site, a programme's record...), on a 360 px phone: fits the
// screen, axe finds nothing serious or critical, and it shows no English word or raw code. One
// browser context per role; the demo data fills the pages.

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

/**
 * The detail pages a menu page links to, one of each kind: a link in `main` whose path matches one
 * of these is visited once per role (the first one found), and the links on it are followed too.
 */
const DETAIL_PAGES: RegExp[] = [
  /^\/jobs\/\d+$/,
  /^\/registry\/households\/\d+$/,
  /^\/registry\/persons\/\d+\/edit$/,
  /^\/registry\/sites\/\d+$/,
  /^\/tracking\/households\/\d+$/,
  /^\/tracking\/households\/\d+\/visit$/,
  /^\/tracking\/sites\/\d+$/,
  /^\/programmes\/labour-export\/\d+$/,
  /^\/programmes\/labour-export\/members\/\d+$/,
  /^\/programmes\/welfare-posts\/\d+$/,
  /^\/programmes\/workshops\/\d+$/,
  /^\/postings\/(?:\w+\/)?\d+\/edit$/,
  /^\/postings\/(?:\w+\/)?new$/,
];

/** Pages every role opens outside the menu: the bell's inbox and its settings. */
const BELL_PAGES = ['/notifications', '/notifications/settings'];

/** The paths of the links in `main` that lead to a kind of detail page not yet `seen`. */
async function detailLinks(page: Page, seen: Set<RegExp>): Promise<string[]> {
  const hrefs = await page
    .locator('main a[href^="/"]')
    .evaluateAll((links) =>
      links.map(
        (link) => new URL((link as HTMLAnchorElement).href).pathname + new URL((link as HTMLAnchorElement).href).search,
      ),
    );
  const found: string[] = [];
  for (const href of hrefs) {
    const pattern = DETAIL_PAGES.find((candidate) => !seen.has(candidate) && candidate.test(href.split('?')[0] ?? ''));
    if (!pattern) continue;
    seen.add(pattern);
    found.push(href);
  }
  return found;
}

describe('sweeps over every page of every role at 360 px', () => {
  for (const account of demoAccounts) {
    it(`${account.login}: no overflow, no serious axe finding, no English on any page`, {
      timeout: 900_000,
    }, async () => {
      const page = await signInPage(browser, platform.url, account.login, {
        password: DEMO_PASSWORD,
        timeoutMs: STEP_TIMEOUT_MS,
      });
      const labels = (await page.getByTestId('main-nav').locator('a').allInnerTexts())
        .map((text) => text.trim())
        .filter((label) => label !== '首页');
      const english: Record<string, string[]> = {};
      const overflow: Record<string, string> = {};
      const axe: Record<string, string[]> = {};
      const seen = new Set<RegExp>();
      const details: string[] = [];
      const sweep = async (where: string, previousHeading: string | null) => {
        await settled(page, where, previousHeading);
        const before = JSON.stringify({ overflow, axe, english }).length;
        const wide = await horizontalOverflow(page);
        if (wide) overflow[where] = wide;
        const words = await englishWordsOn(page);
        if (words.length > 0) english[where] = words;
        const findings = await seriousA11yViolations(page);
        if (findings.length > 0) axe[where] = findings.map((finding) => `${finding.id}: ${finding.nodes.join(' | ')}`);
        details.push(...(await detailLinks(page, seen)));
        // Said as found: a sweep stopped by its timeout still names what it had found.
        if (JSON.stringify({ overflow, axe, english }).length !== before)
          console.warn(`sweep finding on ${where}:`, overflow[where] ?? '', axe[where] ?? '', english[where] ?? '');
      };
      await sweep(`${account.login} 首页`, null);
      for (const label of labels) {
        const before = { url: page.url(), heading: await heading(page) };
        await openFromMenu(page, label);
        await expect.poll(() => page.url(), { timeout: STEP_TIMEOUT_MS }).not.toBe(before.url);
        await sweep(`${account.login} ${label}`, before.heading);
      }
      // Detail pages found on the menu pages, and those found on them in turn; then the bell's pages.
      const visited: string[] = [];
      for (let next = details.shift(); next; next = details.shift()) {
        visited.push(next);
        await page.goto(`${platform.url}${next}`);
        await sweep(`${account.login} ${next}`, null);
      }
      for (const path of BELL_PAGES) {
        await page.goto(`${platform.url}${path}`);
        await sweep(`${account.login} ${path}`, null);
      }
      // Every page is checked before failing, so one run names every finding.
      expect(
        { overflow, axe, english },
        `findings on the pages of ${account.login} (details: ${visited.join(', ')})`,
      ).toEqual({
        overflow: {},
        axe: {},
        english: {},
      });
      await page.context().close();
    });
  }
});
