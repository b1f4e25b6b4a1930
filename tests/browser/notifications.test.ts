import { describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { call, createRegionTree, createUser, placeSite, signIn, type TestUser } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

// Messages in the portal at 360 px: the resident's application moves, the bell shows the badge,
// the inbox shows the step and opens the application; then the resident withdraws consent.

let resident: TestUser;
let personId: string;

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    await ensureSeedSkills(ctx.db);
    await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
    const employer = await createEmployer(ctx, { name: '甲县制衣车间' });
    const employerUser = await createUser(ctx.db, { role: 'employer', name: '车间主任' });
    await linkEmployerAccount(ctx, employerUser.id, employer.id);
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工' });
    ({ personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '王秀英' }));
    resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, name: '王秀英' });
    await ctx.db.updateTable('users').set({ personId }).where('id', '=', resident.id).execute();

    const residentCookie = await signIn(ctx.app, resident.login);
    expect(
      (await call(ctx.app, 'POST', '/api/me/consent', { cookie: residentCookie, body: { given: true } })).status,
    ).toBe(200);
    const applied = await call(ctx.app, 'POST', '/api/applications', {
      cookie: residentCookie,
      body: { kind: 'job', opportunityId: job.id },
    });
    const { id } = (await applied.json()) as { id: string };
    const moved = await call(ctx.app, 'POST', `/api/applications/${id}/transitions`, {
      cookie: await signIn(ctx.app, employerUser.login),
      body: { state: 'interview' },
    });
    expect(moved.status).toBe(200);
  },
});

describe('messages in the browser', () => {
  it('the resident sees the badge and the inbox item, opens it, and withdraws consent', {
    timeout: 240_000,
  }, async () => {
    const page = await suite.signIn(resident.login);
    const bell = page.getByTestId('bell');
    await poll(() => bell.getAttribute('aria-label')).toBe('消息，1 条未读');
    await bell.click();
    await page.getByRole('heading', { name: '消息' }).waitFor();
    const item = page.getByTestId('inbox').locator('li').first();
    await poll(() => item.textContent()).toContain('申请进度：缝纫工');
    expect(await item.textContent()).toContain('约面试');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page, 'inbox');

    await item.getByRole('button').click();
    await poll(() => new URL(page.url()).pathname).toBe('/applications');
    await poll(() => bell.getAttribute('aria-label')).toBe('消息');

    await page.getByRole('link', { name: '安居' }).click();
    const card = page.getByTestId('consent-card');
    await poll(() => card.getByTestId('consent-state').textContent()).toContain('起已允许');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByRole('button', { name: '撤回允许' }).click();
    await poll(() => card.getByTestId('consent-state').textContent()).toContain('招聘单位看不到您');
    const person = await suite.ctx.db
      .selectFrom('persons')
      .select('visibleToEmployers')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.visibleToEmployers).toBe(false);
    await page.context().close();
  });
});
