import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enqueueSearch } from '../../api/src/db/search-outbox.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, placeSite, type RegionTree, type TestUser } from '../support/fixtures.ts';
import {
  createHouseholdWithPerson,
  giveSkill,
  insertOpenJob,
  insertOpenTraining,
} from '../support/matching-fixtures.ts';
import { createEmployer, drain, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';

// Issue 19, the apply flow on a 360 px phone: a resident searches, opens the job page (pay a month,
// hours, place and distance, why it fits, what is lacking and the course), applies in two taps, applies
// again from a home recommendation; a helper chooses the person they help and applies for them; the
// employer is told in the bell, moves the application and the resident sees the step in 我的申请 and in the bell.

let tree: RegionTree;
const users = {} as Record<'resident' | 'helper' | 'employer', TestUser>;
const jobs = {} as Record<'lathe' | 'hemming', string>;
let resident: { personId: string; householdId: string };
let helped: { personId: string; householdId: string };

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    tree = await createRegionTree(ctx.db);
    await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
    const employer = await createEmployer(ctx, { name: '甲县制衣车间' });
    users.employer = await createUser(ctx.db, { role: 'employer', name: '车间主任' });
    await linkEmployerAccount(ctx, users.employer.id, employer.id);

    // 缝纫工（熟练）asks for sewing at level 2: the resident sews at level 1, and a course closes the gap.
    jobs.lathe = (
      await insertOpenJob(ctx.db, employer.id, {
        title: '缝纫工（熟练）',
        description: '服装车间缝纫，计件工资',
        requiredSkills: JSON.stringify([{ code: 'garment.sewing', minLevel: 2 }]),
        payMin: 180,
        payMax: 200,
        payUnit: 'day',
        payFrequency: 'monthly',
        hours: '8:00—17:30',
        address: '甲县工业园三号厂房',
        shuttleSiteIds: [tree.siteA1.id],
      })
    ).id;
    // 锁边工 asks for what the resident has: it is among the home page's recommendations.
    jobs.hemming = (await insertOpenJob(ctx.db, employer.id, { title: '锁边工', description: '服装车间锁边' })).id;
    await insertOpenTraining(ctx.db, employer.id, { code: 'garment.sewing', level: 2 }, { title: '缝纫提升班' });
    await enqueueSearch(ctx.db, 'jobs', Object.values(jobs));
    await drain(ctx);

    resident = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      name: '王秀英',
      visibleToEmployers: true,
    });
    await giveSkill(ctx.db, resident.personId, tree.countyA.code, 'garment.sewing', 1);
    users.resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '王秀英' });
    await ctx.db
      .updateTable('users')
      .set({ personId: resident.personId })
      .where('id', '=', users.resident.id)
      .execute();

    // A community worker who helps 李桂兰's household (帮扶人) applies for her.
    helped = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      name: '李桂兰',
      visibleToEmployers: true,
    });
    await giveSkill(ctx.db, helped.personId, tree.countyA.code, 'garment.sewing', 2);
    users.helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id], name: '帮扶丁' });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: users.helper.id, householdId: helped.householdId, countyCode: tree.countyA.code })
      .execute();
  },
});

/** The page as a phone user meets it: no serious axe finding, nothing off screen, no English. */
async function expectPhoneReady(page: Page, where: string): Promise<void> {
  await expectNoSeriousA11yViolations(page, where);
  await expectNoHorizontalOverflow(page, where);
  await expectNoEnglish(page, where);
}

/** From 找工作: searches 缝纫 and opens the job titled `title` from its result card. */
async function searchAndOpen(page: Page, title: string): Promise<void> {
  await openFromMenu(page, '找工作');
  await page.getByTestId('search-input').fill('缝纫');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  const link = page.getByTestId('search-results').getByTestId('job-link').filter({ hasText: title });
  await link.waitFor();
  await expectPhoneReady(page, 'job search results');
  await link.click();
  await poll(() => new URL(page.url()).pathname).toMatch(/^\/jobs\/\d+$/);
}

async function applicationOf(personId: string, jobId: string) {
  return suite.ctx.db
    .selectFrom('applications')
    .select(['id', 'state', 'createdBy'])
    .where('personId', '=', personId)
    .where('opportunityId', '=', jobId)
    .where('kind', '=', 'job')
    .executeTakeFirst();
}

describe('applying for a job on a phone', () => {
  it('a resident finds a job, reads its page, applies in two taps, then applies from a recommendation', {
    timeout: 300_000,
  }, async () => {
    const page = await suite.signIn(users.resident.login);
    await searchAndOpen(page, '缝纫工（熟练）');
    await page.getByRole('heading', { level: 1, name: '缝纫工（熟练）' }).waitFor();

    // The page says what a person needs to decide: a month's money, hours, where, why, what is lacking.
    await poll(() => page.getByTestId('job-pay').textContent()).toMatch(/约 \d+(–\d+)? 元\/月/);
    await page.getByText('8:00—17:30').waitFor();
    await page.getByText('甲县工业园三号厂房').waitFor();
    await page.getByText(/离甲一安置点 [\d.]+ 公里/).waitFor();
    await page.getByText(/班车/).first().waitFor();
    expect(await page.getByTestId('job-fits').textContent()).toContain('为什么适合我');
    const lacks = page.getByTestId('job-lacks');
    expect(await lacks.textContent()).toMatch(/缝纫/);
    expect(await lacks.getByTestId('job-course').textContent()).toContain('缝纫提升班');
    await expectPhoneReady(page, 'job page');

    // Two taps: 申请 → 确认申请.
    const apply = page.locator('.job-apply');
    await apply.getByRole('button', { name: /申请岗位|申请/ }).click();
    await apply.getByRole('button', { name: /确认/ }).click();
    await poll(() => apply.getByRole('status').first().textContent()).toMatch(/已提交|已申请/);
    expect((await applicationOf(resident.personId, jobs.lathe))?.state).toBe('applied');

    // Home: 锁边工 is recommended; apply again from there.
    await page.getByRole('link', { name: '安居' }).click();
    const card = page.getByTestId('recommendations').getByTestId('match-job').filter({ hasText: '锁边工' });
    await card.waitFor();
    await expectPhoneReady(page, 'resident home');
    await card.getByRole('button', { name: /申请/ }).click();
    await card.getByRole('button', { name: /确认/ }).click();
    await poll(() => card.getByRole('status').textContent()).toContain('已提交');
    expect((await applicationOf(resident.personId, jobs.hemming))?.state).toBe('applied');
    await page.context().close();
  });

  it('a helper chooses the person they help on the job page and applies for them', { timeout: 300_000 }, async () => {
    const page = await suite.signIn(users.helper.login);
    await searchAndOpen(page, '缝纫工（熟练）');
    const chooser = page.getByLabel('为谁查看');
    await chooser.waitFor();
    await expectPhoneReady(page, 'job page for a helper, nobody chosen');
    await chooser.selectOption({ label: '李桂兰' });
    await poll(() => new URL(page.url()).searchParams.get('person')).toBe(helped.personId);
    await page.getByRole('heading', { level: 1, name: '缝纫工（熟练）' }).waitFor();
    await page.getByTestId('job-fits').waitFor();
    await expectPhoneReady(page, 'job page for a helped person');
    const apply = page.locator('.job-apply');
    await apply.getByRole('button', { name: /申请/ }).click();
    await apply.getByRole('button', { name: /确认/ }).click();
    await poll(() => apply.getByRole('status').first().textContent()).toMatch(/已提交|已申请/);
    const filed = await applicationOf(helped.personId, jobs.lathe);
    expect(filed).toMatchObject({ state: 'applied', createdBy: users.helper.id });

    await openFromMenu(page, '我的申请');
    await poll(() => page.getByTestId(`application-${filed?.id}`).textContent()).toContain('李桂兰');
    await expectPhoneReady(page, 'helper applications');
    await page.context().close();
  });

  it("a helper reaches a helped person's jobs with 申请 in one tap from 帮扶对象", { timeout: 300_000 }, async () => {
    const page = await suite.signIn(users.helper.login);
    await openFromMenu(page, '帮扶对象');
    const card = page.getByTestId(`helped-${helped.householdId}`);
    await card.getByRole('link', { name: /李桂兰/ }).waitFor();
    await card.getByRole('button', { name: /看推荐/ }).click();
    const job = card.getByTestId('recommendations').getByTestId('match-job').filter({ hasText: '锁边工' });
    await job.getByRole('button', { name: /申请/ }).waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toContain('为 李桂兰 推荐');
    await expectPhoneReady(page, 'helper residents with recommendations open');
    // The household page stays one tap away.
    await card.getByRole('link', { name: /李桂兰/ }).click();
    await poll(() => new URL(page.url()).pathname).toBe(`/registry/households/${helped.householdId}`);
    await page.context().close();
  });

  it('the employer hears of the application in the bell and invites to an interview; the resident sees it in 我的申请 and in the bell', {
    timeout: 300_000,
  }, async () => {
    const filed = await applicationOf(resident.personId, jobs.lathe);
    if (!filed) throw new Error('the resident has not applied (the first test failed)');
    const employer = await suite.signIn(users.employer.login);
    // The employer heard of each application in the bell (the resident's two, the helper's one)
    // and the message opens the people who applied for that job.
    await poll(() => employer.getByTestId('bell').getAttribute('aria-label')).toBe('消息，3 条未读');
    await employer.getByTestId('bell').click();
    const message = employer
      .getByTestId('inbox')
      .locator('li')
      .filter({ hasText: '新的申请：缝纫工（熟练）' })
      .filter({ hasText: '王秀英' });
    await message.waitFor();
    await expectPhoneReady(employer, 'employer inbox');
    await message.getByRole('button').click();
    await poll(() => new URL(employer.url()).pathname).toBe('/candidates');
    await poll(() => employer.getByTestId('job-picker').inputValue()).toBe(jobs.lathe);
    const theirs = employer.getByTestId(`application-${filed.id}`);
    await theirs.getByRole('button', { name: '约面试', exact: true }).click();
    await poll(() => theirs.getByTestId('application-state').textContent()).toContain('约面试');
    await employer.context().close();

    const page = await suite.signIn(users.resident.login);
    const bell = page.getByTestId('bell');
    await poll(() => bell.getAttribute('aria-label')).toBe('消息，1 条未读');
    await openFromMenu(page, '我的申请');
    const mine = page.getByTestId(`application-${filed.id}`);
    await poll(() => mine.getByTestId('application-state').textContent()).toContain('约面试');
    await expectPhoneReady(page, 'my applications');
    await bell.click();
    const item = page.getByTestId('inbox').locator('li').first();
    await poll(() => item.textContent()).toContain('申请进度：缝纫工（熟练）');
    expect(await item.textContent()).toContain('约面试');
    await expectPhoneReady(page, 'inbox');
    await page.context().close();
  });

  it('我的岗位 says per job how many applied and how many are new; tapping opens those applications', {
    timeout: 300_000,
  }, async () => {
    const page = await suite.signIn(users.employer.login);
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/jobs' && r.request().method() === 'GET',
    );
    await openFromMenu(page, '我的岗位');
    expect((await listed).status()).toBe(200);
    const posting = (title: string) => page.getByTestId('my-jobs').getByTestId('posting').filter({ hasText: title });
    // 缝纫工（熟练）: the resident's (invited to an interview, so seen) and 李桂兰's (new); 锁边工: the resident's.
    const lathe = posting('缝纫工（熟练）').getByTestId('applicants-link');
    await poll(() => lathe.getByTestId('applicants-count').textContent()).toContain('共 2 人');
    expect(await lathe.getByTestId('applicants-new').textContent()).toBe('1 个新的');
    const hemming = posting('锁边工').getByTestId('applicants-link');
    await poll(() => hemming.getByTestId('applicants-count').textContent()).toContain('共 1 人');
    expect(await hemming.getByTestId('applicants-new').textContent()).toBe('1 个新的');
    await expectPhoneReady(page, 'employer postings with application counts');
    await lathe.click();
    await poll(() => new URL(page.url()).searchParams.get('posting')).toBe(jobs.lathe);
    for (const personId of [resident.personId, helped.personId]) {
      const application = await applicationOf(personId, jobs.lathe);
      await page.getByTestId('job-applications').getByTestId(`application-${application?.id}`).waitFor();
    }
    await page.context().close();
  });
});
