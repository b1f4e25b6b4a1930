import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../../api/src/registry/id-number.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { uploadRoster } from '../support/registry-fixtures.ts';

/**
 * A corpus of rosters shaped the way township offices make them (title rows, notes in headers,
 * two-row merged headers, site names instead of codes, synonyms, GBK, BOM, multi-line cells,
 * 合计 rows, numbering rows, numeric IDs, columns Anju does not keep), each with its expected
 * report: which rows are rejected, under which column as the file heads it, with which code;
 * which columns are not read; which rows are passed over. Clean files are committed and every
 * value they carry is checked in the database (nothing silently dropped).
 */

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;

type Field =
  | 'household'
  | 'site'
  | 'name'
  | 'id'
  | 'relation'
  | 'sex'
  | 'birth'
  | 'phone'
  | 'labor'
  | 'employment'
  | 'education'
  | 'relocation'
  | 'origin'
  | 'building'
  | 'room'
  | 'health'
  | 'disability'
  | 'skills'
  | 'workPlace'
  | 'income';

interface Person {
  household: string;
  site: string;
  name: string;
  id: string;
  relation: string;
  sex: string;
  birth: string;
  phone: string;
  labor: string;
  employment: string;
  education: string;
  relocation: string;
  origin: string;
  building: string;
  room: string;
  health: string;
  disability: string;
  skills: string;
  workPlace: string;
  income: string;
  /** The rejection this row must get: code and the field whose column it is reported under. */
  fault?: { code: string; field: Field };
}

interface Layout {
  name: string;
  format: 'xlsx' | 'csv' | 'csv-bom' | 'csv-gbk';
  columns: [Field | null, string][];
  /** Two-row header: these groups' headers go in the upper row over their fields' sub-headers. */
  groups?: { header: string; fields: Field[] }[];
  title?: boolean;
  numbering?: boolean;
  totals?: boolean;
  footer?: boolean;
  blankBetweenHouseholds?: boolean;
  site?: 'code' | 'name' | 'loose';
  synonyms?: boolean;
  birthStyle?: 'iso' | 'month' | 'compact' | 'date';
  relocationStyle?: 'chinese' | 'slash' | 'date' | 'serial';
  multiline?: boolean;
  numericIds?: boolean;
  /** Values for columns that are not fields (null header fields). */
  extra?: (person: Person, header: string) => string;
  notRead?: string[];
  /** Health, disability, skills, place of work and income vary by person (and a bad income is a fault). */
  newColumns?: boolean;
}

const standard: [Field, string][] = [
  ['household', '户编号'],
  ['site', '安置点编码'],
  ['name', '姓名'],
  ['id', '身份证号'],
  ['relation', '与户主关系'],
  ['sex', '性别'],
  ['birth', '出生日期'],
  ['phone', '联系电话'],
  ['labor', '劳动能力'],
  ['employment', '就业状态'],
  ['education', '文化程度'],
  ['relocation', '搬迁日期'],
];

const layouts: Layout[] = [
  { name: 'template headers', format: 'xlsx', columns: standard },
  {
    name: 'notes in headers, title row',
    format: 'xlsx',
    title: true,
    columns: [
      ['household', '户编号*'],
      ['site', '安置点'],
      ['name', '姓名（必填）'],
      ['id', '身份证号码（18位）'],
      ['relation', '与户主关系'],
      ['birth', '出生日期(年月日)'],
      ['phone', '联系电话（手机）'],
      ['relocation', '搬迁时间（年月日）'],
      ['origin', '原住址'],
    ],
    site: 'name',
  },
  {
    name: 'two-row merged header: 户编号 and 联系电话 only in the upper row',
    format: 'xlsx',
    title: true,
    columns: [
      [null, '序号'],
      ['household', '户编号'],
      ['site', '安置点'],
      ['name', '姓名'],
      ['id', '身份证号码'],
      ['relation', '与户主关系'],
      ['sex', '性别'],
      ['phone', '联系电话'],
      ['building', '楼栋'],
      ['room', '房号'],
      ['relocation', '搬迁时间'],
    ],
    groups: [
      { header: '家庭成员基本情况', fields: ['name', 'id', 'relation', 'sex'] },
      { header: '现住址', fields: ['building', 'room'] },
    ],
    site: 'loose',
    notRead: ['序号'],
  },
  {
    name: 'CSV with BOM, site names with spaces and another suffix',
    format: 'csv-bom',
    columns: [
      ['household', '户号'],
      ['site', '安置小区'],
      ['name', '姓名'],
      ['id', '公民身份号码'],
      ['relation', '与户主关系'],
      ['labor', '劳动能力'],
      ['employment', '就业情况'],
    ],
    site: 'loose',
    synonyms: true,
  },
  {
    name: 'GBK CSV with synonyms (有劳动力, 务工)',
    format: 'csv-gbk',
    columns: [
      ['household', '户编号'],
      ['site', '安置点编码'],
      ['name', '姓名'],
      ['id', '身份证号码'],
      ['relation', '关系'],
      ['sex', '性别'],
      ['labor', '劳动力'],
      ['employment', '务工状态'],
      ['education', '学历'],
      ['birth', '出生年月'],
    ],
    synonyms: true,
    birthStyle: 'month',
  },
  {
    name: 'multi-line cells in a CSV (rows numbered by record)',
    format: 'csv',
    columns: [
      ['household', '户编号'],
      ['site', '安置点'],
      ['name', '姓名'],
      ['id', '身份证号'],
      ['relation', '与户主关系'],
      ['origin', '迁出村（组）'],
      ['relocation', '搬迁日期'],
    ],
    site: 'name',
    multiline: true,
    relocationStyle: 'slash',
  },
  {
    name: '合计 row and signature lines under the table',
    format: 'xlsx',
    columns: standard,
    totals: true,
    footer: true,
    relocationStyle: 'date',
    birthStyle: 'date',
  },
  {
    name: 'a row of column numbers under the header',
    format: 'xlsx',
    title: true,
    numbering: true,
    columns: [
      [null, '序号'],
      ['household', '户编号'],
      ['site', '安置点名称'],
      ['name', '姓名'],
      ['id', '身份证号码'],
      ['relation', '与户主关系'],
      ['employment', '就业状态'],
    ],
    site: 'name',
    synonyms: true,
    notRead: ['序号'],
  },
  {
    name: 'English headers',
    format: 'csv',
    columns: [
      ['household', 'Household number'],
      ['site', 'Site code'],
      ['name', 'Name'],
      ['id', 'ID number'],
      ['relation', 'Relation'],
      ['sex', 'Sex'],
      ['phone', 'Phone'],
    ],
  },
  {
    name: '户主姓名 as the name column',
    format: 'xlsx',
    columns: [
      ['household', '户编号'],
      ['site', '安置点'],
      ['name', '户主姓名'],
      ['id', '身份证号码'],
      ['relation', '与户主关系'],
      ['phone', '户主联系电话'],
    ],
    site: 'name',
  },
  {
    name: 'columns Anju does not keep are listed as not read',
    format: 'xlsx',
    columns: [
      ['household', '户编号'],
      ['site', '安置点编码'],
      ['name', '姓名'],
      ['id', '身份证号'],
      ['relation', '与户主关系'],
      [null, '家庭年收入（元）'],
      [null, '家庭人口数'],
      [null, '备注'],
    ],
    extra: (_person, header) => (header === '家庭年收入（元）' ? '36000' : '4'),
    notRead: ['家庭年收入（元）', '家庭人口数', '备注'],
  },
  {
    name: 'a second phone column is listed as not read',
    format: 'xlsx',
    columns: [
      ['household', '户编号'],
      ['site', '安置点编码'],
      ['name', '姓名'],
      ['id', '身份证号'],
      ['relation', '与户主关系'],
      ['phone', '联系电话'],
      [null, '户主联系电话'],
    ],
    extra: () => '13900000000',
    notRead: ['户主联系电话'],
  },
  {
    name: 'blank rows between households, Excel serial dates',
    format: 'xlsx',
    columns: standard,
    blankBetweenHouseholds: true,
    relocationStyle: 'serial',
    birthStyle: 'compact',
  },
  {
    name: 'GBK CSV, title row, notes, site names, synonyms',
    format: 'csv-gbk',
    title: true,
    columns: [
      ['household', '户编号(必填)'],
      ['site', '安置点'],
      ['name', '姓 名'],
      ['id', '身份证号码（18位）'],
      ['relation', '与户主关系'],
      ['labor', '劳动能力'],
      ['employment', '就业状态'],
      ['relocation', '搬迁时间（年月日）'],
    ],
    site: 'loose',
    synonyms: true,
    relocationStyle: 'chinese',
  },
  {
    name: 'the rest of what rosters carry: 健康状况, 残疾, 技能/特长, 务工地点, 月收入',
    format: 'xlsx',
    title: true,
    columns: [
      ['household', '户编号'],
      ['site', '安置点'],
      ['name', '姓名'],
      ['id', '身份证号码'],
      ['relation', '与户主关系'],
      ['phone', '联系电话'],
      ['education', '文化程度'],
      ['relocation', '搬迁时间'],
      ['origin', '原住址'],
      ['health', '健康状况'],
      ['disability', '残疾'],
      ['skills', '技能/特长'],
      ['workPlace', '务工地点'],
      ['income', '月收入（元）'],
    ],
    site: 'name',
    newColumns: true,
  },
  {
    name: 'the same under other names in a GBK CSV: 身体状况, 残疾类别及等级, 特长, 就业地点, 月均收入',
    format: 'csv-gbk',
    columns: [
      ['household', '户号'],
      ['site', '安置点编码'],
      ['name', '姓名'],
      ['id', '公民身份号码'],
      ['relation', '家庭关系'],
      ['health', '身体状况'],
      ['disability', '残疾类别及等级'],
      ['skills', '特长'],
      ['workPlace', '就业地点'],
      ['income', '月均收入（元）'],
      [null, '备注'],
    ],
    extra: () => '',
    notRead: ['备注'],
    newColumns: true,
  },
];

/** Cases: every layout clean (committed) and with faults (dry run), plus numeric IDs. */
interface Case {
  layout: Layout;
  faulty: boolean;
  index: number;
}
const cases: Case[] = [];
for (const layout of layouts) for (const faulty of [false, true]) cases.push({ layout, faulty, index: cases.length });
const numericLayouts: Layout[] = [
  { name: 'IDs stored as numbers in xlsx', format: 'xlsx', columns: standard, numericIds: true },
  {
    name: 'IDs in scientific notation in a CSV',
    format: 'csv',
    columns: standard.slice(0, 5),
    numericIds: true,
  },
  {
    name: 'IDs as numbers under a two-row header',
    format: 'xlsx',
    columns: standard.slice(0, 6),
    groups: [{ header: '成员信息', fields: ['name', 'id'] }],
    numericIds: true,
  },
  {
    name: 'IDs as numbers in a GBK CSV with a title row',
    format: 'csv-gbk',
    title: true,
    columns: standard.slice(0, 5),
    numericIds: true,
  },
];
for (const layout of numericLayouts) cases.push({ layout, faulty: false, index: cases.length });

const healthOf = ['健康', '长期慢性病', '患有大病', '高血压，需长期服药'];
/** 残疾 as written, and the kind and grade it says. */
const disabilityOf: [string, string | null, number | null][] = [
  ['无', null, null],
  ['肢体残疾三级', 'physical', 3],
  ['视力二级', 'visual', 2],
  ['是', null, null],
  ['智力 4级', 'intellectual', 4],
];
/** 健康状况 as matching reads it: a chronic illness, and the limits the note says. */
const healthFactsOf: Record<string, { chronic: boolean; limits: string[] }> = {
  健康: { chronic: false, limits: [] },
  长期慢性病: { chronic: true, limits: [] },
  患有大病: { chronic: true, limits: [] },
  '高血压，需长期服药': { chronic: true, limits: ['no_heights'] },
  腰椎间盘突出: { chronic: false, limits: ['no_heavy_lifting'] },
};
/** The limits a disability implies (肢体: no heavy lifting, no heights; 视力二级: no heights, no nights). */
const disabilityLimitsOf: Record<string, string[]> = {
  无: [],
  肢体残疾三级: ['no_heavy_lifting', 'no_heights'],
  视力二级: ['no_heights', 'no_night_work'],
  是: [],
  '智力 4级': ['no_heights'],
};
/** The work limits matching keeps in clear for a person's 健康状况 and 残疾 (stay_close for illness or disability). */
function expectedWorkLimits(health: string, disability: string): string[] {
  const facts = healthFactsOf[health];
  const kind = disabilityOf.find(([text]) => text === disability)?.[1] ?? null;
  const limits = [...facts.limits, ...disabilityLimitsOf[disability]];
  if (facts.chronic || kind) limits.push('stay_close');
  return [...new Set(limits)].sort();
}
/** 技能/特长 as written, the taxonomy codes it names and the text left over. */
const skillsOf: [string, string[], string | null][] = [
  ['电焊、厨师', ['cooking.chinese_cook', 'welding.arc'], null],
  ['编竹篮、吹唢呐', ['handicraft.bamboo_weaving'], '吹唢呐'],
  ['开车/砌砖 绣花鞋垫', ['construction.masonry', 'driving'], '绣花鞋垫'],
  ['无', [], null],
];

const synonymsOf = {
  labor: ['有劳动力', '弱劳动力', '半劳动力', '无劳动力', '丧失劳动力', '普通劳动力'],
  employment: ['务工', '外出务工', '县内务工', '灵活就业', '公益性岗位', '未就业', '在校生'],
};

/** The people of one case: three households; a faulty case adds rows that must be rejected. */
function people(c: Case): Person[] {
  const prefix = `C${c.index}-`;
  const site = (which: 'A1' | 'A2') => {
    const style = c.layout.site ?? 'code';
    const code = which === 'A1' ? tree.siteA1.code : tree.siteA2.code;
    const name = which === 'A1' ? '甲一安置点' : '甲二安置点';
    if (style === 'code') return code;
    if (style === 'name') return name;
    return which === 'A1' ? '甲一 小区' : ' 甲二社区';
  };
  let seq = c.index * 20;
  const person = (
    household: string,
    siteOf: 'A1' | 'A2',
    name: string,
    relation: string,
    birth: string,
    extra: Partial<Person> = {},
  ): Person => {
    seq++;
    const id = makeIdNumber('529901', birth, seq);
    const synonyms = c.layout.synonyms;
    return {
      household: `${prefix}${household}`,
      site: site(siteOf),
      name,
      id,
      relation,
      sex: Number(id[16]) % 2 === 1 ? '男' : '女',
      birth,
      phone: `138${String(10000000 + seq).slice(-8)}`,
      labor: synonyms ? synonymsOf.labor[seq % synonymsOf.labor.length] : '有劳动能力',
      employment: synonyms ? synonymsOf.employment[seq % synonymsOf.employment.length] : '本地务工',
      education: synonyms ? '初中毕业' : '初中',
      relocation: '2024-03-05',
      origin: '马场村',
      building: '3',
      room: `${500 + seq}`,
      health: c.layout.newColumns ? healthOf[seq % healthOf.length] : '',
      disability: c.layout.newColumns ? disabilityOf[seq % disabilityOf.length][0] : '',
      skills: c.layout.newColumns ? skillsOf[seq % skillsOf.length][0] : '',
      workPlace: c.layout.newColumns ? `县工业园区${seq % 3}号厂房` : '',
      income: c.layout.newColumns ? String(2000 + (seq % 5) * 500) : '',
      ...extra,
    };
  };
  const list = [
    person('1', 'A1', '张大山', '户主', '1970-03-15'),
    person('1', 'A1', '李秀英', '妻', '1972-06-01'),
    person('1', 'A1', '张小军', '长子', '1998-09-09'),
    person('1', 'A1', '王桂芝', '母亲', '1945-01-01'),
    person('2', 'A2', '陈明', '本人', '1985-11-20'),
    person('2', 'A2', '陈小雨', '女儿', '2010-02-02'),
    person('3', 'A1', '杨德华', '户主', '1960-07-07'),
    person('3', 'A1', '杨乐', '孙子', '2012-12-12'),
  ];
  if (!c.faulty) return list;
  const has = (field: Field) => c.layout.columns.some(([f]) => f === field);
  const wrongCheckDigit = (id: string) => `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
  const child = person('2', 'A2', '陈小风', '儿子', '2012-04-04');
  child.id = wrongCheckDigit(child.id);
  child.fault = { code: 'id-check-digit', field: 'id' };
  const noHead = person('4', 'A1', '刘一', '子', '1990-01-01', { fault: { code: 'no-head', field: 'relation' } });
  const older = person('1', 'A1', '张老二', '次子', '1965-05-05', {
    fault: { code: 'child-not-younger', field: has('birth') ? 'birth' : 'id' },
  });
  const unknownSite = person('5', 'A1', '赵五', '户主', '1980-08-08', {
    site: c.layout.site === 'code' || !c.layout.site ? '999999999' : '不存在安置点',
    fault: { code: 'unknown-site', field: 'site' },
  });
  const blankName = person('6', 'A1', '', '户主', '1981-01-01', { fault: { code: 'blank', field: 'name' } });
  const unknownRelation = person('3', 'A1', '杨某', '邻居', '1990-02-02', {
    fault: { code: 'unknown-value', field: 'relation' },
  });
  list.splice(6, 0, child);
  list.push(noHead, older, unknownSite, blankName, unknownRelation);
  if (has('labor'))
    list.push(
      person('7', 'A2', '周七', '户主', '1977-07-07', {
        labor: '很强',
        fault: { code: 'unknown-value', field: 'labor' },
      }),
    );
  if (has('phone'))
    list.push(
      person('8', 'A2', '吴八', '户主', '1978-08-08', {
        phone: '12345',
        fault: { code: 'not-a-phone', field: 'phone' },
      }),
    );
  if (has('income'))
    list.push(
      person('9', 'A2', '郑九', '户主', '1979-09-09', {
        income: '三千左右',
        fault: { code: 'not-a-number', field: 'income' },
      }),
    );
  return list;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;

function cellOf(layout: Layout, field: Field | null, header: string, p: Person): ExcelJS.CellValue {
  if (field === null) return layout.extra?.(p, header) ?? '';
  const value = p[field];
  const xlsx = layout.format === 'xlsx';
  // An ID ending in X cannot be a number: Excel keeps it as text.
  if (field === 'id' && layout.numericIds && /^\d+$/.test(value))
    return xlsx ? Number(value) : `${value[0]}.${value.slice(1, 6)}E+17`;
  if (field === 'birth') {
    const [y, m, d] = value.split('-');
    if (layout.birthStyle === 'month') return `${y}.${m}`;
    if (layout.birthStyle === 'compact') return `${y}${m}${d}`;
    if (layout.birthStyle === 'date' && xlsx) return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return value;
  }
  if (field === 'relocation') {
    if (layout.relocationStyle === 'chinese') return '2024年3月5日';
    if (layout.relocationStyle === 'slash') return '2024/3/5';
    if (layout.relocationStyle === 'date' && xlsx) return new Date(Date.UTC(2024, 2, 5));
    if (layout.relocationStyle === 'serial' && xlsx) return serial('2024-03-05');
    return value;
  }
  if (field === 'origin' && layout.multiline) return `三岔乡\n${value}`;
  return value;
}

interface Built {
  file: Buffer;
  fileName: string;
  /** Excel row of each person. */
  rowOf: Map<Person, number>;
  skipped: number[];
}

/** Lays the people out as the layout says: an xlsx through ExcelJS (with merges) or CSV text. */
async function build(layout: Layout, list: Person[]): Promise<Built> {
  const width = layout.columns.length;
  const grid: ExcelJS.CellValue[][] = [];
  const merges: string[] = [];
  const letter = (i: number) => String.fromCharCode(65 + i);
  if (layout.title) {
    grid.push(['三岔乡易地扶贫搬迁安置点搬迁户花名册', ...Array(width - 1).fill(null)]);
    merges.push(`A1:${letter(width - 1)}1`);
  }
  if (layout.groups) {
    const upper: ExcelJS.CellValue[] = [];
    const lower: ExcelJS.CellValue[] = [];
    const top = grid.length + 1;
    layout.columns.forEach(([field, header], i) => {
      const group = layout.groups?.find((g) => field && g.fields.includes(field));
      if (group) {
        upper.push(group.fields[0] === field ? group.header : null);
        lower.push(header);
        if (group.fields[0] === field) merges.push(`${letter(i)}${top}:${letter(i + group.fields.length - 1)}${top}`);
      } else {
        upper.push(header);
        lower.push(null);
        merges.push(`${letter(i)}${top}:${letter(i)}${top + 1}`);
      }
    });
    grid.push(upper, lower);
  } else grid.push(layout.columns.map(([, header]) => header));
  if (layout.numbering) grid.push(layout.columns.map((_, i) => String(i + 1)));
  const rowOf = new Map<Person, number>();
  let previous: string | undefined;
  let number = 0;
  for (const p of list) {
    if (layout.blankBetweenHouseholds && previous !== undefined && previous !== p.household)
      grid.push(Array(width).fill(null));
    previous = p.household;
    number++;
    rowOf.set(p, grid.length + 1);
    grid.push(
      layout.columns.map(([field, header]) => (header === '序号' ? String(number) : cellOf(layout, field, header, p))),
    );
  }
  const skipped: number[] = [];
  if (layout.totals) {
    grid.push(['合计', `${list.length}人`, ...Array(width - 2).fill(null)]);
    skipped.push(grid.length);
  }
  if (layout.footer) {
    grid.push(Array(width).fill(null));
    grid.push(['填表人：王会计      审核人：李主任', ...Array(width - 1).fill(null)]);
    skipped.push(grid.length);
  }
  if (layout.format === 'xlsx') {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    grid.forEach((cells, i) => {
      sheet.getRow(i + 1).values = cells;
    });
    for (const range of merges) sheet.mergeCells(range);
    return { file: Buffer.from(await book.xlsx.writeBuffer()), fileName: 'roster.xlsx', rowOf, skipped };
  }
  const quote = (cell: ExcelJS.CellValue) => {
    const text = cell === null || cell === undefined ? '' : String(cell);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const text = grid.map((cells) => cells.map(quote).join(',')).join('\r\n');
  const file =
    layout.format === 'csv-gbk'
      ? iconv.encode(text, 'gbk')
      : layout.format === 'csv-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
        : Buffer.from(text);
  return { file, fileName: 'roster.csv', rowOf, skipped };
}

const upload = (file: Buffer, name: string, dryRun: boolean) =>
  uploadRoster(ctx.app, cookie, file, `dryRun=${dryRun}`, name);

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id, tree.siteA2.id] });
  cookie = await signIn(ctx.app, worker.login);
});
afterAll(() => ctx.close());

type Report = {
  rejected: { row: number; column: string; code: string; reason: string; reasonEn: string }[];
  notRead: string[];
  skippedRows: number[];
  created: number;
  defaulted: { laborCapacity: number; employmentStatus: number };
  committed: boolean;
  households: { created: number };
};

describe('roster corpus: rosters made the way township offices make them', () => {
  it('has at least 30 rosters', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases) {
    const label = `${c.index + 1}. ${c.layout.name}${c.faulty ? ' — with faults' : ''}`;
    it(label, async () => {
      const list = people(c);
      const built = await build(c.layout, list);
      const headerOf = (field: Field) => c.layout.columns.find(([f]) => f === field)?.[1] as string;
      const response = await upload(built.file, built.fileName, c.faulty || !!c.layout.numericIds);
      const report = (await response.json()) as Report;
      expect(response.status).toBe(200);
      const expected = c.layout.numericIds
        ? list
            .filter((p) => /^\d+$/.test(p.id))
            .map((p) => ({ row: built.rowOf.get(p), column: headerOf('id'), code: 'id-digits-lost' }))
        : list
            .filter((p) => p.fault)
            .map((p) => ({
              row: built.rowOf.get(p),
              column: headerOf((p.fault as { field: Field }).field),
              code: (p.fault as { code: string }).code,
            }));
      const byRow = (a: { row?: number; code: string }, b: { row?: number; code: string }) =>
        (a.row ?? 0) - (b.row ?? 0) || a.code.localeCompare(b.code);
      expect(report.rejected.map(({ row, column, code }) => ({ row, column, code })).sort(byRow)).toEqual(
        expected.sort(byRow),
      );
      // Every reason is plain Chinese, with its English.
      for (const r of report.rejected) {
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
        expect(r.reasonEn).toMatch(/^[\x20-\x7e\u201c\u201d\u4e00-\u9fff、（）]+$/);
      }
      expect(report.notRead.sort()).toEqual([...(c.layout.notRead ?? [])].sort());
      expect(report.skippedRows).toEqual(built.skipped);
      if (c.faulty || c.layout.numericIds) return;

      // A clean file: committed whole, and every value it carries is in the database.
      expect(report).toMatchObject({ committed: true, created: list.length, households: { created: 3 } });
      const has = (field: Field) => c.layout.columns.some(([f]) => f === field);
      // A roster without 劳动能力 (or 就业状态) says how many new people got the default, never silently.
      expect(report.defaulted).toEqual({
        laborCapacity: has('labor') ? 0 : list.length,
        employmentStatus: has('employment') ? 0 : list.length,
      });
      const stored = await ctx.db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .innerJoin('regions', 'regions.id', 'households.siteId')
        .select([
          'households.householdNumber',
          'regions.code as siteCode',
          'persons.name',
          'persons.relation',
          'persons.birthDate',
          'persons.phone',
          'persons.laborCapacity',
          'persons.employmentStatus',
          'persons.education',
          'households.relocationDate',
          'households.originVillage',
          'households.building',
          'households.room',
        ])
        .where('households.householdNumber', 'like', `C${c.index}-%`)
        .execute();
      expect(stored).toHaveLength(list.length);
      for (const p of list) {
        const row = stored.find((s) => s.name === p.name) as (typeof stored)[number];
        expect(row.householdNumber).toBe(p.household);
        expect([tree.siteA1.code, tree.siteA2.code]).toContain(row.siteCode);
        expect(row.birthDate).toBe(p.birth);
        if (has('phone')) expect(row.phone).toBe(p.phone);
        if (has('relocation')) expect(row.relocationDate).toBe('2024-03-05');
        if (has('origin')) expect(row.originVillage).toBe(c.layout.multiline ? `三岔乡\n${p.origin}` : p.origin);
        if (has('building')) expect(row.building).toBe(p.building);
        if (has('education')) expect(row.education).toBe('junior');
        // Without the column: 未登记 (unknown), never 无劳动能力.
        if (has('labor')) expect(row.laborCapacity).not.toBe('unknown');
        else expect(row.laborCapacity).toBe('unknown');
      }
      if (c.layout.newColumns) await expectRosterFacts(c, list);
    });
  }
});

/** 健康状况 in the health notes, 残疾/技能/务工地点 in the roster facts and skills, 月收入 in the income ledger. */
async function expectRosterFacts(c: Case, list: Person[]) {
  const key = ctx.deps.config.dataEncryptionKey;
  const stored = await ctx.db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .leftJoin('personRosterFacts as facts', 'facts.personId', 'persons.id')
    .select([
      'persons.id',
      'persons.name',
      'persons.healthNotesEncrypted',
      'persons.healthEncrypted',
      'persons.workLimits',
      'facts.disabilityEncrypted',
      'facts.disabilityKind',
      'facts.disabilityGrade',
      'facts.skillsText',
      'facts.workPlace',
      'facts.importId',
    ])
    .where('households.householdNumber', 'like', `C${c.index}-%`)
    .execute();
  for (const p of list) {
    const row = stored.find((s) => s.name === p.name) as (typeof stored)[number];
    expect(decryptField(key, row.healthNotesEncrypted as string)).toBe(p.health);
    const [, kind, grade] = disabilityOf.find(([text]) => text === p.disability) as (typeof disabilityOf)[number];
    expect(row.disabilityEncrypted ? decryptField(key, row.disabilityEncrypted) : null).toBe(
      p.disability === '无' ? null : p.disability,
    );
    expect([row.disabilityKind, row.disabilityGrade]).toEqual([kind, grade]);
    // …and the same two cells as structured health (issue 18), which matching reads.
    expect(row.workLimits).toEqual(expectedWorkLimits(p.health, p.disability));
    const health = row.healthEncrypted ? JSON.parse(decryptField(key, row.healthEncrypted)) : null;
    if (healthFactsOf[p.health].chronic || kind || healthFactsOf[p.health].limits.length) {
      expect(health).toMatchObject({
        disabilityKind: kind,
        disabilityGrade: grade,
        chronicIllness: healthFactsOf[p.health].chronic,
      });
    } else expect(health).toBeNull();
    const [, codes, rest] = skillsOf.find(([text]) => text === p.skills) as (typeof skillsOf)[number];
    expect(row.skillsText).toBe(rest);
    expect(row.workPlace).toBe(p.workPlace);
    expect(row.importId).not.toBeNull();
    const skills = await ctx.db.selectFrom('personSkills').select('skillCode').where('personId', '=', row.id).execute();
    expect(skills.map((s) => s.skillCode).sort()).toEqual([...codes].sort());
  }
  // 月收入 summed per household: this month's wages in the income ledger.
  const wages = await ctx.db
    .selectFrom('incomeRecords')
    .innerJoin('households', 'households.id', 'incomeRecords.householdId')
    .select([
      'households.householdNumber',
      'incomeRecords.amountYuan',
      'incomeRecords.periodKind',
      'incomeRecords.source',
    ])
    .where('households.householdNumber', 'like', `C${c.index}-%`)
    .orderBy('households.householdNumber')
    .execute();
  const sums = new Map<string, number>();
  for (const p of list) sums.set(p.household, (sums.get(p.household) ?? 0) + Number(p.income));
  expect(wages.map((w) => [w.householdNumber, Number(w.amountYuan), w.periodKind, w.source])).toEqual(
    [...sums].sort().map(([household, sum]) => [household, sum, 'month', 'wages']),
  );
}

describe('importing the valid households and handing back the rejected rows', () => {
  it('commits the clean households, holds back whole households with a rejected row, and downloads those rows to fix', async () => {
    const layout = layouts[1];
    const faulty = people({ layout, faulty: true, index: 40 });
    const clean = people({ layout, faulty: false, index: 41 });
    const list = [...faulty, ...clean];
    const built = await build(layout, list);
    const faultyHouseholds = new Set(faulty.filter((p) => p.fault).map((p) => p.household));
    const heldBack = list
      .filter((p) => !p.fault && faultyHouseholds.has(p.household))
      .map((p) => built.rowOf.get(p) as number);

    // All or nothing stays the default.
    const strict = await upload(built.file, built.fileName, false);
    expect(strict.status).toBe(422);

    const response = await uploadRoster(ctx.app, cookie, built.file, 'dryRun=false&keepValid=true', built.fileName);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({
      committed: true,
      keepValid: true,
      created: clean.length,
      households: { created: 3 },
    });
    expect(report.heldBack).toEqual(heldBack);
    expect(report.rejected).toHaveLength(faulty.filter((p) => p.fault).length);
    const stored = await ctx.db
      .selectFrom('households')
      .select('householdNumber')
      .where((eb) => eb.or([eb('householdNumber', 'like', 'C40-%'), eb('householdNumber', 'like', 'C41-%')]))
      .orderBy('householdNumber')
      .execute();
    expect(stored.map((h) => h.householdNumber)).toEqual(['C41-1', 'C41-2', 'C41-3']);

    // The rejected and held-back rows, in the file's own layout, with a 问题 column.
    const xlsx = await uploadRoster(
      ctx.app,
      cookie,
      built.file,
      'dryRun=true&keepValid=true&download=rejected',
      built.fileName,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
    expect(values(1)[0]).toBe('三岔乡易地扶贫搬迁安置点搬迁户花名册');
    expect(values(2)).toEqual([...layout.columns.map(([, header]) => header), '问题']);
    // The C41 households are in the database now, so the download re-checks only C40's rows.
    const expectedRows = faulty.map((p) => p).sort((a, b) => (built.rowOf.get(a) ?? 0) - (built.rowOf.get(b) ?? 0));
    expect(sheet.rowCount).toBe(2 + expectedRows.length);
    expectedRows.forEach((p, i) => {
      const row = values(3 + i);
      expect(row[2] ?? '').toBe(p.name);
      expect(row[3]).toBe(p.id);
      const problem = String(row[layout.columns.length]);
      if (p.fault?.code === 'id-check-digit') expect(problem).toContain('校验位');
      if (!p.fault) expect(problem).toContain('整户未导入');
    });
  });
});

describe('the worker’s own column mapping', () => {
  it('reads headers Anju does not know once the worker says what they are, and refuses a bad mapping', async () => {
    const layout: Layout = {
      name: 'unknown headers',
      format: 'csv',
      columns: [
        ['household', '户编号'],
        ['site', '安置点编码'],
        ['name', '成员'],
        ['id', '证件'],
        ['relation', '与户主关系'],
        [null, '家庭人口数'],
      ],
      extra: () => '4',
    };
    const list = people({ layout, faulty: false, index: 42 });
    const built = await build(layout, list);
    const send = (mapping?: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(built.file)]), built.fileName);
      if (mapping !== undefined) form.append('mapping', mapping);
      return ctx.app.request('/api/imports/roster?dryRun=true', { method: 'POST', body: form, headers: { cookie } });
    };
    const unmapped = await (await send()).json();
    expect(unmapped.rejected.map((r: { column: string; code: string }) => [r.column, r.code])).toEqual([
      ['姓名', 'column-missing'],
      ['身份证号', 'column-missing'],
    ]);
    expect(unmapped.columns.map((c: { column: string; field: string | null }) => [c.column, c.field])).toEqual([
      ['户编号', 'householdNumber'],
      ['安置点编码', 'siteCode'],
      ['成员', null],
      ['证件', null],
      ['与户主关系', 'relation'],
      ['家庭人口数', null],
    ]);
    const mapped = await (await send(JSON.stringify({ 成员: 'name', 证件: 'idNumber', 家庭人口数: null }))).json();
    expect(mapped).toMatchObject({ rejected: [], created: list.length, notRead: ['家庭人口数'] });
    const bad = await send(JSON.stringify({ 成员: 'salary' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await bad.json())).toContain('mapping');
  });
});

describe('a roster whose headers Anju does not know at all (mapping needed)', () => {
  it('lists the file’s headers, reads them by the worker’s mapping, and remembers it for the site next time', async () => {
    const layout: Layout = {
      name: 'mapping needed',
      format: 'xlsx',
      title: true,
      columns: [
        ['household', '家庭代码'],
        ['site', '所在点'],
        ['name', '成员'],
        ['id', '证件'],
        ['relation', '身份'],
        [null, '家庭人口数'],
      ],
      site: 'name',
      extra: () => '4',
    };
    const list = people({ layout, faulty: false, index: 43 });
    const built = await build(layout, list);
    const send = (dryRun: boolean, mapping?: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(built.file)]), built.fileName);
      if (mapping !== undefined) form.append('mapping', mapping);
      return ctx.app.request(`/api/imports/roster?dryRun=${dryRun}`, {
        method: 'POST',
        body: form,
        headers: { cookie },
      });
    };
    // Nothing known: the header row is still found and listed, each column unread, the required ones missing.
    const unmapped = await (await send(true)).json();
    expect(unmapped.columns.map((c: { column: string; field: string | null }) => [c.column, c.field])).toEqual(
      layout.columns.map(([, header]) => [header, null]),
    );
    expect(unmapped.rejected.map((r: { code: string }) => r.code)).toEqual(Array(5).fill('column-missing'));
    expect(unmapped.mapping).toMatchObject({ source: 'none' });
    const mapping = {
      家庭代码: 'householdNumber',
      所在点: 'siteName',
      成员: 'name',
      证件: 'idNumber',
      身份: 'relation',
    };
    const committed = await (await send(false, JSON.stringify({ ...mapping, 家庭人口数: null }))).json();
    expect(committed).toMatchObject({
      committed: true,
      created: list.length,
      rejected: [],
      mapping: { source: 'given' },
    });
    const saved = await ctx.db.selectFrom('rosterColumnMappings').selectAll().execute();
    expect(saved.map((m) => m.siteId).sort()).toEqual([tree.siteA1.id, tree.siteA2.id].sort());
    expect(saved[0].mapping).toEqual({ ...mapping, 家庭人口数: null });

    // Next time, the same headers at these sites are read by the remembered mapping.
    const again = await (await send(true)).json();
    expect(again).toMatchObject({
      mapping: { source: 'remembered', signature: committed.mapping.signature },
      rejected: [],
      unchanged: list.length,
      notRead: ['家庭人口数'],
    });
    // A worker of other sites does not get it.
    const other = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(built.file)]), built.fileName);
    const elsewhere = await ctx.app.request('/api/imports/roster?dryRun=true', {
      method: 'POST',
      body: form,
      headers: { cookie: await signIn(ctx.app, other.login) },
    });
    expect((await elsewhere.json()).mapping).toMatchObject({ source: 'none' });
  });
});

describe('importing the roster’s facts again', () => {
  it('changes nothing for the same file, and updates health, skills and this month’s wages when they change', async () => {
    const layout = layouts.find((l) => l.newColumns) as Layout;
    const list = people({ layout, faulty: false, index: 44 });
    const first = await build(layout, list);
    expect(await (await upload(first.file, first.fileName, false)).json()).toMatchObject({
      committed: true,
      created: list.length,
      incomeRecorded: 3,
    });
    expect(await (await upload(first.file, first.fileName, false)).json()).toMatchObject({
      committed: true,
      unchanged: list.length,
      updated: 0,
      incomeRecorded: 0,
    });
    const changed = list.map((p, i) =>
      i === 0 ? { ...p, health: '腰椎间盘突出', skills: '电焊、吹唢呐', income: '9999' } : p,
    );
    const second = await build(layout, changed);
    const report = await (await upload(second.file, second.fileName, false)).json();
    expect(report).toMatchObject({ committed: true, updated: 1, unchanged: list.length - 1, incomeRecorded: 1 });
    expect(report.preview.find((e: { action: string }) => e.action === 'update').changedFields).toEqual(
      expect.arrayContaining(['healthNotes', 'skills']),
    );
    // The new note is read again: 腰椎间盘突出 is no heavy lifting, besides what the disability implies.
    const person = await ctx.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select(['persons.workLimits', 'persons.version'])
      .where('households.householdNumber', '=', list[0].household)
      .where('persons.name', '=', list[0].name)
      .executeTakeFirstOrThrow();
    expect(person.workLimits).toEqual(expectedWorkLimits('腰椎间盘突出', list[0].disability));
    expect(person.version).toBe(2);
    const wages = await ctx.db
      .selectFrom('incomeRecords')
      .innerJoin('households', 'households.id', 'incomeRecords.householdId')
      .select(['incomeRecords.amountYuan', 'incomeRecords.supersededAt'])
      .where('households.householdNumber', '=', list[0].household)
      .orderBy('incomeRecords.id')
      .execute();
    // The earlier figure is kept, superseded; the new one is current.
    expect(wages.map((w) => w.supersededAt === null)).toEqual([false, true]);
    const members = list.filter((p) => p.household === list[0].household);
    expect(Number(wages[1].amountYuan)).toBe(9999 + members.slice(1).reduce((sum, p) => sum + Number(p.income), 0));
  });
});
