import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { describe, expect, it } from 'vitest';
import { expectResponse, openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { call, createRegionTree, createUser, signIn, type TestUser } from '../support/fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

// 公益性岗位 轮换 at 360 px, as a community worker: the 任期将满 card on the worklist opens the post
// with the rotation form, the next person is picked and the post passes to them from the day
// after the term ends.

let worker: TestUser;
let leaving: TestHousehold;
let next: TestHousehold;
let postId: string;
const termEnd = addDays(chinaToday(), 10);

const suite = browserSuite({
  setup: async (ctx) => {
    const tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '社区小李' });
    leaving = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '周离岗', laborCapacity: 'weak' }],
    });
    next = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '孙接岗', laborCapacity: 'weak' }],
    });
    const cookie = await signIn(ctx.app, worker.login);
    const post = await call(ctx.app, 'POST', '/api/welfare-posts', {
      cookie,
      body: { siteId: tree.siteA1.id, title: '护林员', quota: 1, monthlyPayYuan: 700 },
    });
    expect(post.status).toBe(201);
    postId = ((await post.json()) as { id: string }).id;
    const held = await call(ctx.app, 'POST', `/api/welfare-posts/${postId}/assignments`, {
      cookie,
      body: { personId: leaving.personIds[0], startOn: addDays(chinaToday(), -355), endOn: termEnd },
    });
    expect(held.status).toBe(201);
  },
});

describe('公益性岗位 rotation in the browser', () => {
  it('the 任期将满 card opens the rotation and the post passes to the next person', { timeout: 240_000 }, async () => {
    const page = await suite.signIn(worker.login);
    await openFromMenu(page, '工作清单');
    const card = page.locator('[data-testid="work-item"][data-kind="welfare_term_end"]');
    await expect.poll(() => card.count(), { timeout: 30_000, interval: 200 }).toBe(1);
    expect(await card.textContent()).toContain('护林员');
    await expectNoHorizontalOverflow(page);
    await card.getByTestId('primary-action').click();

    const form = page.getByTestId('rotate-form');
    await form.waitFor();
    await form.getByLabel('输入姓名查找').fill('孙接岗');
    await form.getByLabel(/孙接岗/).check();
    const nextEnd = addDays(termEnd, 365);
    await form.getByLabel('下一位的任期到哪天').fill(nextEnd);
    await expectNoHorizontalOverflow(page);
    await expectNoEnglish(page);
    await expectResponse(
      page,
      { method: 'POST', path: /\/api\/welfare-posts\/assignments\/\d+\/rotate$/, status: 201 },
      () => form.getByRole('button', { name: '确认轮换' }).click(),
    );

    const rows = await suite.ctx.db
      .selectFrom('welfarePostAssignments')
      .select(['personId', 'startOn', 'endOn', 'endedOn'])
      .where('postId', '=', postId)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { personId: leaving.personIds[0], startOn: addDays(chinaToday(), -355), endOn: termEnd, endedOn: termEnd },
      { personId: next.personIds[0], startOn: addDays(termEnd, 1), endOn: nextEnd, endedOn: null },
    ]);
    await page.context().close();
  });
});
