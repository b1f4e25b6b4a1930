import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { en, zh } from '../../web/src/i18n/messages.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { drain } from '../support/opportunity-fixtures.ts';
import { openEachControl, sweepPages } from '../support/page-sweep.ts';
import { nonEnglishOn, recordApiStrings } from '../support/sweeps.ts';

// Issue 19, the en locale: the walk of sweeps.test.ts in English shows no Chinese but data (a
// household's name, a region, an address: what the API sent) and no message key or raw code.
// Four accounts whose menus together hold every menu page but 帮扶对象 (the helper's only own
// page): the resident, the employer, the worker and the admin (who has every page an official has).
const ACCOUNTS = ['demo-resident', 'demo-employer', 'demo-worker', 'demo-admin'];

const suite = browserSuite({
  setup: async (ctx) => {
    await seedOnEmptyDatabase(ctx.deps);
    await drain(ctx);
  },
  timeoutMs: 240_000,
});

describe('sweeps in English at 360 px', () => {
  for (const login of ACCOUNTS) {
    it(`${login}: no overflow, no serious axe finding, no Chinese but data on any page`, {
      timeout: 900_000,
    }, async () => {
      const page = await suite.signIn(login, { password: DEMO_PASSWORD, timeoutMs: 45_000 });
      const data = recordApiStrings(page);
      await page.evaluate(() => localStorage.setItem('anju.lang', 'en'));
      await page.reload();
      await page.getByTestId('main-nav').getByRole('link', { name: 'Home' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const { findings, visited } = await sweepPages(page, suite.url, {
        name: login,
        homeLabel: 'Home',
        language: (shown) => nonEnglishOn(shown, data, { zh, en }),
        onPage: openEachControl(en),
      });
      expect(findings, `findings on the pages of ${login} (details: ${visited.join(', ')})`).toEqual({
        overflow: {},
        axe: {},
        language: {},
      });
      await page.context().close();
    });
  }
});
