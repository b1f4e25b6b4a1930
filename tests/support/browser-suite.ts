import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { PlatformOptions, RunningPlatform } from '../../api/src/platform.ts';
import { launchBrowser, signInPage } from './browser.ts';
import { createTestContext, type TestContext } from './context.ts';
import { startTestPlatform } from './platform.ts';

export interface BrowserSuite {
  /** The test database, search and app (set once the suite has started). */
  readonly ctx: TestContext;
  readonly platform: RunningPlatform;
  /** The portal's address, http://127.0.0.1:port. */
  readonly url: string;
  readonly browser: Browser;
  /** A fresh phone-sized context (360 × 780 unless `width` says otherwise), not signed in. */
  newPage(options?: { width?: number; timeoutMs?: number }): Promise<Page>;
  /** A fresh phone-sized context signed in to the portal as `login` (signInPage). */
  signIn(login: string, options?: Parameters<typeof signInPage>[3]): Promise<Page>;
}

/**
 * The set-up every browser test file shares: a fresh test database (`setup` fills it), the whole
 * platform on a real socket, Debian's Chromium; all closed after the file. Call at the top of the
 * file: it registers the file's beforeAll and afterAll.
 */
export function browserSuite(
  options: {
    setup?: (ctx: TestContext) => Promise<void>;
    platform?: PlatformOptions;
    /** beforeAll's timeout, for a setup that seeds a lot (the demo data). */
    timeoutMs?: number;
  } = {},
): BrowserSuite {
  let ctx: TestContext | undefined;
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserSuite: ${what} is there only once the suite has started`);
    return value;
  };
  beforeAll(async () => {
    ctx = await createTestContext();
    await options.setup?.(ctx);
    platform = await startTestPlatform(ctx, options.platform);
    browser = await launchBrowser();
  }, options.timeoutMs);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await ctx?.close();
  });
  const suite: BrowserSuite = {
    get ctx() {
      return started(ctx, 'the test context');
    },
    get platform() {
      return started(platform, 'the platform');
    },
    get url() {
      return started(platform, 'the platform').url;
    },
    get browser() {
      return started(browser, 'the browser');
    },
    async newPage(pageOptions = {}) {
      const context = await suite.browser.newContext({ viewport: { width: pageOptions.width ?? 360, height: 780 } });
      context.setDefaultTimeout(pageOptions.timeoutMs ?? 30_000);
      return context.newPage();
    },
    signIn: (login, signInOptions) => signInPage(suite.browser, suite.url, login, signInOptions),
  };
  return suite;
}
