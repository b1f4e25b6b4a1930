import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createEmployer } from '../support/opportunity-fixtures.ts';
import { expectNoEnglish, expectNoHorizontalOverflow } from '../support/sweeps.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

// Issue 21: an official's region dashboard at 360 px shows the employment programmes' figures —
// 稳岗 by employer and destination, 公益性岗位 filled/quota, 帮扶车间 with pay, subsidies by year.

let tree: RegionTree;
let official: TestUser;
const today = chinaToday();
const year = today.slice(0, 4);

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id, name: '县人社局' });
    const staff = await createUser(ctx.db, { role: 'admin' });
    const county = tree.countyA.code;
    const person = async (name: string) => {
      const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{ name }] });
      return { householdId: household.id, personId: household.personIds[0] as string };
    };
    const batch = await ctx.db
      .insertInto('laborExportBatches')
      .values({
        countyCode: county,
        siteId: tree.siteA1.id,
        destinationEmployer: '宁波电子厂',
        destinationRegion: '浙江省宁波市',
        departureDate: addDays(today, -200),
        transport: 'special_train',
        organiser: '县人社局',
        note: null,
        createdBy: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outcomes = ['still_there', 'changed_job', 'came_home', 'still_there'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const who = await person(`外出${i}`);
      const member = await ctx.db
        .insertInto('laborExportMembers')
        .values({
          countyCode: county,
          batchId: batch.id,
          ...who,
          workplace: null,
          contractStart: null,
          contractEnd: null,
          monthlyPayYuan: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('retentionFollowups')
        .values({
          countyCode: county,
          memberId: member.id,
          milestoneMonths: 3,
          followedUpOn: addDays(today, -100),
          outcome,
          reason: null,
          recordedBy: staff.id,
        })
        .execute();
    }
    const post = await ctx.db
      .insertInto('welfarePosts')
      .values({
        countyCode: county,
        siteId: tree.siteA1.id,
        title: '保洁员',
        duties: null,
        quota: 5,
        monthlyPayYuan: 800,
        eligibility: '{}',
        createdBy: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const name of ['岗一', '岗二'])
      await ctx.db
        .insertInto('welfarePostAssignments')
        .values({
          countyCode: county,
          postId: post.id,
          ...(await person(name)),
          startOn: addDays(today, -30),
          endOn: addDays(today, 300),
          endedOn: null,
          createdBy: staff.id,
        })
        .execute();
    const employer = await createEmployer(ctx, { name: '甲一制衣车间' });
    const workshop = await ctx.db
      .insertInto('workshopRecognitions')
      .values({
        countyCode: county,
        employerId: employer.id,
        siteId: tree.siteA1.id,
        minRelocatedEmployed: 1,
        minRelocatedShare: 0.1,
        totalEmployed: 10,
        status: 'recognised',
        decidedBy: null,
        decidedOn: null,
        note: null,
        createdBy: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lastMonth = monthStart(today, -1).slice(0, 7);
    for (const name of ['车间一', '车间二', '车间三'])
      await ctx.db
        .insertInto('workshopEmploymentMonths')
        .values({
          countyCode: county,
          workshopId: workshop.id,
          ...(await person(name)),
          month: lastMonth,
          payYuan: 2100,
          recordedBy: staff.id,
        })
        .execute();
    const subsidies = [
      ['paid', 1200, today],
      ['approved', 600, null],
    ] as const;
    for (const [i, [state, amountYuan, paidOn]] of subsidies.entries())
      await ctx.db
        .insertInto('subsidyEntries')
        .values({
          countyCode: county,
          siteId: tree.siteA1.id,
          kind: 'training',
          ...(await person(`补贴${i}`)),
          employerId: null,
          basis: `course:${i}`,
          period: year,
          amountYuan,
          state,
          appliedOn: today,
          approvedOn: today,
          paidOn,
          createdBy: staff.id,
        })
        .execute();
  },
});

describe('programme figures on the region dashboard', () => {
  it('an official sees 稳岗, 公益性岗位, 帮扶车间 and subsidies on a phone, in Chinese', async () => {
    const page = await suite.signIn(official.login, { timeoutMs: 30_000 });
    await page.goto(`${suite.url}/tracking/sites/${tree.countyA.code}`);
    const section = page.getByTestId('programmes');
    await section.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('programme-labour-export-out').textContent()).toBe('3');
    expect(await page.getByTestId('programme-retention-3').textContent()).toBe('75%');
    expect(await page.getByTestId('programme-welfare-filled').textContent()).toBe('2/5');
    expect(await page.getByTestId('programme-workshop-employed').textContent()).toBe('3');
    expect(await page.getByTestId('programme-subsidies-paid').textContent()).toBe('1200');
    const byEmployer = page.getByTestId('retention-employer-table');
    expect(await byEmployer.locator('tbody tr').first().textContent()).toContain('宁波电子厂');
    expect(await byEmployer.locator('tbody tr').first().textContent()).toContain('75%（4人回访）');
    expect(await page.getByTestId('retention-destination-table').textContent()).toContain('浙江省宁波市');
    expect(await page.getByTestId('welfare-posts-table').textContent()).toContain('保洁员');
    const workshops = await page.getByTestId('workshops-table').textContent();
    expect(workshops).toContain('甲一制衣车间');
    expect(workshops).toContain('已认定');
    expect(workshops).toContain('6300');
    const subsidies = page.getByTestId('subsidies-table');
    expect(await subsidies.textContent()).toContain('1200（1笔）');
    expect(await subsidies.textContent()).toContain('600（1笔）');
    // The two charts (稳岗 by employer, subsidies by year) are drawn.
    await expect.poll(() => section.locator('svg').count(), { timeout: 30_000 }).toBe(2);
    await expectNoHorizontalOverflow(page);
    await expectNoEnglish(page);
    await expectNoSeriousA11yViolations(page, 'programme dashboard 360');
    await page.context().close();
  }, 240_000);
});
