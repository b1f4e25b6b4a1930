import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/messages.en.ts';
import { zh } from '../../web/src/i18n/messages.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { expectResponse } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type TestUser } from '../support/fixtures.ts';
import { createEmployer, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';
import { apiStrings, expectNoEnglish, nonEnglishOn } from '../support/sweeps.ts';

/**
 * 发布 on a 360 × 780 phone, as an employer and as a worker posting for a workshop (代发布): the
 * success shows at the top of the screen in place of the form, so a second 发布 cannot post the
 * same thing again; two quick taps post once; a refused post keeps what was typed and shows the
 * first problem on screen.
 */
let employer: TestUser;
let worker: TestUser;
const workshopName = '甲一蜡染扶贫车间';

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    const tree = await createRegionTree(ctx.db);
    const factory = await createEmployer(ctx, { name: '黔南服装厂', kind: 'enterprise', verified: true });
    employer = await createUser(ctx.db, { role: 'employer', name: '服装厂人事' });
    await linkEmployerAccount(ctx, employer.id, factory.id);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员己' });
    await createEmployer(ctx, { name: workshopName, kind: 'workshop', regionId: tree.siteA1.id });
  },
});

/** The element lies wholly inside the 360 × 780 screen as it is now, without scrolling. */
async function expectOnScreen(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  expect(box, `${what} is not shown`).not.toBeNull();
  const page = locator.page();
  const screen = page.viewportSize() ?? { width: 360, height: 780 };
  const { x, y, width, height } = box ?? { x: -1, y: -1, width: 0, height: 0 };
  const inside = x >= 0 && y >= 0 && x + width <= screen.width && y + height <= screen.height;
  expect(inside, `${what} at x ${x}, y ${y}, ${width} × ${height}: not wholly on the screen`).toBe(true);
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

/** Every POST to `path` the page sends from now on. */
function countPosts(page: Page, path: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === path) count++;
  });
  return () => count;
}

/**
 * Two taps on 发布 in one go, before the page can draw anything in between: a double tap on a
 * slow phone. Only a guard taken on the first tap stops the second (a disabled button comes later).
 */
async function tapTwiceAtOnce(page: Page) {
  await page.getByTestId('posting-submit').evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
}

/** After 发布: the result at the top of the screen, the form gone, and the result's own texts. */
async function expectPostedOnScreen(page: Page, title: string) {
  const result = page.getByTestId('posting-saved');
  await result.getByText(title).waitFor();
  await expectOnScreen(result.getByRole('heading', { name: '已发布' }), 'the 已发布 heading');
  await expectOnScreen(result.getByText(title), 'the posted title');
  await expectOnScreen(page.getByTestId('posting-saved-view'), 'the button to my postings');
  await expectOnScreen(page.getByTestId('posting-saved-again'), 'the 再发布一个 button');
  expect(await page.getByTestId('posting-title').count(), 'the filled form is still shown').toBe(0);
  expect(await page.getByTestId('posting-submit').count(), '发布 can be pressed again').toBe(0);
  await expectNoEnglish(page, 'the posted result');
}

describe('发布 once, and seeing that it worked, on a phone', { timeout: 240_000 }, () => {
  it('an employer posts a job: a refused post keeps the typing; the success is on screen; two taps post once', async () => {
    const page = await suite.signIn(employer.login, { timeoutMs: 60_000 });
    const posts = countPosts(page, '/api/jobs');
    await page.goto(`${suite.url}/postings/new`);
    await page.getByRole('heading', { name: '发布岗位' }).waitFor();
    await page.getByTestId('posting-title').fill('缝纫车间普工');
    await page.getByLabel('工作内容').fill('计件工资，多劳多得，车间就在安置点旁边');
    await page.getByLabel('最低工资').fill('5000');
    await page.getByLabel('最高工资').fill('3000');

    // Refused (the lowest pay above the highest): what was typed stays, the problem is on screen.
    await expectResponse(page, { method: 'POST', path: '/api/jobs', status: 400 }, () =>
      page.getByTestId('posting-submit').click(),
    );
    const problem = page.getByTestId('problem-payMin');
    await problem.getByText('最低工资不能高于最高工资').waitFor();
    await expect.poll(() => problem.boundingBox().then((box) => box !== null && box.y >= 0)).toBe(true);
    await expectOnScreen(problem, 'the pay problem');
    expect(await page.getByTestId('posting-title').inputValue()).toBe('缝纫车间普工');
    expect(await page.getByLabel('工作内容').inputValue()).toBe('计件工资，多劳多得，车间就在安置点旁边');
    expect(await page.getByLabel('最低工资').inputValue()).toBe('5000');
    expect(await page.getByLabel('最高工资').inputValue()).toBe('3000');
    await expectNoSeriousA11yViolations(page, 'a refused job post');

    await page.getByLabel('最高工资').fill('6000');
    await tapTwiceAtOnce(page);
    await expectPostedOnScreen(page, '缝纫车间普工');
    await expectNoSidewaysScroll(page, 'the posted result');
    await expectNoSeriousA11yViolations(page, 'a job posted');
    const jobs = await suite.ctx.db.selectFrom('jobs').select(['id', 'payMin', 'payMax']).execute();
    expect(jobs).toEqual([{ id: expect.any(String), payMin: 5000, payMax: 6000 }]);
    expect(posts(), 'POSTs sent: the refused one and one for two taps').toBe(2);

    // 再发布一个: an empty form, a post of its own.
    await page.getByTestId('posting-saved-again').click();
    expect(await page.getByTestId('posting-title').inputValue()).toBe('');
    expect(await page.getByLabel('最低工资').inputValue()).toBe('');
    await page.getByTestId('posting-title').fill('包装工');
    await page.getByTestId('posting-submit').dblclick();
    await expectPostedOnScreen(page, '包装工');
    expect(
      (await suite.ctx.db.selectFrom('jobs').select('title').orderBy('title').execute()).map((j) => j.title),
    ).toEqual(['包装工', '缝纫车间普工']);

    // 查看我的岗位: the list, the one just posted marked and on screen.
    await page.getByTestId('posting-saved-view').click();
    const marked = page.getByTestId('my-jobs').locator('[data-just-saved]');
    await marked.getByText('包装工').waitFor();
    await marked.getByText('刚保存的').waitFor();
    await expect.poll(() => marked.boundingBox().then((box) => box !== null && box.y >= 0)).toBe(true);
    await page.context().close();
  });

  it('a worker posts a training course for a workshop (代发布), refused once, then posted once', async () => {
    const page = await suite.signIn(worker.login, { timeoutMs: 60_000 });
    const posts = countPosts(page, '/api/trainings');
    await page.goto(`${suite.url}/postings`);
    const picker = page.getByTestId('on-behalf-employer');
    await picker.locator('option', { hasText: workshopName }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: `${workshopName}（扶贫车间）` });
    await page.getByRole('link', { name: /发布培训课程/ }).click();
    await page.getByTestId('posting-for').getByText(workshopName).waitFor();
    await page.getByTestId('posting-title').fill('蜡染手艺培训班');
    await page.getByLabel('开课日期').fill('2027-04-10');
    await page.getByLabel('结课日期').fill('2027-04-01');
    await page.getByLabel('名额（几人）').fill('25');

    await expectResponse(page, { method: 'POST', path: '/api/trainings', status: 400 }, () => tapTwiceAtOnce(page));
    const problem = page.getByTestId('problem-endDate');
    await problem.getByText('结课日期不能早于开课日期').waitFor();
    await expectOnScreen(problem, 'the end-date problem');
    expect(await page.getByTestId('posting-title').inputValue()).toBe('蜡染手艺培训班');
    expect(await page.getByLabel('开课日期', { exact: true }).inputValue()).toBe('2027-04-10');
    expect(await page.getByLabel('名额（几人）').inputValue()).toBe('25');

    await page.getByLabel('结课日期').fill('2027-04-30');
    await tapTwiceAtOnce(page);
    await expectPostedOnScreen(page, '蜡染手艺培训班');
    await expectNoSidewaysScroll(page, 'the posted course');
    await expectNoSeriousA11yViolations(page, 'a course posted on behalf');
    const courses = await suite.ctx.db
      .selectFrom('trainings')
      .innerJoin('employers', 'employers.id', 'trainings.employerId')
      .select(['employers.name', 'trainings.seats', 'trainings.endDate'])
      .execute();
    expect(courses).toEqual([{ name: workshopName, seats: 25, endDate: '2027-04-30' }]);
    expect(posts(), 'POSTs sent: one refused and one posted, though each was tapped twice').toBe(2);

    // Back to the workshop's postings (still the workshop's), the course marked.
    await page.getByTestId('posting-saved-view').click();
    expect(await page.getByTestId('on-behalf-employer').inputValue()).not.toBe('');
    await page.getByTestId('my-trainings').locator('[data-just-saved]').getByText('蜡染手艺培训班').waitFor();
    await page.context().close();
  });

  it('in English the result says so in English, on screen, and fits the phone', async () => {
    const data = apiStrings();
    const page = await suite.signIn(employer.login, { timeoutMs: 60_000, prepare: data.record });
    await page.evaluate(() => localStorage.setItem('anju.lang', 'en'));
    await page.goto(`${suite.url}/postings/new`);
    await page.getByRole('heading', { name: 'Post a job' }).waitFor();
    await page.getByTestId('posting-title').fill('Packer');
    await page.getByTestId('posting-submit').click();
    const result = page.getByTestId('posting-saved');
    await result.getByText('Packer').waitFor();
    await expectOnScreen(result.getByRole('heading', { name: 'Posted' }), 'the Posted heading');
    await expectOnScreen(page.getByRole('link', { name: 'See my jobs' }), 'the button to my jobs');
    await expectOnScreen(page.getByRole('button', { name: 'Post another' }), 'the Post another button');
    expect(await nonEnglishOn(page, data, { zh, en })).toEqual([]);
    await expectNoSidewaysScroll(page, 'the posted result in English');
    await page.context().close();
  });
});
