import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { zh } from '../../web/src/i18n/messages.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { openEachControl, sweepPages } from '../support/page-sweep.ts';
import { englishWordsOn } from '../support/sweeps.ts';

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
