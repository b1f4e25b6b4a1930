import { type Browser, chromium, type Page } from 'playwright-core';
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

/** A fresh browser context (phone-sized by default) signed in to the portal as `login`. */
export async function signInPage(
  browser: Browser,
  portalUrl: string,
  login: string,
  options: { width?: number; timeoutMs?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 360, height: 780 } });
  context.setDefaultTimeout(options.timeoutMs ?? 30_000);
  const page = await context.newPage();
  await page.goto(`${portalUrl}/login`);
  await page.getByLabel('用户名或手机号').fill(login);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('main-nav').waitFor();
  return page;
}
