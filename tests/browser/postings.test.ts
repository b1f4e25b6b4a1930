import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createEmployer, drain, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let tree: RegionTree;
let trainer: TestUser;
let rejectedOwner: TestUser;
let admin: TestUser;
let resident: TestUser;
let worker: TestUser;
const suffix = Date.now() % 100000;
const trainerName = `青山职业培训学校${suffix}`;
const rejectedName = `石门竹编合作社${suffix}`;
const workshopName = `甲一茶叶扶贫车间${suffix}`;

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    tree = await createRegionTree(ctx.db);
    await ctx.db
      .insertInto('sites')
      .values({
        regionId: tree.siteA1.id,
        kind: 'concentrated',
        setting: 'urban',
        address: null,
        lat: 26.6,
        lng: 106.7,
        capacityHouseholds: null,
      })
      .execute();
    const school = await createEmployer(ctx, { name: trainerName, kind: 'enterprise', verified: false });
    trainer = await createUser(ctx.db, { role: 'employer', name: '培训学校校长' });
    await linkEmployerAccount(ctx, trainer.id, school.id);
    const cooperative = await createEmployer(ctx, { name: rejectedName, kind: 'cooperative', verified: false });
    rejectedOwner = await createUser(ctx.db, { role: 'employer', name: '合作社理事长' });
    await linkEmployerAccount(ctx, rejectedOwner.id, cooperative.id);
    admin = await createUser(ctx.db, { role: 'admin', name: '管理员乙' });
    resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '王桂芬' });
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丁' });
    await createEmployer(ctx, { name: workshopName, kind: 'workshop', regionId: tree.siteA1.id });
  },
});

/** The resident's 培训 search for 缝纫 near their site, as the portal answers it now. */
async function residentTrainingSearch(page: Page): Promise<string> {
  await drain(suite.ctx).catch(() => undefined);
  // A fresh page each time: the same query again is answered from the portal's cache.
  await page.goto(`${suite.url}/training`);
  await page.getByTestId('search-input').fill('缝纫');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.getByTestId('search-count').waitFor();
  await page.waitForLoadState('networkidle');
  return (await page.getByTestId('search-results').textContent()) ?? '';
}

describe('posting courses and projects, and employer review, in the browser', () => {
  it('an employer posts a training course teaching 缝纫; after an admin verifies, a resident finds it in 培训', async () => {
    const page = await suite.signIn(trainer.login);
    await page.goto(`${suite.url}/postings`);
    await page.getByTestId('my-trainings').waitFor();
    await page.getByRole('link', { name: /发布培训课程/ }).click();
    await page.getByRole('heading', { name: '发布培训课程' }).waitFor();
    await page.getByTestId('posting-title').fill('缝纫工（初级）免费培训班');
    await page.getByLabel('课程内容').fill('学用工业缝纫机，结业推荐到安置点旁的车间');
    await page.getByTestId('skill-search').fill('衣车');
    await page
      .getByRole('button', { name: /添加 缝纫/ })
      .first()
      .click();
    await page.getByTestId('chosen-skill').first().waitFor();
    await page.getByTestId('chosen-skill').first().getByRole('combobox').selectOption({ index: 1 });
    await page.getByLabel('学完发什么证书').fill('缝纫工职业技能等级证书（初级）');
    await page.getByLabel('开课日期').fill('2027-03-10');
    await page.getByLabel('结课日期').fill('2027-03-01');
    await page.getByLabel('名额（几人）').fill('30');
    await page.getByLabel('可以申请培训补贴').check();
    await page.getByLabel('上课时有人帮忙看孩子').check();
    await page.getByTestId('near-site').selectOption({ label: '甲一安置点' });
    await expectNoSeriousA11yViolations(page, 'post a training course');

    // The API refuses an end before the start; the portal says so beside the field, in plain words.
    await page.getByTestId('posting-submit').click();
    await page.getByTestId('problem-endDate').getByText('结课日期不能早于开课日期').waitFor();
    await expectNoSeriousA11yViolations(page, 'training course with a problem');
    await page.getByLabel('结课日期').fill('2027-03-24');
    await page.getByTestId('posting-submit').click();
    await expect.poll(() => page.getByTestId('posting-saved').textContent()).toContain('群众暂时看不到');
    const course = await suite.ctx.db
      .selectFrom('trainings')
      .select(['status', 'skillsTaught', 'seats', 'subsidyEligible', 'childcare', 'lat', 'endDate'])
      .executeTakeFirstOrThrow();
    expect(course).toMatchObject({
      status: 'open',
      seats: 30,
      subsidyEligible: true,
      childcare: true,
      lat: 26.6,
      endDate: '2027-03-24',
    });
    expect(course.skillsTaught).toEqual([{ code: 'garment.sewing', level: 2 }]);

    // The postings list shows it under 培训课程 with its status steps.
    await page.goto(`${suite.url}/postings`);
    const listed = page.getByTestId('my-trainings').getByTestId('posting');
    await listed.getByText('缝纫工（初级）免费培训班').waitFor();
    expect(await listed.getByTestId('status-steps').locator('[aria-current="step"]').textContent()).toBe('招聘中');
    await expectNoSeriousA11yViolations(page, 'postings of all three kinds');

    // The industry-project form is the same form with its own fields.
    await page.getByRole('link', { name: /发布产业项目/ }).click();
    await page.getByTestId('project-kind').waitFor();
    await page.getByRole('group', { name: '群众怎么参与' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'post an industry project');

    // Not visible to the resident until the admin verifies the school.
    const residentPage = await suite.signIn(resident.login);
    expect(await residentTrainingSearch(residentPage)).not.toContain('免费培训班');

    const adminPage = await suite.signIn(admin.login);
    await adminPage.goto(`${suite.url}/employers/review`);
    await adminPage.getByRole('button', { name: `通过认证：${trainerName}` }).click();
    await adminPage.getByRole('status').getByText(`已认证：${trainerName}`).waitFor();

    await expect
      .poll(() => residentTrainingSearch(residentPage), { timeout: 120_000, interval: 500 })
      .toContain('缝纫工（初级）免费培训班');
  }, 300_000);

  it('an admin rejects an employer with a reason; the employer reads it and resubmits', async () => {
    const adminPage = await suite.signIn(admin.login);
    await adminPage.goto(`${suite.url}/employers/review`);
    await adminPage.getByRole('button', { name: `驳回：${rejectedName}` }).click();
    const box = adminPage.getByRole('form', { name: `驳回：${rejectedName}` });
    await expectNoSeriousA11yViolations(adminPage, 'reject with a reason');
    // No reason: refused, and said so beside the box.
    await box.getByRole('button', { name: '确认驳回' }).click();
    await box
      .getByRole('alert')
      .getByText(/请写驳回理由/)
      .waitFor();
    await box.getByLabel('驳回理由').fill('统一社会信用代码与营业执照不符，请核对后重新填写');
    await box.getByRole('button', { name: '确认驳回' }).click();
    await adminPage.getByRole('status').getByText(`已驳回：${rejectedName}`).waitFor();
    await adminPage.getByRole('button', { name: '已驳回', exact: true }).click();
    await adminPage.getByTestId('employer').getByText(rejectedName).waitFor();

    const page = await suite.signIn(rejectedOwner.login);
    await page.goto(`${suite.url}/postings`);
    await page.getByTestId('employer-verified').getByText('已驳回').waitFor();
    expect(await page.getByTestId('rejection-reason').textContent()).toBe(
      '统一社会信用代码与营业执照不符，请核对后重新填写',
    );
    await expectNoSeriousA11yViolations(page, 'employer reads the rejection');
    await page.getByRole('button', { name: '我已改好，重新提交认证' }).click();
    await page
      .getByRole('status')
      .getByText(/已重新提交/)
      .waitFor();
    await page.getByTestId('employer-verified').getByText('待认证').waitFor();
    const row = await suite.ctx.db
      .selectFrom('employers')
      .select(['reviewStatus', 'rejectionReason'])
      .where('name', '=', rejectedName)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reviewStatus: 'pending', rejectionReason: null });
  }, 180_000);

  it('a community worker picks a small employer at their site and posts an industry project for it', async () => {
    const page = await suite.signIn(worker.login);
    await page.goto(`${suite.url}/postings`);
    const picker = page.getByTestId('on-behalf-employer');
    await picker.locator('option', { hasText: workshopName }).waitFor({ state: 'attached' });
    // Only small employers at the worker's sites are offered: not the school (an enterprise).
    expect(await picker.textContent()).not.toContain(trainerName);
    await picker.selectOption({ label: `${workshopName}（扶贫车间）` });
    await page.getByRole('link', { name: /发布产业项目/ }).click();
    await page.getByTestId('posting-for').getByText(workshopName).waitFor();
    await page.getByTestId('posting-title').fill('春茶采摘与加工项目');
    await page.getByTestId('project-kind').selectOption({ label: '种植' });
    await page
      .getByRole('group', { name: '带动哪些安置点' })
      .getByRole('button', { name: /甲一安置点/ })
      .click();
    await page.getByLabel('入股分红').check();
    await page.getByLabel('务工').check();
    await page.getByLabel('能带动几人').fill('40');
    await page.getByLabel('预计收入（最少）').fill('9000');
    await page.getByLabel('预计收入（最多）').fill('6000');
    await page.getByTestId('posting-submit').click();
    await page.getByTestId('problem-expectedIncomeMin').getByText('最少收入不能高于最多收入').waitFor();
    await page.getByLabel('预计收入（最多）').fill('15000');
    await page.getByTestId('posting-submit').click();
    await page.getByTestId('posting-saved').waitFor();
    const project = await suite.ctx.db
      .selectFrom('projects')
      .innerJoin('employers', 'employers.id', 'projects.employerId')
      .select(['employers.name', 'projects.siteIds', 'projects.participationModes', 'projects.positions'])
      .executeTakeFirstOrThrow();
    expect(project).toEqual({
      name: workshopName,
      siteIds: [tree.siteA1.id],
      participationModes: ['wage', 'shareholding'],
      positions: 40,
    });
  }, 120_000);
});
