import { createHash } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { ageOn, isRealDate } from '@anju/domain/dates';
import type { EducationLevel, EmploymentStatus, LaborCapacity, MonitoringCategory, Relation } from '@anju/domain/enums';
import { checkIdNumber } from '@anju/domain/id-number';
import type { RawCell, RawRow } from '../../spreadsheet/read-table.ts';
import type { DisabilityKind } from '../registry.tables.ts';
import {
  canonicalHeader,
  chineseValues,
  codeOfValue,
  columnOfHeader,
  guessColumnOfHeader,
  normaliseHeader,
  notStoredColumnOf,
  type RosterColumnKey,
  rosterColumns,
  type ValueMapped,
} from './roster-columns.ts';
import { type ReasonCode, type Rejection, rejection } from './roster-reasons.ts';

export type { Rejection } from './roster-reasons.ts';

/** One person row of the roster, parsed and checked on its own. Blank optional cells are undefined. */
export interface RosterRow {
  row: number;
  householdNumber: string;
  /** The site as the file names it: by code when the file has a code column, else by name. */
  site: { code?: string; name?: string };
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  relation: Relation;
  phone?: string;
  education?: EducationLevel;
  laborCapacity?: LaborCapacity;
  employmentStatus?: EmploymentStatus;
  monitoringCategory?: MonitoringCategory;
  building?: string;
  unit?: string;
  room?: string;
  originCounty?: string;
  originTownship?: string;
  originVillage?: string;
  relocationDate?: string;
  /** 健康状况 as written (stored encrypted as the person's health notes). */
  health?: string;
  /** 残疾 as written; kind and grade where the text says them. “无” is no disability. */
  disability?: { text: string; kind?: DisabilityKind; grade?: number } | null;
  /** 技能/特长, split at 、，/; and spaces: matched to the taxonomy when the plan is made. */
  skills?: string[];
  workPlace?: string;
  /** 月收入 in yuan. */
  monthlyIncome?: number;
}

/** A column of the file and what Anju makes of it. */
export interface FileColumn {
  /** 0-based column index. */
  index: number;
  /** The header as the file writes it (the lowest header row with text), or “第X列” when blank. */
  header: string;
  /** The field read from it; guessed when the header only contains a known name (户主姓名 → 姓名). */
  field?: RosterColumnKey;
  guessed?: boolean;
  /** For a column not read: the field it looks like (a second 联系电话) or a known column Anju does not store. */
  looksLike?: string;
}

interface HeaderMap {
  columns: FileColumn[];
  /** Index (in the raw rows) of the first header row and of the first data row. */
  headerStart: number;
  dataStart: number;
}

const text = (cell: RawCell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};
/**
 * Full-width digits and Latin letters (１３８…, Ｘ), typed with a Chinese input method, read as
 * their ASCII selves; other full-width characters (（）、：) stay as written.
 */
const halfWidth = (cell: RawCell): RawCell =>
  typeof cell === 'string'
    ? cell.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    : cell;
const isBlankRow = (row: RawRow) => row.cells.every((cell) => text(cell) === '');
const knownCount = (row: RawRow) => row.cells.filter((cell) => columnOfHeader(text(cell))).length;
const filledCount = (row: RawRow) => row.cells.filter((cell) => text(cell) !== '').length;
/** A row that holds data, not headers: an ID number, a long number or a date in it. */
const looksLikeData = (row: RawRow) =>
  row.cells.some((cell) => typeof cell === 'number' || cell instanceof Date || /^\d{6,}[\dxX]?$/.test(text(cell)));

/** Excel's column letters: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Finds the header: the row (among the first fifteen non-blank) naming the most known columns,
 * with the header row above it (户编号 over a merged 家庭成员 group) and below it (楼栋/单元/房号
 * under a merged 现住址) when they name known columns too. A merged cell's value sits in its
 * first cell only, so each column takes the lowest header text it has. A row of column numbers
 * (1, 2, 3 …) right under the header is skipped.
 */
export function findHeader(rows: RawRow[], mapping?: Record<string, RosterColumnKey | null>): HeaderMap | undefined {
  // Stops at the fifteenth: a 100,000-row file is not scanned whole for its header.
  const candidates: { row: RawRow; index: number }[] = [];
  for (let index = 0; index < rows.length && candidates.length < 15; index++)
    if (!isBlankRow(rows[index])) candidates.push({ row: rows[index], index });
  let best: { index: number; matches: number } | undefined;
  for (const { row, index } of candidates) {
    const matches = knownCount(row) + (mapping ? row.cells.filter((cell) => text(cell) in mapping).length : 0);
    if (matches > (best?.matches ?? 1)) best = { index, matches };
  }
  if (!best) {
    // Nothing Anju knows (a mapping-needed file): the first row of three or more texts is taken as
    // the header, so the worker can say what each column is.
    const plain = candidates.find(({ row }) => !looksLikeData(row) && filledCount(row) >= 3);
    if (!plain) return undefined;
    best = { index: plain.index, matches: 0 };
  }
  let first = best.index;
  let last = best.index;
  const above = rows[first - 1];
  if (best.matches > 0 && above && !isBlankRow(above) && knownCount(above) >= 1 && !looksLikeData(above)) first--;
  const below = rows[last + 1];
  if (below && !isBlankRow(below) && !looksLikeData(below) && knownCount(below) * 2 >= filledCount(below)) last++;
  const headerRows = rows.slice(first, last + 1);
  const width = Math.max(...headerRows.map((row) => row.cells.length));
  let dataStart = last + 1;
  const numbering = rows[dataStart];
  if (numbering) {
    const filled = numbering.cells.map(text).filter((t) => t !== '');
    if (filled.length >= 3 && filled.every((t, i) => t === String(i + 1))) dataStart++;
  }
  const columns: FileColumn[] = [];
  for (let index = 0; index < width; index++) {
    const texts = headerRows.map((row) => text(row.cells[index])).filter((t) => t !== '');
    // The lowest text, unless only a higher one is known (联系电话 merged down over a blank).
    const known = [...texts].reverse().find((t) => columnOfHeader(t) || (mapping && t in mapping));
    const header = known ?? texts.at(-1) ?? '';
    columns.push({ index, header });
  }
  const taken = new Set<RosterColumnKey>();
  // The worker's own mapping first, then exact names, then guesses (a name inside the header).
  for (const column of columns) {
    const mapped = mapping?.[column.header];
    if (mapped === undefined) continue;
    if (mapped === null) column.looksLike = '';
    else if (!taken.has(mapped)) {
      column.field = mapped;
      taken.add(mapped);
    }
  }
  for (const column of columns) {
    const key = columnOfHeader(column.header);
    if (column.field || column.looksLike !== undefined || !key) continue;
    if (taken.has(key)) column.looksLike = canonicalHeader(key);
    else {
      column.field = key;
      taken.add(key);
    }
  }
  for (const column of columns) {
    if (column.field || column.looksLike !== undefined || !column.header) continue;
    const stored = notStoredColumnOf(column.header);
    const key = stored ? undefined : guessColumnOfHeader(column.header);
    if (stored) column.looksLike = stored;
    else if (key && !taken.has(key)) {
      column.field = key;
      column.guessed = true;
      taken.add(key);
    } else if (key) column.looksLike = canonicalHeader(key);
  }
  for (const column of columns) if (!column.header) column.header = `第${columnLetter(column.index)}列`;
  return { columns, headerStart: first, dataStart };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad = (n: number) => String(n).padStart(2, '0');

/** 2024/3/5, 2024-03-05, 2024.3.5, 2024年3月5日, 20240305, an Excel serial (45356) or a date cell. */
export function parseChineseDate(cell: RawCell): string | undefined {
  if (cell instanceof Date) {
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  const value = typeof cell === 'number' ? String(cell) : text(cell);
  let match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
  }
  match = /^(\d{1,5})(\.\d+)?$/.exec(value);
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 2958465) {
    const date = new Date(EXCEL_EPOCH + Number(match[1]) * 86_400_000);
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  }
  return undefined;
}

/** 出生年月 written to the month: 1980.05, 1980-5, 1980年5月, 198005 (also the number 1980.1 for October). */
export function parseYearMonth(cell: RawCell): string | undefined {
  if (cell === null || cell instanceof Date) return undefined;
  const match = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(text(cell));
  if (!match) return undefined;
  let month = match[2] ?? match[3];
  // A number cell drops the trailing zero of a month: 1980.1 is October.
  if (typeof cell === 'number' && match[2]?.length === 1 && text(cell).includes('.')) month = `${match[2]}0`;
  const [year, m] = [Number(match[1]), Number(month)];
  return year >= 1900 && m >= 1 && m <= 12 ? `${year}-${pad(m)}` : undefined;
}

/** An ID number cell: a number means Excel kept only 15 significant digits (the rest are lost). */
function readIdNumber(cell: RawCell, today: string): { idNumber?: string; problem?: ReasonCode } {
  if (typeof cell === 'number') {
    // A short integer (a 15-digit first-generation number aside) may still be whole.
    if (cell >= 1e14 && !Number.isSafeInteger(cell)) return { problem: 'id-digits-lost' };
    if (cell >= 1e17) return { problem: 'id-digits-lost' };
  }
  const value = text(cell).replace(/\s/g, '').replace(/^'/, '');
  if (/^\d(\.\d+)?E\+\d+$/i.test(value)) return { problem: 'id-digits-lost' };
  const check = checkIdNumber(value, today);
  if (check.valid) return { idNumber: check.idNumber };
  if (/^\d{15}000$/.test(value)) return { problem: 'id-digits-lost' };
  return { problem: check.code };
}

/** Limits on age by relation to the head (age on import day; birth dates relative to the head). */
function relationProblem(row: RosterRow, head: RosterRow | undefined, today: string): ReasonCode | undefined {
  const age = ageOn(row.birthDate, today);
  if (age > 120) return 'too-old';
  if (row.relation === 'head' && age < 16) return 'head-too-young';
  if (row.relation === 'spouse' && age < 16) return 'spouse-too-young';
  if (!head || head === row) return undefined;
  // Positive: older than the head by that many years.
  const gap = age - ageOn(head.birthDate, today);
  if (row.relation === 'child' && gap > -12) return 'child-not-younger';
  if (row.relation === 'grandchild' && gap > -24) return 'grandchild-not-younger';
  if (row.relation === 'parent' && gap < 12) return 'parent-not-older';
  if (row.relation === 'grandparent' && gap < 24) return 'grandparent-not-older';
  return undefined;
}

/** A 合计/总计/小计 row or a signature line (填表人：…) under the table: skipped, not a person. */
const isTotalsOrFooter = (cells: string[]) => {
  const first = cells.find((c) => c !== '') ?? '';
  return /^(合\s*计|总\s*计|小\s*计|共\s*计|总数|填表人|制表人|填报人|审核人|负责人|联系人|填报单位|填表日期|填报日期|备注|说明|注[:：])/.test(
    first,
  );
};

export interface ParsedRoster {
  /** The header of a field as written in the file. */
  headerOf: (key: RosterColumnKey) => string;
  /** Every column of the file and what was made of it; empty when no header was found. */
  columns: FileColumn[];
  rows: RosterRow[];
  rejected: Rejection[];
  /** Rows with content (blank rows, 合计 rows and signature lines are skipped and not counted). */
  rowCount: number;
  /** Rows that are not persons and were passed over (合计, 填表人 …). */
  skipped: number[];
  /** Household number → the rows of it (read or rejected), to hold whole households back. */
  householdRows: Map<string, number[]>;
}

/** Turns the raw cells into checked person rows; problems become rejections naming row and column. */
export function parseRoster(
  raw: RawRow[],
  today = chinaToday(),
  mapping?: Record<string, RosterColumnKey | null>,
): ParsedRoster {
  const header = findHeader(raw, mapping);
  const rejected: Rejection[] = [];
  const empty = { columns: [], rows: [], rowCount: 0, skipped: [], householdRows: new Map() };
  if (!header) {
    return { ...empty, headerOf: canonicalHeader, rejected: [rejection(raw[0]?.row ?? 1, '', 'no-header')] };
  }
  const present = new Map(header.columns.filter((c) => c.field).map((c) => [c.field as RosterColumnKey, c]));
  const missing: string[] = rosterColumns.filter((c) => c.required && !present.has(c.key)).map((c) => c.zh);
  if (!present.has('siteCode') && !present.has('siteName')) missing.push(canonicalHeader('siteName'));
  const headerRow = raw[header.dataStart - 1]?.row ?? 1;
  if (missing.length) {
    return {
      ...empty,
      columns: header.columns,
      headerOf: canonicalHeader,
      rejected: missing.map((column) => rejection(headerRow, column, 'column-missing')),
    };
  }
  const headerOf = (key: RosterColumnKey) => present.get(key)?.header ?? canonicalHeader(key);
  const rows: RosterRow[] = [];
  const skipped: number[] = [];
  const householdRows = new Map<string, number[]>();
  /** Households some row (read or not) names 户主 in: one with none is refused whole. */
  const headClaimed = new Set<string>();
  const rejectedByHousehold = new Map<string, number[]>();
  let rowCount = 0;
  /** The household the previous person row belonged to: its number and site carry down (see below). */
  let previous: { householdNumber: string; site: string } | undefined;
  for (const rawRow of raw.slice(header.dataStart)) {
    if (isBlankRow(rawRow)) continue;
    if (isTotalsOrFooter(rawRow.cells.map(text)) && text(rawRow.cells[present.get('idNumber')?.index ?? -1]) === '') {
      skipped.push(rawRow.row);
      continue;
    }
    rowCount++;
    const cells = new Map<RosterColumnKey, RawCell>();
    for (const [key, column] of present) cells.set(key, halfWidth(rawRow.cells[column.index] ?? null));
    const problems: Rejection[] = [];
    const reject = (key: RosterColumnKey, code: ReasonCode, params: Record<string, string | number> = {}) =>
      problems.push(rejection(rawRow.row, headerOf(key), code, params));
    const value = (key: RosterColumnKey) => text(cells.get(key) ?? null);
    const required = (key: RosterColumnKey) => {
      const v = value(key);
      if (!v) reject(key, 'blank');
      return v;
    };
    const mapped = <T extends string>(key: RosterColumnKey & ValueMapped): T | undefined => {
      const v = value(key);
      if (!v) return undefined;
      const code = codeOfValue(key, v);
      if (!code) reject(key, 'unknown-value', { value: v, choices: chineseValues(key).join('、') });
      return code as T | undefined;
    };
    const siteKey: RosterColumnKey = present.has('siteCode') ? 'siteCode' : 'siteName';
    const relationText = value('relation');
    const relation = relationText ? (codeOfValue('relation', relationText) as Relation | undefined) : undefined;
    // Townships write a household's 户编号 and 安置点 once, on its first row (merged down in
    // Excel, blank in a CSV): a member row (not 户主) with them blank belongs to the row above.
    const carried = previous && relation !== 'head' && value('householdNumber') === '' ? previous : undefined;
    const householdNumber = carried ? carried.householdNumber : required('householdNumber');
    const siteText =
      value(siteKey) === '' && previous && householdNumber === previous.householdNumber
        ? previous.site
        : required(siteKey);
    const name = required('name');
    if (!relationText) reject('relation', 'blank');
    else if (!relation)
      reject('relation', 'unknown-value', { value: relationText, choices: chineseValues('relation').join('、') });
    previous = householdNumber && siteText ? { householdNumber, site: siteText } : undefined;
    if (householdNumber) {
      householdRows.set(householdNumber, [...(householdRows.get(householdNumber) ?? []), rawRow.row]);
      if (relation === 'head') headClaimed.add(householdNumber);
    }
    let id: ReturnType<typeof readIdNumber> = {};
    if (value('idNumber') === '') reject('idNumber', 'blank');
    else {
      id = readIdNumber(cells.get('idNumber') ?? null, today);
      if (id.problem) reject('idNumber', id.problem);
    }
    const check = id.idNumber ? checkIdNumber(id.idNumber, today) : undefined;
    const sex = mapped<'male' | 'female'>('sex');
    if (check?.valid && sex && sex !== check.sex) reject('sex', 'sex-mismatch');
    if (check?.valid && value('birthDate')) {
      const cell = cells.get('birthDate') ?? null;
      const month = parseYearMonth(cell);
      const birth = month ? undefined : parseChineseDate(cell);
      if (!birth && !month) reject('birthDate', 'not-a-date', { value: value('birthDate') });
      else if (birth ? birth !== check.birthDate : month !== check.birthDate.slice(0, 7))
        reject('birthDate', 'birth-mismatch', { date: check.birthDate });
    }
    const phone = value('phone').replace(/[\s-]/g, (ch, offset: number, all: string) =>
      ch === '-' && /^0\d{2,3}$/.test(all.slice(0, offset)) ? ch : '',
    );
    if (phone && !/^(\+?86)?(1\d{10}|0\d{2,3}-?\d{7,8}|\d{7,8})$/.test(phone))
      reject('phone', 'not-a-phone', { value: value('phone') });
    let relocationDate: string | undefined;
    if (value('relocationDate')) {
      relocationDate = parseChineseDate(cells.get('relocationDate') ?? null);
      if (!relocationDate) reject('relocationDate', 'not-a-date', { value: value('relocationDate') });
      else if (relocationDate > today) reject('relocationDate', 'date-future');
    }
    const education = mapped<EducationLevel>('education');
    const laborCapacity = mapped<LaborCapacity>('laborCapacity');
    const employmentStatus = mapped<EmploymentStatus>('employmentStatus');
    const monitoringCategory = mapped<MonitoringCategory>('monitoringCategory');
    let monthlyIncome: number | undefined;
    if (value('monthlyIncome')) {
      monthlyIncome = parseYuan(value('monthlyIncome'));
      if (monthlyIncome === undefined) reject('monthlyIncome', 'not-a-number', { value: value('monthlyIncome') });
    }
    if (problems.length || !check?.valid || !relation) {
      rejected.push(...problems);
      if (householdNumber)
        rejectedByHousehold.set(householdNumber, [...(rejectedByHousehold.get(householdNumber) ?? []), rawRow.row]);
      continue;
    }
    const optional = (key: RosterColumnKey) => value(key) || undefined;
    rows.push({
      row: rawRow.row,
      householdNumber,
      site: siteKey === 'siteCode' ? { code: siteText } : { name: siteText },
      name,
      idNumber: check.idNumber,
      birthDate: check.birthDate,
      sex: check.sex,
      relation,
      phone: phone.replace(/^\+?86(?=1\d{10}$)/, '') || undefined,
      education,
      laborCapacity,
      employmentStatus,
      monitoringCategory,
      building: optional('building'),
      unit: optional('unit'),
      room: optional('room'),
      originCounty: optional('originCounty'),
      originTownship: optional('originTownship'),
      originVillage: optional('originVillage'),
      relocationDate,
      health: optional('health'),
      disability: value('disability') ? parseDisability(value('disability')) : undefined,
      skills: value('skills') ? splitSkills(value('skills')) : undefined,
      workPlace: optional('workPlace'),
      monthlyIncome,
    });
  }
  const across = checkAcrossRows(rows, rejected, headerOf, today, headClaimed, present.has('birthDate'));
  return { headerOf, columns: header.columns, ...across, rowCount, skipped, householdRows };
}

/** 3000, 3,000, 3000元, ￥3000, 3000.50; 无 is 0. Undefined when it is not an amount. */
export function parseYuan(text: string): number | undefined {
  const value = text.replace(/[\s,，￥¥]|元$|元\/月$|\/月$/g, '');
  if (/^(无|没有|-|—)$/.test(value)) return 0;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(value)) return undefined;
  return Number(value);
}

const disabilityKindWords: [RegExp, DisabilityKind][] = [
  [/多重/, 'multiple'],
  [/视力|视障|盲|眼/, 'visual'],
  [/听力|聋|耳/, 'hearing'],
  [/言语|语言|哑/, 'speech'],
  [/肢体|肢残|截肢|瘫/, 'physical'],
  [/智力|智障|智残/, 'intellectual'],
  [/精神/, 'mental'],
];
const gradeWords: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * 残疾 as rosters write it: 肢体三级, 视力残疾一级, 智力2级, 是, 无. Null means the roster says
 * there is none; the kind and grade are read where written, the text is always kept.
 */
export function parseDisability(text: string): { text: string; kind?: DisabilityKind; grade?: number } | null {
  if (/^(无|否|没有|非残疾|不是|健全|-|—)$/.test(text.replace(/\s/g, ''))) return null;
  const kinds = disabilityKindWords.filter(([pattern]) => pattern.test(text)).map(([, kind]) => kind);
  const kind = kinds.length > 1 ? 'multiple' : kinds[0];
  const grade = /([一二三四1-4])\s*级/.exec(text)?.[1];
  return { text, ...(kind ? { kind } : {}), ...(grade ? { grade: gradeWords[grade] } : {}) };
}

/** 电焊、厨师/驾驶 → [电焊, 厨师, 驾驶]; 无 → []. */
export function splitSkills(text: string): string[] {
  return text
    .split(/[、，,;；/\\\s]+/)
    .map((part) => part.trim())
    .filter((part) => part && !/^(无|没有|暂无|-|—)$/.test(part));
}

/** The file's header signature: its headers in order, normalised, hashed (for remembered mappings). */
export function headerSignature(columns: FileColumn[]): string {
  return createHash('sha256')
    .update(columns.map((c) => normaliseHeader(c.header)).join('\u0001'))
    .digest('hex');
}

/** Checks that need several rows: duplicate IDs in the file, one site and one head per household, ages. */
function checkAcrossRows(
  rows: RosterRow[],
  rejected: Rejection[],
  headerOf: (key: RosterColumnKey) => string,
  today: string,
  headClaimed: Set<string>,
  hasBirthColumn: boolean,
): { rows: RosterRow[]; rejected: Rejection[] } {
  const firstById = new Map<string, RosterRow>();
  const households = new Map<string, RosterRow[]>();
  const kept: RosterRow[] = [];
  const siteText = (row: RosterRow) => row.site.code ?? row.site.name ?? '';
  const siteColumn = headerOf(rows[0]?.site.code !== undefined ? 'siteCode' : 'siteName');
  for (const row of rows) {
    const first = firstById.get(row.idNumber);
    if (first) {
      rejected.push(rejection(row.row, headerOf('idNumber'), 'duplicate-id', { row: first.row }));
      continue;
    }
    firstById.set(row.idNumber, row);
    if (!headClaimed.has(row.householdNumber)) {
      rejected.push(rejection(row.row, headerOf('relation'), 'no-head', { household: row.householdNumber }));
      continue;
    }
    const members = households.get(row.householdNumber) ?? [];
    if (members.length && siteText(members[0]) !== siteText(row)) {
      rejected.push(
        rejection(row.row, siteColumn, 'household-two-sites', {
          household: row.householdNumber,
          site: siteText(members[0]),
          row: members[0].row,
        }),
      );
      continue;
    }
    const head = members.find((m) => m.relation === 'head');
    if (row.relation === 'head' && head) {
      rejected.push(
        rejection(row.row, headerOf('relation'), 'second-head', { household: row.householdNumber, row: head.row }),
      );
      continue;
    }
    members.push(row);
    households.set(row.householdNumber, members);
  }
  // An impossible age is a fault of the birth date (read from the birth-date column or the ID number).
  const ageColumn = headerOf(hasBirthColumn ? 'birthDate' : 'idNumber');
  for (const row of rows) {
    const members = households.get(row.householdNumber);
    if (!members?.includes(row)) continue;
    const problem = relationProblem(
      row,
      members.find((m) => m.relation === 'head'),
      today,
    );
    if (problem) rejected.push(rejection(row.row, ageColumn, problem));
    else kept.push(row);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rows: kept, rejected };
}
