import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, placeSite, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createEmployer, drain, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let tree: RegionTree;
let employerUser: TestUser;
let admin: TestUser;
let resident: TestUser;
const employerName = `青山制衣扶贫车间${Date.now() % 100000}`;

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    tree = await createRegionTree(ctx.db);
    // The resident's site and the job's place: 甲一安置点, in 贵阳-like coordinates.
    await placeSite(ctx.db, tree.siteA1.id, 26.6, 106.7);
    // The employer is registered but not verified; its own location is far away (another city),
    // so only the job placed near the site can be found "near my site".
    const employer = await createEmployer(ctx, {
      name: employerName,
      kind: 'workshop',
      verified: false,
      lat: 30.6,
      lng: 104.1,
    });
    employerUser = await createUser(ctx.db, { role: 'employer', name: '车间主任' });
    await linkEmployerAccount(ctx, employerUser.id, employer.id);
    admin = await createUser(ctx.db, { role: 'admin', name: '管理员甲' });
    resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '李秀英' });
  },
});

async function signIn(user: TestUser): Promise<Page> {
  return suite.signIn(user.login);
}

/** The resident's search for 缝纫 near their site, as the portal answers it now. */
async function residentSearch(page: Page): Promise<string> {
  await drain(suite.ctx).catch(() => undefined);
  // A fresh page each time: the same query again is answered from the portal's cache.
  await page.goto(`${suite.url}/jobs`);
  await page.getByTestId('search-input').fill('缝纫');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.getByTestId('search-count').waitFor();
  // Let the answer for this query replace the previous one before reading it.
  await page.waitForLoadState('networkidle');
  return (await page.getByTestId('search-results').textContent()) ?? '';
}

describe('opportunities in the browser', () => {
  it('an unverified employer posts a 缝纫 job near a site; residents find it only after an admin verifies', async () => {
    // 1. The employer posts the job with a required skill, near 甲一安置点.
    const employerPage = await signIn(employerUser);
    await employerPage.goto(`${suite.url}/postings`);
    await employerPage.getByTestId('employer-verified').getByText('待认证').waitFor();
    await employerPage
      .getByRole('note')
      .getByText(/群众也看不到/)
      .waitFor();
    await expectNoSeriousA11yViolations(employerPage, 'employer postings');
    await employerPage.getByRole('link', { name: /发布新岗位/ }).click();
    await employerPage.getByTestId('posting-title').fill('缝纫机操作工');
    await employerPage.getByLabel('工作内容').fill('车间在安置点旁边，计件工资，多劳多得');
    await employerPage.getByTestId('skill-search').fill('衣车');
    await employerPage
      .getByRole('button', { name: /添加 缝纫/ })
      .first()
      .click();
    await employerPage.getByTestId('chosen-skill').first().waitFor();
    await employerPage.getByLabel('最低工资').fill('3000');
    await employerPage.getByLabel('最高工资').fill('5000');
    await employerPage.getByTestId('near-site').selectOption({ label: '甲一安置点' });
    await expectNoSeriousA11yViolations(employerPage, 'post a job');
    await employerPage.getByTestId('posting-submit').click();
    await expect.poll(() => employerPage.getByTestId('posting-saved').textContent()).toContain('群众暂时看不到');
    const job = await suite.ctx.db
      .selectFrom('jobs')
      .select(['id', 'status', 'lat', 'lng', 'requiredSkills'])
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'open', lat: 26.6, lng: 106.7 });
    expect(job.requiredSkills.length).toBe(1);

    // 2. Not visible to the resident yet.
    const residentPage = await signIn(resident);
    await residentPage.goto(`${suite.url}/jobs`);
    await residentPage.getByRole('button', { name: /离甲一安置点近/, pressed: true }).waitFor();
    expect(await residentSearch(residentPage)).not.toContain('缝纫机操作工');
    await expect.poll(() => residentPage.getByTestId('search-count').textContent()).toContain('找到 0 个');

    // 3. The admin verifies the employer in the portal.
    const adminPage = await signIn(admin);
    await adminPage.goto(`${suite.url}/employers/review`);
    await expectNoSeriousA11yViolations(adminPage, 'employer review');
    await adminPage.getByRole('button', { name: `通过认证：${employerName}` }).click();
    await adminPage.getByRole('status').getByText(`已认证：${employerName}`).waitFor();

    // 4. The resident searches 缝纫 near their site and finds it, the match highlighted.
    await expect
      .poll(() => residentSearch(residentPage), { timeout: 120_000, interval: 500 })
      .toContain('缝纫机操作工');
    const card = residentPage.getByTestId('result-card').first();
    expect(await card.locator('mark').first().textContent()).toContain('缝纫');
    expect(await card.textContent()).toContain(employerName);
    // The type chips count the matches (the one facet a search counts unless it names others).
    await residentPage.getByRole('button', { name: '全职 (1)' }).waitFor();
    await expectNoSeriousA11yViolations(residentPage, 'job search results');
    // A resident whose account is not linked to a household record yet is told so on the job's page,
    // not left with a bare title.
    await card.getByTestId('job-link').click();
    await residentPage.getByRole('status').getByText('您的账号还没有关联到住户信息，请联系社区工作者。').waitFor();

    // The employer's list now says residents see it.
    await employerPage.goto(`${suite.url}/postings`);
    await employerPage.getByTestId('posting').getByText('群众可以看到').waitFor();
  }, 240_000);
});
