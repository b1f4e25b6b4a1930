import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';
import { createEmployer } from '../support/opportunity-fixtures.ts';

// Issue 21: the region dashboard and its export carry the programmes' figures, counted over the
// sites the reader may see — asserted against records made here, with decoys that must not count.

let ctx: TestContext;
let tree: RegionTree;
let officialA: string;
let workerA2: string;
let admin: string;
let userId: string;
const today = chinaToday();
const lastMonth = monthStart(today, -1).slice(0, 7);
const year = Number(today.slice(0, 4));

type Site = RegionTree['siteA1'];
const person = async (site: Site, county: string, name: string) =>
  createHouseholdWithPerson(ctx.db, site, county, { name });

async function batch(site: Site, county: string, departureDate: string, people: string[], employer = '报表测试厂') {
  const row = await ctx.db
    .insertInto('laborExportBatches')
    .values({
      countyCode: county,
      siteId: site.id,
      destinationEmployer: employer,
      destinationRegion: employer === '报表测试厂' ? '浙江省宁波市' : '广东省东莞市',
      departureDate,
      transport: 'special_train',
      organiser: '报表',
      note: null,
      createdBy: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members: string[] = [];
  for (const name of people) {
    const who = await person(site, county, name);
    const member = await ctx.db
      .insertInto('laborExportMembers')
      .values({
        countyCode: county,
        batchId: row.id,
        personId: who.personId,
        householdId: who.householdId,
        workplace: null,
        contractStart: null,
        contractEnd: null,
        monthlyPayYuan: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    members.push(member.id);
  }
  return members;
}

async function followup(
  memberId: string,
  county: string,
  milestoneMonths: number,
  outcome: 'still_there' | 'changed_job' | 'came_home' | 'unreachable',
) {
  await ctx.db
    .insertInto('retentionFollowups')
    .values({
      countyCode: county,
      memberId,
      milestoneMonths,
      followedUpOn: addDays(today, -5),
      outcome,
      reason: outcome === 'still_there' ? null : '测试',
      recordedBy: userId,
    })
    .execute();
}

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const adminUser = await createUser(ctx.db, { role: 'admin' });
  userId = adminUser.id;
  admin = await signIn(ctx.app, adminUser.login);
  officialA = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login);
  workerA2 = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] })).login,
  );
  const a = tree.countyA.code;
  const b = tree.countyB.code;

  // Labour export from 甲一: three went 200 days ago; one of them came home at 3 months.
  const [first, second, third] = await batch(tree.siteA1, a, addDays(today, -200), ['吴一', '吴二', '吴三']);
  await followup(first as string, a, 3, 'still_there');
  await followup(second as string, a, 3, 'changed_job');
  await followup(third as string, a, 3, 'came_home');
  await followup(first as string, a, 6, 'still_there');
  await followup(second as string, a, 6, 'unreachable');
  // A second employer in another province: one went, still there at 1 month.
  const [dongguan] = await batch(tree.siteA1, a, addDays(today, -40), ['郑一'], '东莞电子厂');
  await followup(dongguan as string, a, 1, 'still_there');
  // Decoys: a batch not yet departed, and one from county B.
  await batch(tree.siteA1, a, addDays(today, 10), ['未走']);
  const [away] = await batch(tree.siteB1, b, addDays(today, -200), ['乙县人']);
  await followup(away as string, b, 3, 'still_there');

  // 公益性岗位 at 甲一: two hold it today; one left yesterday, one starts next month; one in county B.
  const post = async (site: Site, county: string) =>
    ctx.db
      .insertInto('welfarePosts')
      .values({
        countyCode: county,
        siteId: site.id,
        title: '报表保洁',
        duties: null,
        quota: 10,
        monthlyPayYuan: 800,
        eligibility: '{}',
        createdBy: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const postA = await post(tree.siteA1, a);
  const postB = await post(tree.siteB1, b);
  const terms: [string, Site, string, string, string, string | null][] = [
    [postA.id, tree.siteA1, a, addDays(today, -100), addDays(today, 200), null],
    [postA.id, tree.siteA1, a, addDays(today, -10), addDays(today, 300), null],
    [postA.id, tree.siteA1, a, addDays(today, -100), addDays(today, 200), addDays(today, -1)],
    [postA.id, tree.siteA1, a, addDays(today, 30), addDays(today, 300), null],
    [postB.id, tree.siteB1, b, addDays(today, -100), addDays(today, 200), null],
  ];
  for (const [postId, site, county, startOn, endOn, endedOn] of terms) {
    const who = await person(site, county, '岗位人');
    await ctx.db
      .insertInto('welfarePostAssignments')
      .values({
        countyCode: county,
        postId,
        personId: who.personId,
        householdId: who.householdId,
        startOn,
        endOn,
        endedOn,
        createdBy: userId,
      })
      .execute();
  }

  // 帮扶车间 at 甲一: two people last month (one of them also the month before), one the month before only.
  const employer = await createEmployer(ctx, { name: '报表车间' });
  const workshop = await ctx.db
    .insertInto('workshopRecognitions')
    .values({
      countyCode: a,
      employerId: employer.id,
      siteId: tree.siteA1.id,
      minRelocatedEmployed: 1,
      minRelocatedShare: 0.1,
      totalEmployed: 10,
      decidedBy: null,
      decidedOn: null,
      note: null,
      createdBy: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const monthBefore = monthStart(today, -2).slice(0, 7);
  const employed: [string, string[]][] = [
    ['车间一', [lastMonth, monthBefore]],
    ['车间二', [lastMonth]],
    ['车间三', [monthBefore]],
  ];
  for (const [name, months] of employed) {
    const who = await person(tree.siteA1, a, name);
    for (const month of months)
      await ctx.db
        .insertInto('workshopEmploymentMonths')
        .values({
          countyCode: a,
          workshopId: workshop.id,
          personId: who.personId,
          householdId: who.householdId,
          month,
          payYuan: 2000,
          recordedBy: userId,
        })
        .execute();
  }

  // Subsidies at 甲一: 1000 and 500 paid this year; 800 approved; 300 paid last year; 700 paid in county B.
  const subsidies: [Site, string, 'approved' | 'paid', number, string | null][] = [
    [tree.siteA1, a, 'paid', 1000, today],
    [tree.siteA1, a, 'paid', 500, today],
    [tree.siteA1, a, 'approved', 800, null],
    [tree.siteA1, a, 'paid', 300, `${year - 1}-12-20`],
    [tree.siteB1, b, 'paid', 700, today],
  ];
  let n = 0;
  for (const [site, county, state, amountYuan, paidOn] of subsidies) {
    const who = await person(site, county, '补贴人');
    await ctx.db
      .insertInto('subsidyEntries')
      .values({
        countyCode: county,
        siteId: site.id,
        kind: 'training',
        personId: who.personId,
        householdId: who.householdId,
        employerId: null,
        basis: `course:${++n}`,
        period: String(year),
        amountYuan,
        state,
        appliedOn: today,
        approvedOn: today,
        paidOn,
        createdBy: userId,
      })
      .execute();
  }
});
afterAll(() => ctx.close());

const retention = (one: [number, number | null], three: [number, number | null], six: [number, number | null]) =>
  [one, three, six].map(([followedUp, stillWorkingShare], i) => ({
    months: [1, 3, 6][i],
    followedUp,
    stillWorkingShare,
  }));
const expected = () => ({
  labourExportOut: 3,
  retention3: { followedUp: 3, stillWorkingShare: 0.67 },
  retention6: { followedUp: 2, stillWorkingShare: 0.5 },
  welfarePostHolders: 2,
  workshopEmployed: 2,
  subsidiesPaidThisYear: { entries: 2, amountYuan: 1500 },
  retentionByDestination: [
    { name: '浙江省宁波市', milestones: retention([0, null], [3, 0.67], [2, 0.5]) },
    { name: '广东省东莞市', milestones: retention([1, 1], [0, null], [0, null]) },
  ],
  retentionByEmployer: [
    { name: '报表测试厂', milestones: retention([0, null], [3, 0.67], [2, 0.5]) },
    { name: '东莞电子厂', milestones: retention([1, 1], [0, null], [0, null]) },
  ],
  welfarePosts: {
    totals: { posts: 1, quota: 10, filled: 2 },
    rows: [{ title: '报表保洁', siteName: '甲一安置点', quota: 10, filled: 2 }],
  },
  workshops: [{ name: '报表车间', siteName: '甲一安置点', status: 'pending', relocatedEmployed: 2, payYuan: 4000 }],
  subsidiesByYear: [
    { year: String(year), state: 'approved', entries: 1, amountYuan: 800 },
    { year: String(year), state: 'paid', entries: 3, amountYuan: 1800 },
  ],
});

describe('programme figures in the region dashboard and its export', () => {
  it('counts the programmes of the county an official sees, and nothing of the other county', async () => {
    const response = await call(ctx.app, 'GET', `/api/reports/regions/${tree.countyA.code}`, { cookie: officialA });
    expect(response.status).toBe(200);
    expect((await response.json()).programmes).toEqual(expected());
    const site = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}`, { cookie: admin });
    expect((await site.json()).programmes).toEqual(expected());
  });

  it('gives zeros on a site with no programmes (a worker of 甲二)', async () => {
    const response = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA2.code}`, { cookie: workerA2 });
    expect(response.status).toBe(200);
    expect((await response.json()).programmes).toEqual({
      labourExportOut: 0,
      retention3: { followedUp: 0, stillWorkingShare: null },
      retention6: { followedUp: 0, stillWorkingShare: null },
      welfarePostHolders: 0,
      workshopEmployed: 0,
      subsidiesPaidThisYear: { entries: 0, amountYuan: 0 },
      retentionByDestination: [],
      retentionByEmployer: [],
      welfarePosts: { totals: { posts: 0, quota: 0, filled: 0 }, rows: [] },
      workshops: [],
      subsidiesByYear: [],
    });
  });

  it('writes a 就业帮扶项目 sheet with Chinese headers and the same numbers', async () => {
    const response = await call(ctx.app, 'GET', `/api/exports/dashboard.xlsx?region=${tree.countyA.code}`, {
      cookie: officialA,
    });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet('就业帮扶项目');
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['指标', '甲县'],
      ['劳务输出在外人数', 3],
      ['3个月稳岗回访人数', 3],
      ['3个月稳岗率', '67%'],
      ['6个月稳岗回访人数', 2],
      ['6个月稳岗率', '50%'],
      ['公益性岗位在岗人数', 2],
      ['帮扶车间吸纳搬迁群众（末月）', 2],
      ['本年已发放补贴笔数', 2],
      ['本年已发放补贴金额（元）', 1500],
    ]);
    const rowsOf = (name: string) => {
      const found: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row) => found.push((row.values as unknown[]).slice(1)));
      return found;
    };
    const milestoneHeaders = [
      '1个月稳岗回访人数',
      '1个月稳岗率',
      '3个月稳岗回访人数',
      '3个月稳岗率',
      '6个月稳岗回访人数',
      '6个月稳岗率',
    ];
    // An empty cell (no one followed up yet) is a hole in exceljs' row values.
    expect(rowsOf('稳岗（按用工单位）')).toEqual([
      ['去向', ...milestoneHeaders],
      ['报表测试厂', 0, undefined, 3, '67%', 2, '50%'],
      ['东莞电子厂', 1, '100%', 0, undefined, 0],
    ]);
    expect(rowsOf('稳岗（按输出地区）')[1]).toEqual(['浙江省宁波市', 0, undefined, 3, '67%', 2, '50%']);
    expect(rowsOf('公益性岗位')).toEqual([
      ['岗位', '安置点', '名额', '在岗人数'],
      ['报表保洁', '甲一安置点', 10, 2],
    ]);
    expect(rowsOf('帮扶车间')).toEqual([
      ['车间', '安置点', '状态', '吸纳搬迁群众（末月）', '发放工资（元）'],
      ['报表车间', '甲一安置点', '待认定', 2, 4000],
    ]);
    expect(rowsOf('补贴台账')).toEqual([
      ['年度', '状态', '笔数', '金额（元）'],
      [String(year), '已审批', 1, 800],
      [String(year), '已发放', 3, 1800],
    ]);
  });
});
