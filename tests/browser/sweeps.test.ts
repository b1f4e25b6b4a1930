import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { en } from '../../web/src/i18n/messages.en.ts';
import { zh } from '../../web/src/i18n/messages.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { openEachControl, sweepPages } from '../support/page-sweep.ts';
import { apiStrings, englishWordsOn, nonEnglishOn } from '../support/sweeps.ts';

// Issue 19: every menu page of every demo role, and one of each detail page reachable from them
// (a job, a household, a person, a site, a programme's record...), on a 360 px phone: fits the
// screen, axe finds nothing serious or critical, and it shows no English word or raw code. One
// browser context per role; the demo data fills the pages. The walk: tests/support/page-sweep.ts.

const suite = browserSuite({
  setup: async (ctx) => {
    await seedOnEmptyDatabase(ctx.deps);
    await drain(ctx);
  },
  timeoutMs: 240_000,
});

describe('sweeps over every page of every role at 360 px', () => {
  for (const account of demoAccounts) {
    it(`${account.login}: no overflow, no serious axe finding, no English on any page`, {
      timeout: 900_000,
    }, async () => {
      const page = await suite.signIn(account.login, {
        password: DEMO_PASSWORD,
        timeoutMs: 45_000,
      });
      const { findings, visited } = await sweepPages(page, suite.url, {
        name: account.login,
        homeLabel: '首页',
        language: englishWordsOn,
        onPage: openEachControl(zh),
      });
      expect(findings, `findings on the pages of ${account.login} (details: ${visited.join(', ')})`).toEqual({
        overflow: {},
        axe: {},
        language: {},
      });
      await page.context().close();
    });
  }
});

// The same walk in English for every demo account (the language switch stores `anju.lang`): no
// Chinese the API did not send as data, no message key or raw code, and the English texts fit a
// 360 px phone too. What the API sends is recorded from before the sign-in, each answer before the
// page gets it (apiStrings): data names inside English lines (a worklist's household heads,
// employers, sites) were taken for the portal's own text when their answer went unrecorded.
describe('sweeps over every page of every role at 360 px in English', () => {
  it('the English check names Chinese of the portal, message keys and raw codes, not the data the API sent', {
    timeout: 180_000,
  }, async () => {
    const resident = demoAccounts.find((account) => account.role === 'resident');
    if (!resident) throw new Error('no demo resident');
    const data = apiStrings();
    const page = await suite.signIn(resident.login, {
      password: DEMO_PASSWORD,
      timeoutMs: 45_000,
      prepare: data.record,
    });
    // The page is reloaded once the service worker is ready, so the API's answers pass through a
    // page it controls (those are recorded too).
    await page.evaluate(async () => {
      localStorage.setItem('anju.lang', 'en');
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByTestId('main-nav').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await nonEnglishOn(page, data, { zh, en })).toEqual([]);
    // The account's own name is data (the API sent it); the rest is text no English page may show.
    await page.evaluate(
      (texts) => {
        for (const text of texts)
          document.querySelector('main')?.append(Object.assign(document.createElement('p'), { textContent: text }));
      },
      [`Signed in as ${resident.name}`, '待办事项', zh.common.save, 'visit_overdue', 'common.save'],
    );
    expect((await nonEnglishOn(page, data, { zh, en })).sort()).toEqual(
      ['待办事项', zh.common.save, 'visit_overdue', 'common.save'].sort(),
    );
    await page.context().close();
  });

  for (const account of demoAccounts) {
    it(`${account.login}: no overflow, no serious axe finding, no Chinese text of the portal on any page`, {
      timeout: 900_000,
    }, async () => {
      const data = apiStrings();
      const page = await suite.signIn(account.login, {
        password: DEMO_PASSWORD,
        timeoutMs: 45_000,
        prepare: data.record,
      });
      await page.evaluate(() => localStorage.setItem('anju.lang', 'en'));
      await page.reload();
      await page.getByTestId('main-nav').waitFor();
      const { findings, visited } = await sweepPages(page, suite.url, {
        name: `${account.login} (en)`,
        homeLabel: en.nav.home,
        language: (shown) => nonEnglishOn(shown, data, { zh, en }),
        onPage: openEachControl(en),
      });
      expect(findings, `findings on the English pages of ${account.login} (details: ${visited.join(', ')})`).toEqual({
        overflow: {},
        axe: {},
        language: {},
      });
      await page.context().close();
    });
  }
});
