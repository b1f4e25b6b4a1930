import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import { openFromMenu } from './browser.ts';
import { horizontalOverflow } from './sweeps.ts';

// Issue 19: the walk of tests/browser/sweeps*.test.ts — every menu page of a signed-in role, one
// of each detail page reachable from them, and the bell's pages — with the same checks on each:
// fits a 360 px screen, axe finds nothing serious or critical, and the page speaks its language.

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
export async function settled(page: Page, where: string, previousHeading: string | null): Promise<void> {
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

export interface SweepFindings {
  overflow: Record<string, string>;
  axe: Record<string, string[]>;
  /** Words not in the page's language: English on a zh page, Chinese or a raw code on an en page. */
  language: Record<string, string[]>;
}

export interface SweepOptions {
  /** Names the pages in the findings (the account's login). */
  name: string;
  /** The menu's label of the home page, which is where the walk starts. */
  homeLabel: string;
  /** The words on the page as it is now that are not in its language. */
  language: (page: Page) => Promise<string[]>;
  /**
   * Runs after a page is checked, with a `check` that runs the same checks on what is shown now:
   * opens the page's dialogs, drawers and folded forms one by one and checks each.
   */
  onPage?: (page: Page, where: string, check: (what: string) => Promise<void>) => Promise<void>;
}

/**
 * Walks the signed-in `page`: home, every menu page, the detail pages found on them (and on those),
 * the bell's pages. Every page is checked before anything fails, so one run names every finding;
 * each finding is also logged as found, so a walk stopped by its timeout still names what it had.
 */
export async function sweepPages(
  page: Page,
  portalUrl: string,
  options: SweepOptions,
): Promise<{ findings: SweepFindings; visited: string[] }> {
  const findings: SweepFindings = { overflow: {}, axe: {}, language: {} };
  const check = async (where: string) => {
    const before = JSON.stringify(findings).length;
    const wide = await horizontalOverflow(page);
    if (wide) findings.overflow[where] = wide;
    const words = await options.language(page);
    if (words.length > 0) findings.language[where] = words;
    const axe = await seriousA11yViolations(page);
    if (axe.length > 0) findings.axe[where] = axe.map((finding) => `${finding.id}: ${finding.nodes.join(' | ')}`);
    if (JSON.stringify(findings).length !== before)
      console.warn(
        `sweep finding on ${where}:`,
        findings.overflow[where] ?? '',
        findings.axe[where] ?? '',
        findings.language[where] ?? '',
      );
  };
  const labels = (await page.getByTestId('main-nav').locator('a').allInnerTexts())
    .map((text) => text.trim())
    .filter((label) => label !== options.homeLabel);
  const seen = new Set<RegExp>();
  const details: string[] = [];
  const sweep = async (where: string, previousHeading: string | null) => {
    await settled(page, where, previousHeading);
    await check(where);
    details.push(...(await detailLinks(page, seen)));
    await options.onPage?.(page, where, (what) => check(`${where} › ${what}`));
  };
  await sweep(`${options.name} ${options.homeLabel}`, null);
  for (const label of labels) {
    const before = { url: page.url(), heading: await heading(page) };
    await openFromMenu(page, label);
    await expect.poll(() => page.url(), { timeout: STEP_TIMEOUT_MS }).not.toBe(before.url);
    await sweep(`${options.name} ${label}`, before.heading);
  }
  const visited: string[] = [];
  for (let next = details.shift(); next; next = details.shift()) {
    visited.push(next);
    await page.goto(`${portalUrl}${next}`);
    await sweep(`${options.name} ${next}`, null);
  }
  for (const path of BELL_PAGES) {
    await page.goto(`${portalUrl}${path}`);
    await sweep(`${options.name} ${path}`, null);
  }
  return { findings, visited };
}

/**
 * The buttons that open a dialog, a confirmation or a folded part without changing anything, by
 * their message key: opened once per account on the first page that has them.
 */
const OPENERS = [
  'accounts.create',
  'assignments.handOver',
  'assignments.linkPerson',
  'accounts.disable',
  'regions.addRoot',
  'regions.import.title',
  'matching.apply.job',
];

function messageAt(messages: unknown, key: string): string | undefined {
  let at: unknown = messages;
  for (const part of key.split('.'))
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

/** What may show after a control is opened: a dialog, a drawer, a popover or the apply confirmation. */
const OPENED = '.ant-modal-wrap:visible, .ant-drawer-open, .ant-popover:visible, main .confirm-box';

/**
 * Issue 19, the parts of a page reached only by a button: opens each folded form (`details`), each
 * tab not shown and each of the OPENERS on the page, once per account (by its label), and checks
 * what is shown then. A dialog or popover is closed again with Escape.
 */
export function openEachControl(messages: unknown): NonNullable<SweepOptions['onPage']> {
  const opened = new Set<string>();
  return async (page, _where, check) => {
    const summaries = (await page.locator('main details:not([open]) > summary').allInnerTexts()).map((label) =>
      label.trim(),
    );
    for (const label of new Set(summaries)) {
      if (opened.has(`summary ${label}`)) continue;
      opened.add(`summary ${label}`);
      const summary = page.locator('main details:not([open]) > summary', { hasText: label }).first();
      if (!(await summary.isVisible())) continue;
      await summary.click();
      await page.waitForLoadState('networkidle');
      await check(label);
    }
    const tabs = (await page.locator('main [role="tab"][aria-selected="false"]').allInnerTexts()).map((label) =>
      label.trim(),
    );
    for (const label of new Set(tabs)) {
      if (opened.has(`tab ${label}`)) continue;
      opened.add(`tab ${label}`);
      await page.locator('main [role="tab"]', { hasText: label }).first().click();
      await page.waitForLoadState('networkidle');
      await check(label);
    }
    for (const key of OPENERS) {
      const name = messageAt(messages, key);
      if (!name || opened.has(key)) continue;
      const button = page.locator('main').getByRole('button', { name }).first();
      if (!(await button.isVisible())) continue;
      opened.add(key);
      await button.click();
      // The pointer leaves the button, so its hover colour is not what axe measures.
      await page.mouse.move(0, 0);
      // A dialog, drawer or popover is waited for; a control that opens its content in the page
      // itself (a form shown below the button) has nothing to wait for and is checked as it stands.
      await page
        .locator(OPENED)
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
      await page.waitForLoadState('networkidle');
      await check(name);
      await page.keyboard.press('Escape');
    }
  };
}
