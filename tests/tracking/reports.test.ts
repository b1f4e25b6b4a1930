import type { EmploymentStatus, LaborCapacity } from '@anju/domain/enums';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeCell } from '../../api/src/tracking/exports.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  addAssessment,
  addIncome,
  addLine,
  addVisit,
  createHousehold,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let adminCookie: string;
let workerId: string;
let h4: TestHousehold;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 10000);
  workerId = (await createUser(ctx.db, { role: 'worker', name: '王网格', assignedRegionIds: [tree.siteA1.id] })).id;
  adminCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);

  // Site A1, hand-computed (income window 2025-07 … 2026-06, line 10,000):
  // H1: 2 people (1 able, employed), 1,500 a month → 9,000 per person, below, in 低保.
  const h1 = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerId,
    members: [
      { laborCapacity: 'full', employmentStatus: 'employed_local' },
      { laborCapacity: 'none', employmentStatus: 'not_seeking' },
    ],
  });
  await addIncome(ctx.db, h1, monthlyIncome('2025-07', 12, 1500));
  await setDibao(ctx.db, h1, 'enrolled', { validUntil: '2027-12-31' });
  await addVisit(ctx.db, h1, workerId, '2026-02-01');
  await addAssessment(ctx.db, h1, '2026-03-10', [3, 3, 3, 3, 3]);
  // H2: 1 able person, not employed (零就业), 1,000 a month → 12,000, above.
  const h2 = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerId,
    members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
  });
  await addIncome(ctx.db, h2, monthlyIncome('2025-07', 12, 1000));
  await addAssessment(ctx.db, h2, '2026-03-20', [5, 5, 5, 5, 5]);
  // H3: 3 people (2 able, 1 employed), only 6 months of 1,200 → 14,400 a year → 4,800, below, no 低保.
  const h3 = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerId,
    householdNumber: '=HYPERLINK("http://evil.example","点我")',
    members: [
      { laborCapacity: 'full', employmentStatus: 'flexible' },
      { laborCapacity: 'weak', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'none', employmentStatus: 'not_seeking', name: '+cmd|calc' },
    ],
  });
  await addIncome(ctx.db, h3, monthlyIncome('2026-01', 6, 1200));
  // Site A2: H4, 1 person employed, 2,000 a month → 24,000.
  h4 = await createHousehold(ctx.db, { siteId: tree.siteA2.id, members: [{}] });
  await addIncome(ctx.db, h4, monthlyIncome('2025-07', 12, 2000));
});
afterAll(() => ctx.close());

describe('region and site dashboards', () => {
  it('answers the site figures computed by hand', async () => {
    const response = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}?from=2026-01&to=2026-06`, {
      cookie: adminCookie,
    });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({
      from: '2026-01',
      to: '2026-06',
      households: 3,
      peopleWithLabourCapacity: 4,
      employedWithLabourCapacity: 2,
      employmentRate: 0.5,
      householdsWithNoOneEmployed: 1,
      householdsWithNoOneEmployedUnverified: 0,
      income: {
        householdsWithData: 3,
        medianPerCapitaNetIncome: 9000,
        householdsBelowLine: 2,
        shareBelowLine: 0.67,
        dibaoCoverageOfBelowLine: 0.5,
      },
    });
    // 2026-01: H1 7 months of 1,500 ÷ 2 people → 9,000 a year; H2 12,000; H3 one month of 1,200 ÷ 3 → 4,800.
    expect(report.income.trend[0]).toEqual({
      month: '2026-01',
      medianPerCapitaRolling12: 9000,
      line: 10000,
      shareBelowLine: 0.67,
      householdsBelowLine: 2,
      dibaoEnrolled: 1,
      households: 3,
    });
    expect(report.income.trend).toHaveLength(6);
    expect(report.integrationTrend).toEqual([
      {
        month: '2026-03',
        assessments: 2,
        economic: 4,
        socialTies: 4,
        dailyLifeServices: 4,
        culturalParticipation: 4,
        psychologicalBelonging: 4,
      },
    ]);
    expect(report.byResponsibleWorker).toEqual([
      {
        workerId,
        workerName: '王网格',
        households: 3,
        openAlerts: 0,
        overdueAlerts: 0,
        overdueVisits: 1,
        visitsInRange: 1,
      },
    ]);
  });

  it('counts open and overdue alerts and visits per responsible worker, households without one as well', async () => {
    const alert = (state: 'open' | 'acknowledged' | 'resolved', deadline: string, ruleId: string) => ({
      countyCode: h4.countyCode,
      householdId: h4.id,
      ruleId,
      state,
      explanationZh: '测试',
      explanationEn: 'test',
      facts: JSON.stringify({}),
      responsibleWorkerId: null,
      deadline,
    });
    await ctx.db
      .insertInto('alerts')
      .values([
        alert('open', '2020-01-01', 'income_below_line'),
        alert('acknowledged', '2999-01-01', 'visit_overdue'),
        alert('resolved', '2020-01-01', 'zero_employment'),
      ])
      .execute();
    await addVisit(ctx.db, h4, workerId, '2026-03-01', { nextVisitDue: '2999-01-01' });
    await addVisit(ctx.db, h4, workerId, '2025-03-01');
    const report = await (
      await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA2.code}?from=2026-01&to=2026-06`, {
        cookie: adminCookie,
      })
    ).json();
    expect(report.byResponsibleWorker).toEqual([
      {
        workerId: null,
        workerName: null,
        households: 1,
        openAlerts: 2,
        overdueAlerts: 1,
        overdueVisits: 0,
        visitsInRange: 1,
      },
    ]);
  });

  it('aggregates a county and compares sites', async () => {
    const county = await (
      await call(ctx.app, 'GET', `/api/reports/regions/${tree.countyA.code}?from=2026-01&to=2026-06`, {
        cookie: adminCookie,
      })
    ).json();
    expect(county.households).toBe(4);
    expect(county.income.medianPerCapitaNetIncome).toBe(10500);
    const compared = await (
      await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}?to=2026-06&compare=${tree.siteA2.code}`, {
        cookie: adminCookie,
      })
    ).json();
    expect(compared.households).toBe(3);
    expect(compared.compared).toHaveLength(1);
    expect(compared.compared[0]).toMatchObject({ households: 1, income: { medianPerCapitaNetIncome: 24000 } });
  });

  it('shows a worker only their own sites, even when asking for the county', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const county = await (
      await call(ctx.app, 'GET', `/api/reports/regions/${tree.countyA.code}?to=2026-06`, { cookie })
    ).json();
    expect(county.households).toBe(1);
    expect((await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteB1.code}`, { cookie })).status).toBe(404);
  });

  it('counts households where no one works and labour capacity is 未登记 beside the 零就业家庭, not in them', async () => {
    const site = tree.siteB1;
    const make = (members: { laborCapacity: LaborCapacity; employmentStatus: EmploymentStatus }[]) =>
      createHousehold(ctx.db, { siteId: site.id, members });
    // 零就业家庭: one member known able, no one employed (a 未登记 member besides does not matter).
    const strict = await make([
      { laborCapacity: 'full', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
    ]);
    // To verify: no one employed, no one known able, someone 未登记.
    await make([
      { laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'unknown', employmentStatus: 'not_seeking' },
    ]);
    await make([
      { laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'none', employmentStatus: 'not_seeking' },
    ]);
    // Neither: someone 未登记 works; everyone known unable.
    await make([
      { laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'unknown', employmentStatus: 'flexible' },
    ]);
    await make([{ laborCapacity: 'none', employmentStatus: 'not_seeking' }]);
    const figures = async () => {
      const report = await (
        await call(ctx.app, 'GET', `/api/reports/regions/${site.code}?to=2026-06`, { cookie: adminCookie })
      ).json();
      return [report.householdsWithNoOneEmployed, report.householdsWithNoOneEmployedUnverified];
    };
    expect(await figures()).toEqual([1, 2]);
    // The able member turns out 未登记 after all: the household moves from one figure to the other.
    await ctx.db
      .updateTable('persons')
      .set({ laborCapacity: 'unknown' })
      .where('id', '=', strict.personIds[0])
      .execute();
    expect(await figures()).toEqual([0, 3]);

    // The dashboard export has the figure beside 零就业家庭, in both languages.
    const exported = async (lang: string) => {
      const response = await ctx.app.request(`/api/exports/dashboard.xlsx?region=${site.code}&to=2026-06`, {
        headers: { cookie: adminCookie, 'accept-language': lang },
      });
      expect(response.status).toBe(200);
      const rows: unknown[][] = [];
      (await workbook(response)).eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const zh = await exported('zh-CN');
    expect(zh).toContainEqual(['零就业家庭', 0]);
    expect(zh).toContainEqual(['零就业家庭（待核实劳动能力）', 3]);
    expect(await exported('en-GB,en;q=0.9')).toContainEqual([
      'Zero-employment households (labour capacity to verify)',
      3,
    ]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const response = await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}?from=2026-06&to=2026-01`, {
      cookie: adminCookie,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].path).toBe('query.from');
  });
});

async function workbook(response: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return book.worksheets[0];
}

describe('xlsx exports', () => {
  it('exports the household roster, escaping cells that would run as formulas, and audits it', async () => {
    const response = await call(ctx.app, 'GET', `/api/exports/households.xlsx?region=${tree.siteA1.code}`, {
      cookie: adminCookie,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const sheet = await workbook(response);
    expect(sheet.rowCount).toBe(4);
    const numbers = sheet.getColumn(1).values.slice(2) as unknown[];
    expect(numbers).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .where('resourceType', '=', 'households')
      .execute();
    expect(audit[0]).toMatchObject({ resourceId: tree.siteA1.code, fields: ['perCapitaNetIncome', 'dibaoState'] });
  });

  it('exports the employment ledger and the alert ledger', async () => {
    const employment = await workbook(
      await call(ctx.app, 'GET', `/api/exports/employment.xlsx?region=${tree.siteA1.code}`, { cookie: adminCookie }),
    );
    expect(employment.rowCount).toBe(1 + 6);
    const names = employment.getColumn(3).values as unknown[];
    expect(names).toContain("'+cmd|calc");
    const alerts = await call(ctx.app, 'GET', '/api/exports/alerts.xlsx', { cookie: adminCookie });
    expect(alerts.status).toBe(200);
    expect((await workbook(alerts)).getRow(1).getCell(3).value).toBe('预警类别');
  });

  it('escapes every formula-leading character', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'ok', 12].map(escapeCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'ok',
      12,
    ]);
  });
});
