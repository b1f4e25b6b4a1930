import { type Browser, type BrowserContext, chromium, type Locator, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from './fixtures.ts';

/** Debian's Chromium, driven by playwright-core (no downloaded browser builds here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context (phone-sized by default) signed in to the portal as `login`. `prepare`
 * runs on the context before its first page opens (a recorder of what the API sends, for one).
 */
export async function signInPage(
  browser: Browser,
  portalUrl: string,
  login: string,
  options: {
    width?: number;
    timeoutMs?: number;
    password?: string;
    prepare?: (context: BrowserContext) => Promise<unknown>;
  } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 360, height: 780 } });
  context.setDefaultTimeout(options.timeoutMs ?? 30_000);
  await options.prepare?.(context);
  const page = await context.newPage();
  await page.goto(`${portalUrl}/login`);
  await page.getByLabel('用户名或手机号').fill(login);
  await page.getByLabel('密码').fill(options.password ?? TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('main-nav').waitFor();
  return page;
}

/**
 * Chooses `label` in the antd Select inside `field` (its form item) and waits until the field
 * shows it. On two loaded cores a click on the option has been seen not to take (the field stayed
 * empty for 45 s, so the form refused to save and no request was ever sent): the choice is checked,
 * and the dropdown opened and the option clicked again (choosing it twice is harmless). A click
 * on the option that does not land within 10 s counts as a failed try, not a failed test.
 */
export async function chooseOption(page: Page, field: Locator, label: string, attempts = 3): Promise<void> {
  const shown = field.locator('.ant-select-content-has-value', { hasText: label });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const option = page.locator(`.ant-select-item-option[title="${label}"]:visible`);
    if (!(await option.isVisible())) await field.getByRole('combobox').click();
    // Bounded: in a dialog still sliding in, the label above the field has been seen to take
    // the click and the dropdown to close, and an unbounded click then waits out the whole test.
    const clicked = await option.click({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (
      clicked &&
      (await shown.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      return;
  }
  throw new Error(`the select did not take "${label}" after ${attempts} tries`);
}

/**
 * Runs a UI action and returns the API response it causes, after checking its status: a test
 * then fails saying what the server answered rather than waiting for a row that never comes.
 */
export async function expectResponse(
  page: Page,
  match: { method: string; path: string | RegExp; status: number },
  action: () => Promise<unknown>,
): Promise<Response> {
  const matches = (url: string) => {
    const { pathname } = new URL(url);
    return typeof match.path === 'string' ? pathname === match.path : match.path.test(pathname);
  };
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === match.method && matches(r.url())),
    action(),
  ]);
  expect(response.status(), `${match.method} ${response.url()}: ${await response.text().catch(() => '')}`).toBe(
    match.status,
  );
  return response;
}

/**
 * Opens a page of the signed-in role's menu by its label. On a phone the menu is a bottom tab
 * bar: a page that is not one of its tabs sits under 「更多」, which is opened first.
 */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  const nav = page.getByTestId('main-nav');
  const link = nav.getByRole('link', { name: label });
  if (!(await link.isVisible())) await nav.getByTestId('nav-more').click();
  await link.click();
}
