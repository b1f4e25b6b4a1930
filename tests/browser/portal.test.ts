import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { startTestPlatform } from '../support/platform.ts';

let ctx: TestContext;
let platform: RunningPlatform;
let browser: Browser;
beforeAll(async () => {
  ctx = await createTestContext();
  platform = await startTestPlatform(ctx);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await ctx?.close();
});

describe('the portal in Chromium', () => {
  it('shows the name in Chinese, the health of each part, and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(platform.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('安居');
    await expect.poll(() => page.getByTestId('health-db').getAttribute('data-status')).toBe('ok');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Anju');
    await page.close();
  });
});
