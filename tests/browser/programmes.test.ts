import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectResponse, openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn, type TestUser } from '../support/fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

// Employment programmes in the portal at 360 px, as a community worker: a labour-export batch
// created, a migrant added and the 1-month 稳岗 follow-up recorded from the worklist; a 公益性岗位
// assignment refused past the household cap (said in Chinese from the API's code), then made.

let tree: RegionTree;
let worker: TestUser;
let migrant: TestHousehold;
let capped: TestHousehold; // two members; the first already holds a post
let other: TestHousehold;
let postId: string;
let workshopId: string;

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

async function fits(page: Page) {
  await expectNoHorizontalOverflow(page);
  await expectNoEnglish(page);
}

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '社区小王' });
    migrant = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '吴外出', laborCapacity: 'full' }],
    });
    capped = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [
        { name: '李岗一', relation: 'head', laborCapacity: 'weak' },
        { name: '李岗二', relation: 'spouse', laborCapacity: 'weak' },
      ],
    });
    other = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '赵新岗', laborCapacity: 'weak' }],
    });
    const cookie = await signIn(ctx.app, worker.login);
    const post = await call(ctx.app, 'POST', '/api/welfare-posts', {
      cookie,
      body: { siteId: tree.siteA1.id, title: '保洁员', quota: 3, monthlyPayYuan: 800 },
    });
    expect(post.status).toBe(201);
    postId = ((await post.json()) as { id: string }).id;
    const today = chinaToday();
    const held = await call(ctx.app, 'POST', `/api/welfare-posts/${postId}/assignments`, {
      cookie,
      body: { personId: capped.personIds[0], startOn: addDays(today, -30), endOn: addDays(today, 300) },
    });
    expect(held.status).toBe(201);
    const employer = await createEmployer(ctx, { name: '甲一制衣帮扶车间' });
    const workshop = await call(ctx.app, 'POST', '/api/workshops', {
      cookie,
      body: {
        employerId: employer.id,
        siteId: tree.siteA1.id,
        minRelocatedEmployed: 1,
        minRelocatedShare: 0.1,
        totalEmployed: 5,
      },
    });
    expect(workshop.status).toBe(201);
    workshopId = ((await workshop.json()) as { id: string }).id;
  },
});

describe('employment programmes in the browser', () => {
  it('a batch is created, a migrant added and the 1-month follow-up recorded from the worklist', {
    timeout: 240_000,
  }, async () => {
    const page = await suite.signIn(worker.login);
    await openFromMenu(page, '劳务输出');
    await page.getByRole('heading', { name: '劳务输出' }).waitFor();
    await page.getByText('新建输出批次').click();
    await page.getByLabel('安置点').selectOption({ label: '甲一安置点' });
    await page.getByLabel('输出到哪个单位').fill('东莞电子厂');
    await page.getByLabel('务工地（省市县）').fill('广东省东莞市');
    await page.getByLabel('出发日期').fill(addDays(chinaToday(), -33));
    await page.getByLabel('交通方式').selectOption({ label: '专列' });
    await page.getByLabel('组织人').fill('社区小王');
    await fits(page);
    await expectResponse(page, { method: 'POST', path: '/api/labour-export/batches', status: 201 }, () =>
      page.getByRole('button', { name: '建立批次' }).click(),
    );
    const batch = page.getByTestId('batch').filter({ hasText: '东莞电子厂' });
    await poll(() => batch.textContent()).toContain('专列');
    await batch.getByRole('link', { name: '查看批次' }).click();
    await page.getByRole('heading', { name: '东莞电子厂' }).waitFor();

    await page.getByText('添加输出人员').click();
    await page.getByLabel('输入姓名查找').fill('吴外出');
    await page.getByLabel(/吴外出/).check();
    await page.getByLabel('工作地点').fill('东莞市长安镇');
    await page.getByLabel('月工资（元）').fill('5200');
    await fits(page);
    await expectResponse(
      page,
      { method: 'POST', path: /\/api\/labour-export\/batches\/\d+\/members$/, status: 201 },
      () => page.getByRole('button', { name: '添加', exact: true }).click(),
    );
    const member = page.getByTestId('member').filter({ hasText: '吴外出' });
    await poll(() => member.textContent()).toContain('月工资 5200 元');
    expect(await member.textContent()).toContain('第1个月回访已逾期');
    await fits(page);

    await openFromMenu(page, '工作清单');
    const work = page.locator('[data-testid="work-item"][data-kind="retention_followup"]');
    await poll(() => work.count()).toBe(1);
    expect(await work.textContent()).toContain('稳岗回访到期');
    await fits(page);
    await work.getByTestId('primary-action').click();
    await page.getByRole('heading', { name: '稳岗回访：吴外出' }).waitFor();
    await page.getByLabel('回访结果').selectOption({ label: '仍在岗' });
    await fits(page);
    await expectResponse(
      page,
      { method: 'POST', path: /\/api\/labour-export\/members\/\d+\/followups$/, status: 201 },
      () => page.getByRole('button', { name: '记录回访' }).click(),
    );
    await page.getByRole('heading', { name: '东莞电子厂' }).waitFor();
    await poll(() => member.getByTestId('followup').textContent()).toContain('第1个月');
    expect(await member.getByTestId('followup').textContent()).toContain('仍在岗');
    const recorded = await suite.ctx.db
      .selectFrom('retentionFollowups')
      .innerJoin('laborExportMembers', 'laborExportMembers.id', 'retentionFollowups.memberId')
      .select(['retentionFollowups.milestoneMonths', 'retentionFollowups.outcome'])
      .where('laborExportMembers.personId', '=', migrant.personIds[0] as string)
      .execute();
    expect(recorded).toEqual([{ milestoneMonths: 1, outcome: 'still_there' }]);
    await page.context().close();
  });

  it('a 公益性岗位 assignment is refused past the household cap, in Chinese, then made for another household', {
    timeout: 240_000,
  }, async () => {
    const page = await suite.signIn(worker.login);
    await openFromMenu(page, '公益性岗位');
    const post = page.getByTestId('post').filter({ hasText: '保洁员' });
    await poll(() => post.textContent()).toContain('在岗 1 / 名额 3');
    await fits(page);
    await post.getByRole('link', { name: '查看岗位' }).click();
    await page.getByRole('heading', { name: '保洁员' }).waitFor();
    await page.getByText('安排上岗', { exact: false }).first().click();
    const today = chinaToday();
    await page.getByLabel('任期开始').fill(today);
    await page.getByLabel('任期结束').fill(addDays(today, 365));

    await page.getByLabel('输入姓名查找').fill('李岗二');
    await page.getByLabel(/李岗二/).check();
    await expectResponse(page, { method: 'POST', path: `/api/welfare-posts/${postId}/assignments`, status: 409 }, () =>
      page.getByRole('button', { name: '安排上岗', exact: true }).click(),
    );
    await poll(() => page.getByTestId('refusal').textContent()).toBe(
      '每户最多 1 个公益性岗位，这一户已经达到上限，不能再安排',
    );
    await fits(page);

    await page.getByLabel('输入姓名查找').fill('赵新岗');
    await page.getByLabel(/赵新岗/).check();
    await expectResponse(page, { method: 'POST', path: `/api/welfare-posts/${postId}/assignments`, status: 201 }, () =>
      page.getByRole('button', { name: '安排上岗', exact: true }).click(),
    );
    const holder = page.getByTestId('assignment').filter({ hasText: '赵新岗' });
    await poll(() => holder.textContent()).toContain(`任期 ${today} 至 ${addDays(today, 365)}`);
    await poll(() => page.getByRole('main').textContent()).toContain('在岗 2 / 名额 3');
    await fits(page);
    const held = await suite.ctx.db
      .selectFrom('welfarePostAssignments')
      .select('personId')
      .where('postId', '=', postId)
      .orderBy('id')
      .execute();
    expect(held.map((row) => row.personId)).toEqual([capped.personIds[0], other.personIds[0]]);
    await page.context().close();
  });

  it('a workshop month is recorded; a subsidy moves to paid and the same one again is refused', {
    timeout: 240_000,
  }, async () => {
    const page = await suite.signIn(worker.login);
    await openFromMenu(page, '帮扶车间');
    const card = page.getByTestId('workshop').filter({ hasText: '甲一制衣帮扶车间' });
    await poll(() => card.textContent()).toContain('还没有登记用工');
    await fits(page);
    await card.getByRole('link', { name: '查看车间' }).click();
    await page.getByRole('heading', { name: '甲一制衣帮扶车间' }).waitFor();
    await page.getByText('＋ 登记用工').click();
    await page.getByLabel('输入姓名查找').fill('李岗二');
    await page.getByLabel(/李岗二/).check();
    await page.getByLabel('当月工资（元）').fill('2600');
    await fits(page);
    await expectResponse(page, { method: 'PUT', path: `/api/workshops/${workshopId}/employment`, status: 200 }, () =>
      page.getByRole('button', { name: '登记用工', exact: true }).click(),
    );
    const month = chinaToday().slice(0, 7);
    await poll(() => page.getByTestId('employment').textContent()).toContain(`${month} · 李岗二 · 2600 元`);
    await poll(() => page.getByRole('main').textContent()).toContain(`${month}：吸纳搬迁群众 1 人`);
    await fits(page);

    await openFromMenu(page, '补贴台账');
    await page.getByRole('heading', { name: '补贴台账' }).waitFor();
    const record = async (status: number) => {
      await page.getByLabel('输入姓名查找').fill('赵新岗');
      await page.getByLabel(/赵新岗/).check();
      await page.getByLabel('补贴类别').selectOption({ label: '培训补贴' });
      await page.getByLabel('补贴事由（如培训班、输出批次）').fill('电工培训班');
      await page.getByLabel('金额（元）').fill('1500');
      await expectResponse(page, { method: 'POST', path: '/api/subsidies', status }, () =>
        page.getByRole('button', { name: '登记', exact: true }).click(),
      );
    };
    await page.getByText('＋ 登记补贴').click();
    await fits(page);
    await record(201);
    const entry = page.getByTestId('subsidy').filter({ hasText: '电工培训班' });
    for (const [button, state] of [
      ['提交申请', '已申请'],
      ['审批通过', '已审批'],
      ['确认发放', '已发放'],
    ] as const) {
      await expectResponse(page, { method: 'POST', path: /\/api\/subsidies\/\d+\/advance$/, status: 200 }, () =>
        entry.getByRole('button', { name: button }).click(),
      );
      await poll(() => entry.getByTestId('subsidy-state').textContent()).toBe(state);
    }
    expect(await entry.getByRole('button').count()).toBe(0);
    await poll(() => page.locator('[data-testid="subsidy-totals"] [data-state="paid"]').textContent()).toBe(
      '已发放：1 笔，1500 元',
    );
    await fits(page);

    await record(409);
    await poll(() => page.getByTestId('refusal').textContent()).toBe(
      '同一人、同一事由、同一期间的补贴已经登记过，不能重复发放',
    );
    await fits(page);
    const paid = await suite.ctx.db
      .selectFrom('subsidyEntries')
      .select(['state', 'amountYuan'])
      .where('personId', '=', other.personIds[0] as string)
      .execute();
    expect(paid).toEqual([{ state: 'paid', amountYuan: 1500 }]);
    await page.context().close();
  });
  it('an employer sees its own labour-export migrants with workplace, contract, pay and 稳岗 status', {
    timeout: 240_000,
  }, async () => {
    const today = chinaToday();
    const factory = await createEmployer(suite.ctx, { name: '苏州精密电子厂' });
    const account = await createUser(suite.ctx.db, { role: 'employer', name: '电子厂人事' });
    await linkEmployerAccount(suite.ctx, account.id, factory.id);
    const sent = await createHousehold(suite.ctx.db, {
      siteId: tree.siteA1.id,
      members: [
        { name: '钱外出', laborCapacity: 'full' },
        { name: '孙外出', laborCapacity: 'full' },
      ],
    });
    const elsewhere = await createHousehold(suite.ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '周别处', laborCapacity: 'full' }],
    });
    const cookie = await signIn(suite.ctx.app, worker.login);
    const batchOf = async (body: Record<string, unknown>) => {
      const response = await call(suite.ctx.app, 'POST', '/api/labour-export/batches', {
        cookie,
        body: {
          siteId: tree.siteA1.id,
          destinationRegion: '江苏省苏州市',
          departureDate: addDays(today, -40),
          transport: 'chartered_bus',
          organiser: '社区小王',
          ...body,
        },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const ours = await batchOf({ destinationEmployer: '苏州精密电子厂', destinationEmployerId: factory.id });
    const theirs = await batchOf({ destinationEmployer: '别的工厂' });
    const add = async (batchId: string, body: Record<string, unknown>) => {
      const response = await call(suite.ctx.app, 'POST', `/api/labour-export/batches/${batchId}/members`, {
        cookie,
        body,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const followed = await add(ours, {
      personId: sent.personIds[0],
      workplace: '苏州工业园区',
      contractStart: addDays(today, -40),
      contractEnd: addDays(today, 325),
      monthlyPayYuan: 4800,
    });
    await add(ours, { personId: sent.personIds[1] });
    await add(theirs, { personId: elsewhere.personIds[0], workplace: '别处' });
    const followup = await call(suite.ctx.app, 'POST', `/api/labour-export/members/${followed}/followups`, {
      cookie,
      body: { milestoneMonths: 1, followedUpOn: addDays(today, -5), outcome: 'still_there' },
    });
    expect(followup.status).toBe(201);

    const page = await suite.signIn(account.login);
    await openFromMenu(page, '输出到本单位的人员');
    await page.getByRole('heading', { name: '输出到本单位的人员' }).waitFor();
    const members = page.getByTestId('member');
    await poll(() => members.count()).toBe(2);
    expect(await page.getByRole('main').textContent()).not.toContain('周别处');
    const qian = members.filter({ hasText: '钱外出' });
    const qianText = await qian.textContent();
    expect(qianText).toContain('苏州工业园区');
    expect(qianText).toContain(`合同 ${addDays(today, -40)} 至 ${addDays(today, 325)}`);
    expect(qianText).toContain('月工资 4800 元');
    expect(await qian.getByTestId('retention-status').textContent()).toBe(
      `稳岗情况：仍在岗（第1个月回访，${addDays(today, -5)}）`,
    );
    const sun = members.filter({ hasText: '孙外出' });
    expect(await sun.getByTestId('retention-status').textContent()).toBe('稳岗情况：还没有回访');
    expect(await sun.textContent()).toContain('未登记合同');
    await fits(page);
    await page.context().close();
  });
});
