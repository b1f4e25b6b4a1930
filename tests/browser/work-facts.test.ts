import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decryptField } from '../../api/src/registry/id-number.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createEmployer, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';

/**
 * Issue 18 in the portal, on a 360 px phone: an employer enters a job's real hours and pay
 * (三班倒/夜班, hours a week, piece rate → monthly range, 送料上门, 公益性岗位, 持证上岗, physical
 * facts); a worker enters a resident's availability (通勤 0.5 km, hours, from when) and
 * structured health. Each is read back from the database and shown again on reopening.
 */
let tree: RegionTree;
let employer: TestUser;
let worker: TestUser;

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    tree = await createRegionTree(ctx.db);
    const workshop = await createEmployer(ctx, { name: '甲一刺绣扶贫车间', kind: 'workshop', verified: true });
    employer = await createUser(ctx.db, { role: 'employer', name: '车间负责人' });
    await linkEmployerAccount(ctx, employer.id, workshop.id);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员戊' });
  },
});

async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

describe('entering the facts matching reads, on a phone', { timeout: 240_000 }, () => {
  it('an employer posts take-home piecework: the monthly range shows as typed, every fact is stored', async () => {
    const page = await suite.signIn(employer.login, { timeoutMs: 60_000 });
    await page.goto(`${suite.url}/postings/new`);
    await page.getByRole('heading', { name: '发布岗位' }).waitFor();
    await page.getByTestId('posting-title').fill('苗绣绣片来料加工');
    await page.getByLabel('最低工资').fill('3');
    await page.getByLabel('最高工资').fill('5');
    await page.getByLabel('计薪方式').selectOption('piece');
    await page.getByLabel('用工方式').selectOption('home_piecework');
    await expect.poll(() => page.getByTestId('piece-monthly').textContent()).toContain('每月件数');
    await page.getByLabel('一般每月做多少件').fill('300');
    await page.getByLabel('做得快的每月多少件').fill('500');
    // 3 元 × 300 件 … 5 元 × 500 件, the range residents will be shown.
    await expect.poll(() => page.getByTestId('piece-monthly').textContent()).toBe('折合每月约 900–2500 元');
    await page.getByLabel('送料上门（在家就能做）').check();
    await page.getByLabel('孩子上学时间').check();
    await page.getByLabel('每周工作几小时').fill('20');
    await page.getByLabel('必须持证上岗').check();
    await page.getByLabel('体力要求').selectOption('light');
    await page.getByLabel('整天站着').check();
    await expectNoSidewaysScroll(page, 'post a job');
    await expectNoSeriousA11yViolations(page, 'post a job (work facts)');
    await page.getByTestId('posting-submit').click();
    await expect.poll(() => page.getByTestId('posting-saved').textContent()).toContain('已发布');
    const job = await suite.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('title', '=', '苗绣绣片来料加工')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      payUnit: 'piece',
      employmentType: 'home_piecework',
      piecesPerMonth: 300,
      piecesPerMonthMax: 500,
      materialsDelivered: true,
      schedule: ['school_hours'],
      hoursPerWeek: 20,
      certificateRequired: true,
      publicWelfare: false,
      physicalDemand: 'light',
      demands: ['standing_all_day'],
    });

    // Reopened, the form shows what is stored; 三班倒 and 夜班 are added and saved.
    await page.goto(`${suite.url}/postings/${job.id}/edit`);
    await page.getByRole('heading', { name: '修改岗位' }).waitFor();
    await expect.poll(() => page.getByTestId('piece-monthly').textContent()).toBe('折合每月约 900–2500 元');
    expect(await page.getByLabel('送料上门（在家就能做）').isChecked()).toBe(true);
    await page.getByLabel('三班倒').check();
    await page.getByLabel('夜班', { exact: true }).check();
    await page.getByTestId('posting-submit').click();
    await expect.poll(() => page.getByTestId('posting-saved').textContent()).toContain('已保存');
    const saved = await suite.ctx.db
      .selectFrom('jobs')
      .select('schedule')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect([...saved.schedule].sort()).toEqual(['night', 'school_hours', 'three_shifts']);
    await page.context().close();
  });

  it('a worker records availability (通勤 0.5 km) and health as structured facts', async () => {
    const household = await createHousehold(suite.ctx.db, tree.siteA1.id, [{ name: '杨秀英', relation: 'head' }], {
      responsibleWorkerId: worker.id,
    });
    const personId = household.persons[0].id;
    const page = await suite.signIn(worker.login, { timeoutMs: 60_000 });
    await page.goto(`${suite.url}/registry/persons/${personId}/edit`);
    await page.getByTestId('person-availability').waitFor();
    await page.getByLabel('能在哪里干活').selectOption('commute');
    await page.getByLabel('最远通勤几公里（可填 0.5）').fill('0.55');
    await page.getByRole('alert').getByText('最多一位小数').waitFor();
    await page.getByLabel('最远通勤几公里（可填 0.5）').fill('0.5');
    await page.getByLabel('上午半天').check();
    await page.getByLabel('孩子上学时间').check();
    await page.getByLabel('从哪天起能上班（现在就能就不填）').fill('2027-03-01');
    await page.getByLabel('残疾类别').selectOption('physical');
    await page.getByLabel('残疾等级').selectOption('3');
    await page.getByLabel('不能上夜班').check();
    await expectNoSidewaysScroll(page, 'person edit');
    await expectNoSeriousA11yViolations(page, 'person edit (availability, health)');
    await page.locator('form.registry-form').getByRole('button', { name: /保存/ }).click();
    await page.waitForURL(/\/registry\/households\/\d+$/);
    const person = await suite.ctx.db
      .selectFrom('persons')
      .select(['availableWhere', 'availableHours', 'availableFrom', 'maxCommuteKm', 'workLimits', 'healthEncrypted'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ availableWhere: 'commute', maxCommuteKm: 0.5 });
    expect([...person.availableHours].sort()).toEqual(['part_time_morning', 'school_hours']);
    expect(String(person.availableFrom)).toContain('2027-03-01');
    // 肢体残疾 implies no heavy lifting and no heights; a disability means staying close.
    expect([...person.workLimits].sort()).toEqual(['no_heavy_lifting', 'no_heights', 'no_night_work', 'stay_close']);
    const health = JSON.parse(decryptField(suite.ctx.deps.config.dataEncryptionKey, person.healthEncrypted as string));
    expect(health).toEqual({
      disabilityKind: 'physical',
      disabilityGrade: 3,
      chronicIllness: false,
      limits: ['no_night_work'],
    });

    // Reopened, the page shows what was saved.
    await page.goto(`${suite.url}/registry/persons/${personId}/edit`);
    await expect.poll(() => page.getByLabel('能在哪里干活').inputValue()).toBe('commute');
    expect(await page.getByLabel('最远通勤几公里（可填 0.5）').inputValue()).toBe('0.5');
    expect(await page.getByLabel('残疾等级').inputValue()).toBe('3');
    expect(await page.getByLabel('不能上夜班').isChecked()).toBe(true);
    await page.context().close();
  });
});
