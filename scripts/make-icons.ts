import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * `node --import tsx scripts/make-icons.ts`: draws web/public/icon.svg as the PNG icons the
 * manifest names (192 and 512 px; Android's install prompt wants PNGs), with Debian's Chromium.
 */
const publicDir = path.resolve('web/public');
const svg = await readFile(path.join(publicDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    // The 安 glyph needs a CJK font, which a build machine may lack (it drew a blank box): the
    // PNGs show the house with a door instead; the SVG keeps the glyph for the phone's own fonts.
    const sized = svg
      .replace('<svg ', `<svg width="${size}" height="${size}" `)
      .replace(/<text[^>]*>[^<]*<\/text>/, '<rect x="216" y="300" width="80" height="116" rx="8" fill="#b4441e" />');
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: path.join(publicDir, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
