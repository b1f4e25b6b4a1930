import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser } from '../support/fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';

// A worker at 360 px opens a household from 住户名册 and finds 记录走访 and the timeline on its
// page (walk, issue 19: a household not yet due for a visit had no way to its visit form).

let workerLogin = '';
let householdId = '';

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '李晓红' });
    workerLogin = worker.login;
    householdId = (await createHousehold(ctx.db, tree.siteA1.id, [{ name: '王德明', relation: 'head' }])).id;
  },
});

describe('from a household page to its visit form', () => {
  it('shows 记录走访 and the timeline link on the household page', { timeout: 240_000 }, async () => {
    const page = await suite.signIn(workerLogin);
    await page.goto(`${suite.url}/registry/households/${householdId}`);
    await page.getByRole('heading', { name: /王德明/ }).waitFor();
    await page.getByRole('link', { name: /收入、走访和帮扶记录/ }).waitFor();
    await page.getByRole('link', { name: /记录走访/ }).click();
    await page.waitForURL(`**/tracking/households/${householdId}/visit`);
    await page.getByRole('heading', { name: /记录走访/ }).waitFor();
    // Opened from the household page, not from an alert: a 日常走访 (walk3: F6; was 预警跟进).
    expect(await page.getByLabel('走访类型').inputValue()).toBe('routine');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});
