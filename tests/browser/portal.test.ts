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

  it('fetches the English strings only when English is chosen, and before the first frame after a reload', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 } });
    const english = (url: string) => /\/assets\/messages\.en-[^/]+\.js$/.test(new URL(url).pathname);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (english(request.url())) asked.push(request.url());
    });
    await page.goto(suite.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('安居');
    expect(asked).toEqual([]);

    const fetched = page.waitForResponse((response) => english(response.url()));
    await page.getByRole('button', { name: 'English' }).click();
    expect((await fetched).status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Anju');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // Reloaded with English stored: the first frame is already English (no Chinese frame first).
    const again = page.waitForResponse((response) => english(response.url()));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { firstHeadings: string[] }).firstHeadings = seen;
      new MutationObserver(() => {
        const heading = document.querySelector('h1')?.textContent;
        if (heading && seen.length === 0) seen.push(heading);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.reload();
    expect((await again).status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Anju');
    expect(await page.evaluate(() => (window as unknown as { firstHeadings: string[] }).firstHeadings[0])).toContain(
      'Anju',
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByRole('button', { name: /^中\s?文$/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('安居');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.close();
  });
});
