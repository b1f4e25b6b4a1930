import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  addIncome,
  addLine,
  createHousehold,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let adminCookie: string;
let officialCookie: string;
let workerId: string;
let rising: TestHousehold;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyB.code, 2025, 15000);
  await addLine(ctx.db, tree.countyA.code, 2025, 10000);
  workerId = (await createUser(ctx.db, { role: 'worker', name: '李网格', assignedRegionIds: [tree.siteA1.id] })).id;
  adminCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  officialCookie = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login,
  );
  // Site B1: one person earning 1,000 a month in 2025-01…06, then 2,000 a month in 2025-07…12.
  rising = await createHousehold(ctx.db, { siteId: tree.siteB1.id, members: [{ name: '周大山', relation: 'head' }] });
  await addIncome(ctx.db, rising, [...monthlyIncome('2025-01', 6, 1000), ...monthlyIncome('2025-07', 6, 2000)]);
  // Site A1: two households of the worker, one below the line (and in 低保 from 2025-09), one above.
  const poor = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerId,
    members: [
      { name: '王小明', relation: 'child', laborCapacity: 'none', employmentStatus: 'not_seeking' },
      { name: '王建国', relation: 'head', laborCapacity: 'full', employmentStatus: 'unemployed_seeking' },
    ],
  });
  await addIncome(ctx.db, poor, monthlyIncome('2025-01', 12, 700));
  await setDibao(ctx.db, poor, 'enrolled', { since: '2025-09-10', validUntil: '2027-01-01' });
  const better = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerId,
    members: [{ name: '赵富', relation: 'head', laborCapacity: 'full', employmentStatus: 'employed_local' }],
  });
  await addIncome(ctx.db, better, monthlyIncome('2025-01', 12, 3000));
  // Site A2: one household with no responsible worker.
  await createHousehold(ctx.db, { siteId: tree.siteA2.id, members: [{ name: '钱一', relation: 'head' }] });
});
afterAll(() => ctx.close());

const get = async (path: string, cookie = adminCookie) => {
  const response = await call(ctx.app, 'GET', path, { cookie });
  expect(response.status).toBe(200);
  return response.json();
};

describe('the monthly income trend', () => {
  it('is the rolling 12-month per-capita income of each month, not one yearly figure repeated', async () => {
    const report = await get(`/api/reports/regions/${tree.siteB1.code}?from=2025-06&to=2025-12`);
    // The 12 months ending with each month, annualised from the months present:
    // 2025-06: 6,000 × 12 / 6; 2025-07: 8,000 × 12 / 7; … 2025-12: 6,000 + 12,000.
    expect(report.income.trend.map((m: { medianPerCapitaRolling12: number }) => m.medianPerCapitaRolling12)).toEqual([
      12000, 13714.29, 15000, 16000, 16800, 17454.55, 18000,
    ]);
    expect(report.income.trend.map((m: { line: number }) => m.line)).toEqual(Array(7).fill(15000));
    expect(report.income.trend.map((m: { shareBelowLine: number }) => m.shareBelowLine)).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it('counts 低保 by the month it began', async () => {
    const report = await get(`/api/reports/regions/${tree.siteA1.code}?from=2025-08&to=2025-10`);
    expect(report.income.trend.map((m: { dibaoEnrolled: number }) => m.dibaoEnrolled)).toEqual([0, 1, 1]);
    expect(report.income.trend.map((m: { householdsBelowLine: number }) => m.householdsBelowLine)).toEqual([1, 1, 1]);
  });
});

describe('drilling down', () => {
  it('opens on the official’s own region, and on the root for an admin', async () => {
    expect(await get('/api/reports/home-region', officialCookie)).toEqual({
      code: tree.countyA.code,
      name: '甲县',
      level: 'county',
    });
    const worker = await signIn(
      ctx.app,
      (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] })).login,
    );
    expect((await get('/api/reports/home-region', worker)).code).toBe(tree.siteA2.code);
    const resident = await createUser(ctx.db, { role: 'resident' });
    const refused = await call(ctx.app, 'GET', '/api/reports/home-region', {
      cookie: await signIn(ctx.app, resident.login),
    });
    expect(refused.status).toBe(403);
  });

  it('goes region → sub-regions → site → worker → household, the official seeing surnames only', async () => {
    const county = await get(`/api/reports/regions/${tree.countyA.code}?to=2025-12`, officialCookie);
    expect(county.children.map((c: { name: string }) => c.name)).toEqual(['甲镇']);
    const town = await get(`/api/reports/regions/${`${tree.countyA.code}001`}?to=2025-12`, officialCookie);
    expect(town.children).toEqual([
      expect.objectContaining({ code: tree.siteA1.code, households: 2, shareBelowLine: 0.5, employmentRate: 0.5 }),
      expect.objectContaining({ code: tree.siteA2.code, households: 1, shareBelowLine: null }),
    ]);
    const site = await get(`/api/reports/regions/${tree.siteA1.code}?to=2025-12`, officialCookie);
    expect(site.children).toEqual([]);
    expect(site.byResponsibleWorker).toEqual([
      expect.objectContaining({ workerId, workerName: '李网格', households: 2 }),
    ]);
    const households = await get(
      `/api/reports/regions/${tree.siteA1.code}/households?worker=${workerId}&to=2025-12`,
      officialCookie,
    );
    expect(households.total).toBe(2);
    // Worst first: the household below the line, named by its head (户主), masked for an official.
    expect(households.items[0]).toMatchObject({ headName: '王**', belowLine: true, perCapita: 4200, line: 10000 });
    expect(households.items[1]).toMatchObject({ headName: '赵*', belowLine: false });
    const asAdmin = await get(`/api/reports/regions/${tree.siteA1.code}/households?worker=${workerId}&to=2025-12`);
    expect(asAdmin.items[0].headName).toBe('王建国');
    const none = await get(`/api/reports/regions/${tree.siteA2.code}/households?worker=none`);
    expect(none.items.map((h: { headName: string }) => h.headName)).toEqual(['钱一']);
    const paged = await get(`/api/reports/regions/${tree.siteA1.code}/households?pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    // Past the last page: no rows, and still the list's total.
    const past = await get(`/api/reports/regions/${tree.siteA1.code}/households?pageSize=1&page=5`);
    expect(past).toMatchObject({ total: 2, page: 5, pageSize: 1, items: [] });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['resourceId', 'fields'])
      .where('resourceType', '=', 'report_households')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a bad worker id with the field named, and a region out of scope', async () => {
    const bad = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}/households?worker=abc`, {
      cookie: officialCookie,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toContain('worker');
    const out = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteB1.code}/households`, {
      cookie: officialCookie,
    });
    expect(out.status).toBe(404);
  });
});

async function sheets(response: Response) {
  expect(response.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return book.worksheets;
}

/** A raw code (`employed_local`, `head`) or an English word where Chinese belongs. */
const ascii = /^[A-Za-z]+([_ ][A-Za-z]+)*$/;

describe('exports speak the reader’s language', () => {
  it('writes every value and sheet name in Chinese by default', async () => {
    const [employment] = await sheets(
      await call(ctx.app, 'GET', `/api/exports/employment.xlsx?region=${tree.siteA1.code}`, { cookie: adminCookie }),
    );
    expect(employment.name).toBe('就业台账');
    const values: unknown[] = [];
    employment.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('户主');
    expect(values).toContain('本地务工');
    expect(values.filter((v) => typeof v === 'string' && ascii.test(v))).toEqual([]);
  });

  it('writes English for ?lang=en and for an English Accept-Language', async () => {
    const [employment] = await sheets(
      await call(ctx.app, 'GET', `/api/exports/employment.xlsx?region=${tree.siteA1.code}&lang=en`, {
        cookie: adminCookie,
      }),
    );
    expect(employment.name).toBe('Employment');
    expect(employment.getRow(1).getCell(4).value).toBe('Relation to head');
    const response = await ctx.app.request(`/api/exports/households.xlsx?region=${tree.siteA1.code}`, {
      headers: { cookie: adminCookie, 'accept-language': 'en-GB,en;q=0.9' },
    });
    const [households] = await sheets(response);
    expect(households.name).toBe('Households');
  });

  it('exports the dashboard as shown, compared sites included, in Chinese', async () => {
    const book = await sheets(
      await call(
        ctx.app,
        'GET',
        `/api/exports/dashboard.xlsx?region=${tree.siteA1.code}&from=2025-08&to=2025-10&compare=${tree.siteA2.code}`,
        { cookie: adminCookie },
      ),
    );
    expect(book.map((sheet) => sheet.name)).toEqual([
      '概况',
      '月度趋势',
      '下级区域',
      '责任人',
      '预警类别',
      '就业帮扶项目',
      '稳岗（按用工单位）',
      '稳岗（按输出地区）',
      '公益性岗位',
      '帮扶车间',
      '补贴台账',
    ]);
    const [overview, trend] = book;
    expect(overview.getRow(1).values).toEqual([undefined, '指标', '甲一安置点', '甲二安置点']);
    expect(overview.getRow(3).values).toEqual([undefined, '户数', 2, 1]);
    expect(trend.rowCount).toBe(1 + 3);
    const values: unknown[] = [];
    for (const sheet of book) sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.filter((v) => typeof v === 'string' && ascii.test(v))).toEqual([]);
  });
});
