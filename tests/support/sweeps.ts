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
 * The Latin words of 3+ letters in the rendered text of the page's header, menu and main area, and
 * of any open dialog, drawer or popover.
 * Not words: a token with a digit in it (`DEMO-0001`, a credit code, `ANJU_SCHEDULER=0`), and
 * text the page marks as not Chinese — `lang="en"` (a skill's English name beside its Chinese
 * one) or `translate="no"` (a login). A raw code such as `visit_overdue` is caught word by word.
 */
export async function englishWordsOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const shown: string[] = [];
    const roots = document.querySelectorAll(
      'header, [data-testid="main-nav"], main, .ant-modal-wrap, .ant-drawer, .ant-popover, .ant-select-dropdown',
    );
    for (const root of Array.from(roots)) {
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

/** Han characters (the CJK unified ideographs and their extension A and compatibility blocks). */
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Every string value in a JSON document, however deep. */
function stringsIn(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
}

/** The leaf strings of a messages tree. */
function messageLeaves(tree: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') into.set(prefix, tree);
  else if (tree && typeof tree === 'object')
    for (const [key, value] of Object.entries(tree)) messageLeaves(value, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/**
 * What the page has been sent as data: every string in every JSON answer of the API since the
 * page opened. Chinese on an English page is a data value (a household's name, a region, an
 * address, a skill) when the API sent it; anything else came from the portal's own texts.
 */
export function recordApiStrings(page: Page): { strings: () => Promise<string> } {
  const seen: string[] = [];
  // A body is read after its response arrives: the check waits for those still being read, or a
  // page checked right after its data came would call that data the portal's own text.
  const reading = new Set<Promise<void>>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    const read = response.json().then(
      (body: unknown) => stringsIn(body, seen),
      () => undefined,
    );
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  return {
    strings: async () => {
      await Promise.all(reading);
      return seen.join('\n');
    },
  };
}

/** The rendered text of the header, the menu, the main area and any open dialog or drawer, with placeholders and labels. */
async function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown: string[] = [];
    const roots = document.querySelectorAll(
      'header, [data-testid="main-nav"], main, .ant-modal-wrap, .ant-drawer, .ant-select-dropdown, .ant-picker-dropdown, .ant-popover, .ant-dropdown, .ant-message, .ant-notification',
    );
    for (const root of Array.from(roots)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('[translate="no"], script, style')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true })) continue;
        shown.push(node.textContent ?? '');
      }
      for (const element of Array.from(root.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))) {
        if (element.closest('[translate="no"]') || !element.checkVisibility({ visibilityProperty: true })) continue;
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
          const value = element.getAttribute(name);
          if (value) shown.push(value);
        }
      }
    }
    return shown;
  });
}

/**
 * What an English page shows that is not English (issue 19): Chinese that the API did not send
 * as data (a text of the portal left in Chinese, or hard-coded), a Chinese message of the portal
 * even when the API also sent it, a message key (`registry.title`) or a raw code (`visit_overdue`).
 * Chinese the English messages hold on purpose (the Chinese column names a spreadsheet must have)
 * is English-page text too.
 */
export async function nonEnglishOn(
  page: Page,
  data: { strings: () => Promise<string> },
  messages: { zh: unknown; en: unknown },
): Promise<string[]> {
  const zhLeaves = messageLeaves(messages.zh);
  const zhTexts = new Set(zhLeaves.values());
  const enTexts = [...messageLeaves(messages.en).values()].join('\n');
  const sent = await data.strings();
  const found = new Set<string>();
  for (const text of await shownText(page)) {
    for (const run of text.match(HAN_RUN) ?? []) {
      if (enTexts.includes(run)) continue;
      if (zhTexts.has(text.trim()) || !sent.includes(run)) found.add(text.trim().slice(0, 60));
    }
    for (const token of text.match(/[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+/g) ?? []) {
      if (sent.includes(token)) continue;
      if (token.includes('_') && !/^[A-Z0-9_]+$/.test(token)) found.add(token);
      else if (zhLeaves.has(token)) found.add(token);
    }
  }
  return [...found];
}
