import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../../api/src/registry/id-number.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold, TEST_ENCRYPTION_KEY } from '../support/registry-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let otherWorkerCookie: string;
let workerId: string;

const ids = {
  h1Head: makeIdNumber('529901', '1980-05-01', 11),
  h1Spouse: makeIdNumber('529901', '1982-07-09', 22),
  h1Child: makeIdNumber('529901', '2005-01-01', 33),
  h2Head: makeIdNumber('529901', '1970-02-02', 44),
  h3Head: makeIdNumber('529901', '1975-03-03', 55),
  h4Head: makeIdNumber('529901', '1990-01-01', 66),
  h4Child: makeIdNumber('529901', '1985-01-01', 77),
  existing: makeIdNumber('529901', '1966-06-06', 88),
  h6Head: makeIdNumber('529902', '1988-08-08', 99),
  h7Head: makeIdNumber('529902', '1977-07-07', 12),
};
const badChecksum = `${ids.h2Head.slice(0, 17)}${ids.h2Head[17] === '1' ? '2' : '1'}`;

type Cell = ExcelJS.CellValue;
interface Row {
  name: Cell;
  id: Cell;
  relation: Cell;
  household: Cell;
  site: Cell;
  phone?: Cell;
  building?: Cell;
  unit?: Cell;
  room?: Cell;
  labor?: Cell;
  employment?: Cell;
  date?: Cell;
  education?: Cell;
}

/**
 * A roster the way workers keep it: a merged title row, a two-row header (现住址 merged over
 * 楼栋/单元/房号, the others merged vertically), columns in their own order, blank rows.
 */
async function workbook(rows: (Row | null)[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  const headers = [
    '姓名',
    '身份证号码',
    '与户主关系',
    '户编号',
    '安置点编码',
    '联系电话',
    '现住址',
    '',
    '',
    '劳动能力',
    '就业状态',
    '搬迁日期',
    '文化程度',
  ];
  sheet.getCell('A1').value = '幸福家园安置点搬迁户花名册';
  sheet.mergeCells('A1:M1');
  sheet.getRow(2).values = headers;
  sheet.getRow(3).values = ['', '', '', '', '', '', '楼栋', '单元', '房号'];
  sheet.mergeCells('G2:I2');
  for (const column of ['A', 'B', 'C', 'D', 'E', 'F', 'J', 'K', 'L', 'M']) sheet.mergeCells(`${column}2:${column}3`);
  let rowNumber = 4;
  for (const row of rows) {
    if (row) {
      sheet.getRow(rowNumber).values = [
        row.name,
        row.id,
        row.relation,
        row.household,
        row.site,
        row.phone ?? null,
        row.building ?? null,
        row.unit ?? null,
        row.room ?? null,
        row.labor ?? null,
        row.employment ?? null,
        row.date ?? null,
        row.education ?? null,
      ];
    }
    rowNumber++;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function rows(options: { messy: boolean }): (Row | null)[] {
  const a1 = tree.siteA1.code;
  const a2 = tree.siteA2.code;
  const bad = options.messy;
  return [
    /* 4 */ {
      name: '张三',
      id: ids.h1Head,
      relation: '户主',
      household: 'H1',
      site: a1,
      phone: '13800001111',
      building: '3',
      unit: '2',
      room: '501',
      labor: '有劳动能力',
      employment: '本地务工',
      date: '2024/3/5',
      education: '初中',
    },
    /* 5 */ {
      name: '李梅',
      id: ids.h1Spouse,
      relation: '妻',
      household: 'H1',
      site: a1,
      labor: '弱劳动力',
      employment: '无就业意愿',
      date: 45356,
    },
    /* 6 */ null,
    /* 7 */ bad ? { name: '张小明', id: Number(ids.h1Child), relation: '长子', household: 'H1', site: a1 } : null,
    /* 8 */ bad ? { name: '王五', id: badChecksum, relation: '户主', household: 'H2', site: a1 } : null,
    /* 9 */ bad ? { name: '王五', id: ids.h1Head, relation: '户主', household: 'H2', site: a1 } : null,
    /* 10 */ bad ? { name: '赵六', id: ids.h3Head, relation: '户主', household: 'H3', site: '999999999' } : null,
    /* 11 */ {
      name: '钱七',
      id: ids.h4Head,
      relation: '户主',
      household: { formula: '"H"&"4"', result: 'H4' },
      site: a1,
      date: '2024年3月5日',
      employment: '外出务工',
    },
    /* 12 */ bad ? { name: '钱小', id: ids.h4Child, relation: '子', household: 'H4', site: a1 } : null,
    /* 13 */ bad ? { name: '孙老', id: ids.existing, relation: '户主', household: 'H5', site: a1 } : null,
    /* 14 */ {
      name: '孙八',
      id: ids.h6Head,
      relation: '户主',
      household: 'H6',
      site: a2,
      date: new Date(Date.UTC(2024, 2, 5)),
      labor: '无劳动力',
    },
    /* 15 */ null,
    /* 16 */ {
      name: '周九',
      id: ids.h7Head.toLowerCase(),
      relation: '户主',
      household: 'H7',
      site: a2,
      date: '2024-03-05',
      phone: '0851-86661234',
    },
  ];
}

const upload = (file: Buffer, name: string, dryRun: boolean) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return ctx.app.request(`/api/imports/roster?dryRun=${dryRun}`, { method: 'POST', body: form, headers: { cookie } });
};

async function registryState() {
  const households = await ctx.db
    .selectFrom('households')
    .select([
      'householdNumber',
      'siteId',
      'building',
      'unit',
      'room',
      'relocationDate',
      'monitoringCategory',
      'version',
      'updatedAt',
    ])
    .orderBy('householdNumber')
    .execute();
  const persons = await ctx.db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select([
      'households.householdNumber',
      'persons.name',
      'persons.idNumberEncrypted',
      'persons.idNumberMasked',
      'persons.birthDate',
      'persons.sex',
      'persons.phone',
      'persons.relation',
      'persons.education',
      'persons.laborCapacity',
      'persons.employmentStatus',
      'persons.version',
      'persons.updatedAt',
    ])
    .execute();
  // Code-point order, whatever the database collation.
  persons.sort((a, b) => (`${a.householdNumber} ${a.name}` < `${b.householdNumber} ${b.name}` ? -1 : 1));
  const history = await ctx.db
    .selectFrom('registryHistory')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { households, persons, history: Number(history.n) };
}

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await createHousehold(ctx.db, tree.siteA1.id, [{ name: '孙老', relation: 'head', idNumber: ids.existing }], {
    householdNumber: 'EXIST-1',
  });
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id, tree.siteA2.id] });
  cookie = await signIn(ctx.app, worker.login);
  workerId = worker.id;
  const other = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] });
  otherWorkerCookie = await signIn(ctx.app, other.login);
});
afterAll(() => ctx.close());

/** Row, column and code of each rejection (the wording is checked in the corpus test). */
const brief = (rejected: { row: number; column: string; code: string }[]) =>
  rejected.map(({ row, column, code }) => ({ row, column, code }));
const expectedRejections = () => [
  { row: 7, column: '身份证号码', code: 'id-digits-lost' },
  { row: 8, column: '身份证号码', code: 'id-check-digit' },
  { row: 9, column: '身份证号码', code: 'duplicate-id' },
  { row: 10, column: '安置点编码', code: 'unknown-site' },
  { row: 12, column: '身份证号码', code: 'child-not-younger' },
  { row: 13, column: '身份证号码', code: 'id-in-other-household' },
];

describe('roster import (花名册)', () => {
  it('dry-runs a messy workbook: exact rejections, a preview, and no change', async () => {
    const before = await registryState();
    const response = await upload(await workbook(rows({ messy: true })), '花名册.xlsx', true);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(brief(report.rejected)).toEqual(expectedRejections());
    expect(report).toMatchObject({
      dryRun: true,
      committed: false,
      rowCount: 11,
      created: 5,
      updated: 0,
      unchanged: 0,
      households: { created: 4, updated: 0 },
    });
    expect(report.preview.map((p: { row: number; action: string }) => [p.row, p.action])).toEqual([
      [4, 'create'],
      [5, 'create'],
      [11, 'create'],
      [14, 'create'],
      [16, 'create'],
    ]);
    expect(await registryState()).toEqual(before);
  });

  it('refuses to commit a file with rejected rows and rolls back what it wrote (422)', async () => {
    const before = await registryState();
    const outbox = await ctx.db.selectFrom('searchOutbox').select('id').execute();
    const response = await upload(await workbook(rows({ messy: true })), '花名册.xlsx', false);
    expect(response.status).toBe(422);
    const report = await response.json();
    expect(report).toMatchObject({ committed: false, created: 5 });
    expect(brief(report.rejected)).toEqual(expectedRejections());
    expect(await registryState()).toEqual(before);
    expect(await ctx.db.selectFrom('searchOutbox').select('id').execute()).toEqual(outbox);
  });

  it('commits a clean workbook to the exact database state, and a re-run changes nothing', async () => {
    const file = await workbook(rows({ messy: false }));
    const response = await upload(file, 'clean.xlsx', false);
    const report = await response.json();
    expect(response.status).toBe(200);
    expect(report).toMatchObject({
      committed: true,
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: [],
      households: { created: 4, updated: 0 },
      // 钱七 and 周九 have an empty 劳动能力 cell: 未登记, not 无劳动能力; 孙八 and 周九 no 就业状态.
      defaulted: { laborCapacity: 2, employmentStatus: 2 },
    });
    const state = await registryState();
    const site = (id: string) => (id === tree.siteA1.id ? 'A1' : id === tree.siteA2.id ? 'A2' : id);
    expect(
      state.households.map((h) => [
        h.householdNumber,
        site(h.siteId),
        h.building,
        h.unit,
        h.room,
        h.relocationDate,
        h.monitoringCategory,
      ]),
    ).toEqual([
      ['EXIST-1', 'A1', '1', '2', '301', '2019-06-01', 'none'],
      ['H1', 'A1', '3', '2', '501', '2024-03-05', 'none'],
      ['H4', 'A1', null, null, null, '2024-03-05', 'none'],
      ['H6', 'A2', null, null, null, '2024-03-05', 'none'],
      ['H7', 'A2', null, null, null, '2024-03-05', 'none'],
    ]);
    // The worker who imported the new households answers for them (帮扶责任人); EXIST-1 keeps none.
    const responsible = await ctx.db
      .selectFrom('households')
      .select(['householdNumber', 'responsibleWorkerId'])
      .orderBy('householdNumber')
      .execute();
    expect(responsible.map((h) => [h.householdNumber, h.responsibleWorkerId])).toEqual([
      ['EXIST-1', null],
      ['H1', workerId],
      ['H4', workerId],
      ['H6', workerId],
      ['H7', workerId],
    ]);
    const people = state.persons.map((p) => [
      p.householdNumber,
      p.name,
      p.idNumberEncrypted ? decryptField(TEST_ENCRYPTION_KEY, p.idNumberEncrypted) : null,
      p.idNumberMasked,
      p.birthDate,
      p.sex,
      p.phone,
      p.relation,
      p.education,
      p.laborCapacity,
      p.employmentStatus,
    ]);
    expect(people).toEqual([
      [
        'EXIST-1',
        '孙老',
        ids.existing,
        `*****************${ids.existing.slice(-1)}`,
        '1966-06-06',
        null,
        '13912345678',
        'head',
        null,
        'full',
        'unemployed_seeking',
      ],
      [
        'H1',
        '张三',
        ids.h1Head,
        `*****************${ids.h1Head.slice(-1)}`,
        '1980-05-01',
        'male',
        '13800001111',
        'head',
        'junior',
        'full',
        'employed_local',
      ],
      [
        'H1',
        '李梅',
        ids.h1Spouse,
        `*****************${ids.h1Spouse.slice(-1)}`,
        '1982-07-09',
        'female',
        null,
        'spouse',
        null,
        'weak',
        'not_seeking',
      ],
      [
        'H4',
        '钱七',
        ids.h4Head,
        `*****************${ids.h4Head.slice(-1)}`,
        '1990-01-01',
        'female',
        null,
        'head',
        null,
        'unknown',
        'labour_export',
      ],
      [
        'H6',
        '孙八',
        ids.h6Head,
        `*****************${ids.h6Head.slice(-1)}`,
        '1988-08-08',
        'male',
        null,
        'head',
        null,
        'none',
        'not_seeking',
      ],
      [
        'H7',
        '周九',
        ids.h7Head,
        `*****************${ids.h7Head.slice(-1)}`,
        '1977-07-07',
        'female',
        '0851-86661234',
        'head',
        null,
        'unknown',
        'not_seeking',
      ],
    ]);

    const again = await (await upload(file, 'clean.xlsx', false)).json();
    expect(again).toMatchObject({
      committed: true,
      created: 0,
      updated: 0,
      unchanged: 5,
      rejected: [],
      households: { created: 0, updated: 0 },
    });
    expect(await registryState()).toEqual(state);

    const imports = await (await ctx.app.request('/api/imports', { headers: { cookie } })).json();
    expect(
      imports.items
        .slice(0, 2)
        .map((i: { committed: boolean; createdCount: number; unchangedCount: number; fileSha256: string }) => [
          i.committed,
          i.createdCount,
          i.unchangedCount,
          i.fileSha256.length,
        ]),
    ).toEqual([
      [true, 0, 5, 64],
      [true, 5, 0, 64],
    ]);
  });

  it('updates what changed and records it as history', async () => {
    const changed = rows({ messy: false });
    (changed[0] as Row).employment = '灵活就业';
    const report = await (await upload(await workbook(changed), 'changed.xlsx', false)).json();
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect(report.preview.find((p: { row: number }) => p.row === 4)).toMatchObject({
      action: 'update',
      changedFields: ['employmentStatus'],
    });
    const history = await ctx.db
      .selectFrom('registryHistory')
      .innerJoin('persons', 'persons.id', 'registryHistory.personId')
      .select(['registryHistory.value'])
      .where('persons.name', '=', '张三')
      .where('attribute', '=', 'employment_status')
      .orderBy('registryHistory.id')
      .execute();
    expect(history.map((h) => h.value)).toEqual(['employed_local', 'flexible']);
  });

  it('reads a GBK CSV with English and Chinese headers, scientific-notation IDs and Chinese dates', async () => {
    const csv = [
      'Name,ID number,relation,户号,site code,搬迁日期,phone',
      `吴一,${makeIdNumber('529901', '1979-09-09', 5)},户主,C1,${tree.siteA1.code},2024.3.5,13700002222`,
      ',,,,,,',
      `吴二,5.29901E+17,配偶,C1,${tree.siteA1.code},,`,
      `"吴三",${makeIdNumber('529901', '2030-01-01', 7)},子,C1,${tree.siteA1.code},,`,
      `吴四,${makeIdNumber('529901', '1950-01-01', 9)},户主,C1,${tree.siteA1.code},2024年13月1日,12345`,
    ].join('\r\n');
    const response = await upload(iconv.encode(csv, 'gbk'), 'roster.csv', true);
    const report = await response.json();
    expect(brief(report.rejected)).toEqual([
      { row: 4, column: 'ID number', code: 'id-digits-lost' },
      { row: 5, column: 'ID number', code: 'id-birth-future' },
      { row: 6, column: 'phone', code: 'not-a-phone' },
      { row: 6, column: '搬迁日期', code: 'not-a-date' },
    ]);
    expect(report.rejected[2]).toMatchObject({
      reason: '不是电话号码：“12345”',
      reasonEn: 'not a phone number: “12345”',
    });
    expect(report).toMatchObject({ created: 1, rowCount: 4 });
  });

  it('refuses sites outside the worker’s scope, missing columns, a non-roster file and a zip bomb', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await workbook(rows({ messy: false })))]), 'x.xlsx');
    const foreign = await ctx.app.request('/api/imports/roster?dryRun=true', {
      method: 'POST',
      body: form,
      headers: { cookie: otherWorkerCookie },
    });
    const foreignReport = await foreign.json();
    expect(foreignReport.created).toBe(0);
    expect(foreignReport.rejected.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
      [4, `找不到安置点“${tree.siteA1.code}”，或不在您负责的范围内`],
      [5, `找不到安置点“${tree.siteA1.code}”，或不在您负责的范围内`],
      [11, `找不到安置点“${tree.siteA1.code}”，或不在您负责的范围内`],
      [14, `找不到安置点“${tree.siteA2.code}”，或不在您负责的范围内`],
      [16, `找不到安置点“${tree.siteA2.code}”，或不在您负责的范围内`],
    ]);
    const missing = await (await upload(Buffer.from('name,phone\n张三,13800001111\n'), 'x.csv', true)).json();
    expect(brief(missing.rejected)).toEqual([
      { row: 1, column: '户编号', code: 'column-missing' },
      { row: 1, column: '身份证号', code: 'column-missing' },
      { row: 1, column: '与户主关系', code: 'column-missing' },
      { row: 1, column: '安置点', code: 'column-missing' },
    ]);
    // A zip whose central directory declares a 1 GB entry is refused before anything is inflated.
    const bomb = Buffer.alloc(46 + 8 + 22);
    bomb.writeUInt32LE(0x02014b50, 0);
    bomb.writeUInt32LE(1024 * 1024 * 1024, 24);
    bomb.writeUInt16LE(8, 28);
    bomb.write('xl/a.xml', 46);
    bomb.writeUInt32LE(0x06054b50, 54);
    bomb.writeUInt16LE(1, 54 + 10);
    bomb.writeUInt32LE(0, 54 + 16);
    expect((await upload(bomb, 'bomb.xlsx', true)).status).toBe(413);
    expect((await upload(Buffer.from('hello'), 'notes.txt', true)).status).toBe(415);
  });

  it('has its own 20 MB body limit while other routes keep 1 MB', async () => {
    // 2 MB of short lines (one 2 MB cell would pass the 32,767-character cell cap instead).
    const big = Buffer.from(`${'A'.repeat(31)}\n`.repeat(65_536));
    const roster = await upload(big, 'big.csv', true);
    expect(roster.status).toBe(200);
    const other = await ctx.app.request('/api/households', {
      method: 'POST',
      body: big,
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(other.status).toBe(413);
  });

  it('serves the template, which imports cleanly once its example site exists', async () => {
    const response = await ctx.app.request('/api/imports/roster/template', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('户编号*');
    const report = await (
      await upload(
        Buffer.from(
          await (await ctx.app.request('/api/imports/roster/template', { headers: { cookie } })).arrayBuffer(),
        ),
        't.xlsx',
        true,
      )
    ).json();
    expect(brief(report.rejected)).toEqual([{ row: 2, column: '安置点编码', code: 'unknown-site' }]);
  });
});
