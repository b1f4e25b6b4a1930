import type { BrowserContext, Page, Request } from 'playwright-core';
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

/**
 * The keys of a JSON object that hold the Chinese side of a text the API also sends in English:
 * `zh` beside `en`, `nameZh` beside `nameEn`, `reason` beside `reasonEn`, `title` beside `en.title`.
 */
function chineseSides(object: Record<string, unknown>): Set<string> {
  const keys = Object.keys(object);
  const english = object.en && typeof object.en === 'object' ? Object.keys(object.en) : [];
  return new Set(
    keys.filter(
      (key) =>
        (key === 'zh' && 'en' in object) ||
        (key.endsWith('Zh') && `${key.slice(0, -2)}En` in object) ||
        `${key}En` in object ||
        english.includes(key),
    ),
  );
}

/**
 * Every string value in a JSON document, however deep, that is data: not the Chinese side of a
 * text the API also sends in English (an alert's explanation, a notification, a step's name),
 * which an English page must show in English.
 */
function stringsIn(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const chinese = chineseSides(object);
    for (const [key, item] of Object.entries(object)) if (!chinese.has(key)) stringsIn(item, into);
  }
}

/** The leaf strings of a messages tree. */
function messageLeaves(tree: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') into.set(prefix, tree);
  else if (tree && typeof tree === 'object')
    for (const [key, value] of Object.entries(tree)) messageLeaves(value, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** What the API has sent a browser context, once `record` is attached to it (`apiStrings`). */
export interface ApiStrings {
  /** Starts recording what the API sends `context`: before its first page opens. */
  record: (context: BrowserContext) => Promise<void>;
  /** Every string the API has sent so far, one a line. */
  strings: () => string;
  /**
   * Since the last call: the API answers the context received without them passing the recorder,
   * and the requests the recorder could not fetch.
   */
  missed: () => string[];
}

/** The strings of an API answer: each string of a JSON document, however deep; the whole of any other text; nothing of a binary. */
function answerStrings(contentType: string, body: Buffer, into: string[]): void {
  if (contentType.includes('json')) {
    try {
      stringsIn(JSON.parse(body.toString('utf8')), into);
      return;
    } catch {
      // not JSON after all: kept as text below
    }
  }
  if (contentType.includes('json') || contentType.startsWith('text/') || contentType.includes('csv'))
    into.push(body.toString('utf8'));
}

/**
 * What the API has sent the browser `context` as data: Chinese on an English page is a data value
 * (a household's name, a region, an address, an employer) when the API sent it; anything else came
 * from the portal's own texts. Every API request of the context, its pages' and its service
 * worker's, is fetched here and handed to the browser only after its strings are kept (route.fetch,
 * then fulfill), so nothing the page shows can have come unrecorded: not an answer the page had
 * before a recorder on it was attached (`record` runs before the sign-in: `signInPage`'s `prepare`),
 * not a body still being read when the page is checked, not one whose body the browser no longer
 * held, not the offline pack shown from IndexedDB (it came through here when it was downloaded, and
 * the context is new). As a check on itself, an API answer that reached the context some other way
 * is named by `missed`.
 */
export function apiStrings(): ApiStrings {
  const seen: string[] = [];
  const routed = new WeakSet<Request>();
  let missed: string[] = [];
  const isApi = (url: URL) => url.pathname.startsWith('/api/');
  return {
    record: async (context) => {
      await context.route(isApi, async (route) => {
        const request = route.request();
        routed.add(request);
        // No timeout of its own (the browser's requests have none) and redirects handed on as they
        // are: the browser follows one with a new request, which comes through here too.
        const response = await route.fetch({ timeout: 0, maxRedirects: 0 }).catch((error: unknown) => {
          // The page then shows its error in place of the data: said, so a walk over empty pages does not pass.
          missed.push(`${request.method()} ${new URL(request.url()).pathname} (${String(error).split('\n')[0]})`);
          return undefined;
        });
        if (!response) {
          await route.abort('failed').catch(() => undefined);
          return;
        }
        const body = await response.body();
        answerStrings(response.headers()['content-type'] ?? '', body, seen);
        // The page may have gone on meanwhile (a cancelled query, a new page): nothing to hand it then.
        await route.fulfill({ response, body }).catch(() => undefined);
      });
      context.on('response', (response) => {
        if (isApi(new URL(response.url())) && !routed.has(response.request()))
          missed.push(`${response.request().method()} ${new URL(response.url()).pathname}`);
      });
    },
    strings: () => seen.join('\n'),
    missed: () => {
      const since = missed;
      missed = [];
      return since;
    },
  };
}

/**
 * The rendered text of the header, the menu, the main area and any open dialog or drawer, with
 * placeholders and labels; not text the page marks as Chinese on purpose (`lang="zh"`: a skill's
 * Chinese name beside its English one) nor as not to be translated (`translate="no"`: a login).
 */
async function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown: string[] = [];
    const markedChinese = (element: Element) => {
      const marked = element.closest('[lang]');
      return marked !== null && marked !== document.documentElement && marked.getAttribute('lang')?.startsWith('zh');
    };
    const roots = document.querySelectorAll(
      'header, [data-testid="main-nav"], main, .ant-modal-wrap, .ant-drawer, .ant-select-dropdown, .ant-picker-dropdown, .ant-popover, .ant-dropdown, .ant-message, .ant-notification',
    );
    for (const root of Array.from(roots)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('[translate="no"], script, style') || markedChinese(parent)) continue;
        if (!parent.checkVisibility({ visibilityProperty: true })) continue;
        shown.push(node.textContent ?? '');
      }
      for (const element of Array.from(root.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))) {
        if (element.closest('[translate="no"]') || markedChinese(element)) continue;
        if (!element.checkVisibility({ visibilityProperty: true })) continue;
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
 * as data (a text of the portal left in Chinese, or hard-coded, or the Chinese side of a text the
 * API sent in English too), a Chinese message of the portal even when the API also sent it, a
 * message key (`registry.title`) or a raw code (`visit_overdue`), and a page that does not say it
 * is English. Chinese the English messages hold on purpose (the Chinese column names a
 * spreadsheet must have) is English-page text too.
 */
export async function nonEnglishOn(
  page: Page,
  data: ApiStrings,
  messages: { zh: unknown; en: unknown },
): Promise<string[]> {
  const zhLeaves = messageLeaves(messages.zh);
  const zhTexts = new Set(zhLeaves.values());
  // The English messages that hold Chinese on purpose count where one of them is shown whole.
  const enWithHan = [...messageLeaves(messages.en).values()].filter((message) => message.search(HAN_RUN) >= 0);
  const shown = await shownText(page);
  const sent = data.strings();
  // Data whose answer was not recorded would be taken for the portal's own text: the check says so instead.
  const found = new Set<string>(data.missed().map((answer) => `API answer not recorded: ${answer}`));
  const language = await page.evaluate(() => document.documentElement.lang);
  if (language !== 'en') found.add(`<html lang="${language}">`);
  for (const text of shown) {
    for (const run of text.match(HAN_RUN) ?? []) {
      if (enWithHan.some((message) => message.includes(run) && text.includes(message))) continue;
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
