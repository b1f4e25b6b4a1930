import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What runs off the side of the page (issue 19: a 「搜索」 button 18 px off screen): undefined when
 * the page fits the viewport, else the page's width and the first elements too wide.
 */
export async function horizontalOverflow(page: Page): Promise<string | undefined> {
  const sizes = await page.evaluate(() => {
    const wide = Array.from(document.querySelectorAll('main *, nav *, header *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((element) => !element.closest('.scroll-region, .ant-table-content, .ant-table-body'))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`);
    return { scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, wide };
  });
  return sizes.scrollWidth > sizes.viewport
    ? `${sizes.scrollWidth} px wide on a ${sizes.viewport} px screen (${sizes.wide.join(', ')})`
    : undefined;
}

/** The page fits the viewport: nothing runs off to the side. */
export async function expectNoHorizontalOverflow(page: Page, where = page.url()): Promise<void> {
  expect(await horizontalOverflow(page), `${where} is wider than the screen`).toBeUndefined();
}

/**
 * Latin words a Chinese page may show: units, the brand and file names (and endings) people know, and the
 * abbreviations Chinese officials write in Latin letters themselves. Anything else of three
 * letters or more is an untranslated text or a raw code reaching the user.
 */
const ALLOWED_LATIN = new Set([
  'ID',
  'KB',
  'MB',
  'Excel',
  'CSV',
  'xlsx',
  'csv',
  'English',
  'GPS',
  // The endings of the file names of attached documents (入户核实表.jpg).
  'jpg',
  'jpeg',
  'png',
  'pdf',
]);

/**
 * The Latin words of 3+ letters in the rendered text of the page's header, menu and main area.
 * Not words: a token with a digit in it (`DEMO-0001`, a credit code, `ANJU_SCHEDULER=0`), and
 * text the page marks as not Chinese — `lang="en"` (a skill's English name beside its Chinese
 * one) or `translate="no"` (a login). A raw code such as `visit_overdue` is caught word by word.
 */
export async function englishWordsOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const shown: string[] = [];
    for (const root of Array.from(document.querySelectorAll('header, [data-testid="main-nav"], main'))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('[lang^="en"], [translate="no"], script, style')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true })) continue;
        shown.push(node.textContent ?? '');
      }
    }
    return shown.join(' ');
  });
  const tokens = text.match(/[A-Za-z0-9]+(?:[-_=.][A-Za-z0-9]+)*/g) ?? [];
  const words = tokens.filter((token) => !/\d/.test(token)).flatMap((token) => token.match(/[A-Za-z]{3,}/g) ?? []);
  return [...new Set(words.filter((word) => !ALLOWED_LATIN.has(word)))];
}

/** A zh page shows no English word and no raw code (issue 19). */
export async function expectNoEnglish(page: Page, where = page.url()): Promise<void> {
  expect(await englishWordsOn(page), `English on the Chinese page ${where}`).toEqual([]);
}
