import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';

/**
 * Rosters as the walk of session 12 met them at a township office: the 户编号 and 安置点 of a
 * household written once, on its first member row (merged down in Excel, left blank in a CSV),
 * and numbers typed with a Chinese input method in full width (１３５…).
 */
let ctx: TestContext;
let tree: RegionTree;
let cookie: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id, tree.siteA2.id] });
  cookie = await signIn(ctx.app, worker.login);
});
afterAll(() => ctx.close());

const fullWidth = (s: string) => s.replace(/[0-9Xx]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const serial = (iso: string) =>
  (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000;

interface Report {
  committed: boolean;
  rejected: { row: number; column: string; code: string }[];
  skippedRows: number[];
}

async function upload(file: Buffer, name: string, dryRun: boolean): Promise<Report> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const response = await ctx.app.request(`/api/imports/roster?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    headers: { cookie },
  });
  expect([200, 422]).toContain(response.status);
  return (await response.json()) as Report;
}

async function household(householdNumber: string) {
  const rows = await ctx.db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select(['persons.name', 'persons.relation', 'persons.phone', 'persons.birthDate', 'households.siteId'])
    .where('households.householdNumber', '=', householdNumber)
    .orderBy('persons.name')
    .execute();
  return rows.map((r) => ({ ...r, birthDate: String(r.birthDate).slice(0, 10) }));
}

describe('township roster shapes', () => {
  it('an .xlsx with 户编号 and 安置点 merged down each household, full-width digits, serial and dotted dates', async () => {
    const ids = {
      head: makeIdNumber('529901', '1968-04-12', 301),
      wife: makeIdNumber('529901', '1970-09-30', 302),
      son: makeIdNumber('529901', '1995-01-08', 303),
      head2: makeIdNumber('529901', '1978-02-14', 304),
      son2: makeIdNumber('529901', '2006-08-08', 305),
    };
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    sheet.addRow(['甲县易地扶贫搬迁安置户花名册（2026年）']);
    sheet.mergeCells('A1:I1');
    sheet.addRow(['填表单位：甲镇人民政府（盖章）', '', '', '', '', '', '填表日期：2026年3月1日']);
    sheet.addRow(['序号', '户编号', '安置点', '家庭成员', '', '', '', '出生日期', '联系电话']);
    sheet.addRow(['', '', '', '姓名', '性别', '身份证号', '与户主关系', '', '']);
    sheet.mergeCells('D3:G3');
    for (const column of ['A', 'B', 'C', 'H', 'I']) sheet.mergeCells(`${column}3:${column}4`);
    const sex = (id: string) => (Number(id[16]) % 2 ? '男' : '女');
    const members = [
      ['TS-1', '王德明', ids.head, '户主', serial('1968-04-12'), '138 8541 2233'],
      ['TS-1', '罗桂英', fullWidth(ids.wife), '妻子', '1970.9.30', ''],
      ['TS-1', '王小龙', ids.son.toLowerCase(), '长子', serial('1995-01-08'), '１３９８５４１０００１'],
      ['TS-2', '蒙金花', ids.head2, '户主', '1978.2.14', '0854-6221234'],
      ['TS-2', '蒙文', ids.son2, '儿子', serial('2006-08-08'), ''],
    ] as const;
    let first = 5;
    members.forEach(([number, name, id, relation, birth, phone], index) => {
      const starts = index === 0 || members[index - 1][0] !== number;
      const row = sheet.addRow([
        index + 1,
        starts ? number : null,
        starts ? '甲一安置点' : null,
        name,
        sex(id.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))),
        id,
        relation,
        birth,
        phone,
      ]);
      if (typeof birth === 'number') row.getCell(8).numFmt = 'yyyy"年"m"月"d"日"';
      const ends = index === members.length - 1 || members[index + 1][0] !== number;
      if (starts) first = row.number;
      if (ends && row.number > first) {
        sheet.mergeCells(`B${first}:B${row.number}`);
        sheet.mergeCells(`C${first}:C${row.number}`);
      }
    });
    sheet.addRow(['合计', '', '', '共2户5人']);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    const report = await upload(file, '甲镇花名册.xlsx', false);
    expect(report.rejected).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.skippedRows).toEqual([10]);
    expect(await household('TS-1')).toEqual([
      { name: '王小龙', relation: 'child', phone: '13985410001', birthDate: '1995-01-08', siteId: tree.siteA1.id },
      { name: '王德明', relation: 'head', phone: '13885412233', birthDate: '1968-04-12', siteId: tree.siteA1.id },
      { name: '罗桂英', relation: 'spouse', phone: null, birthDate: '1970-09-30', siteId: tree.siteA1.id },
    ]);
    expect((await household('TS-2')).map((p) => [p.name, p.phone])).toEqual([
      ['蒙文', null],
      ['蒙金花', '0854-6221234'],
    ]);
  });

  it('a GBK CSV with the household number on the first row only; a 户主 row without one is still refused', async () => {
    const ids = ['1960-05-05', '1988-05-05', '1962-05-05', '1990-05-05', '1966-05-05'].map((birth, i) =>
      makeIdNumber('529901', birth, 410 + i),
    );
    const csv = [
      '序号,户编号,安置点,姓名,身份证号码,与户主关系,联系电话,搬迁时间',
      `1,CSV-1,甲二安置点,杨光明,${ids[0]},户主,137 0854 1122,2026.3.1`,
      `2,,,杨芳,${ids[1]},女儿,,`,
      `3,CSV-2,甲二安置点,吴国平,${ids[2]},户主,150 8541 3344 ,2026.3.1`,
      `4,,,吴小兵,${ids[3]},儿子,１５０８５４１５５６６,`,
      `5,,,潘玉兰,${ids[4]},户主,,`,
      '合计,,,5人,,,,',
    ].join('\r\n');

    const report = await upload(iconv.encode(csv, 'gbk'), '花名册.csv', true);
    // Row 6 says 户主 with no 户编号: a new household without a number, not a member of CSV-2.
    expect(report.rejected.map((r) => [r.row, r.column, r.code])).toEqual([
      [6, '户编号', 'blank'],
      [6, '安置点', 'blank'],
    ]);

    const committed = await upload(iconv.encode(csv.replace(/\r\n5,,,潘玉兰[^\r]*/, ''), 'gbk'), '花名册.csv', false);
    expect(committed.rejected).toEqual([]);
    expect(committed.committed).toBe(true);
    expect((await household('CSV-1')).map((p) => [p.name, p.relation, p.siteId])).toEqual([
      ['杨光明', 'head', tree.siteA2.id],
      ['杨芳', 'child', tree.siteA2.id],
    ]);
    expect((await household('CSV-2')).map((p) => [p.name, p.phone])).toEqual([
      ['吴国平', '15085413344'],
      ['吴小兵', '15085415566'],
    ]);
  });
});
