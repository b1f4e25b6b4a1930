import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();

describe('the portal in Chromium', () => {
  it('shows the name in Chinese, the health of each part, and switches to English', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(suite.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('安居');
    await expect.poll(() => page.getByTestId('health-db').getAttribute('data-status')).toBe('ok');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Anju');
    await page.close();
  });
});
