import { ageOn, checkIdNumber, chinaToday, isRealDate } from '../id-number.ts';
import type {
  EducationLevel,
  EmploymentStatus,
  LaborCapacity,
  MonitoringCategory,
  Relation,
} from '../registry.tables.ts';
import {
  codeOfValue,
  columnOfHeader,
  type RosterColumnKey,
  rosterColumns,
  type ValueMapped,
} from './roster-columns.ts';
import type { RawCell, RawRow } from './roster-read.ts';

export interface Rejection {
  row: number;
  /** The header as written in the file (or the canonical Chinese name when the column is missing). */
  column: string;
  reason: string;
}

/** One person row of the roster, parsed and checked on its own. Blank optional cells are undefined. */
export interface RosterRow {
  row: number;
  householdNumber: string;
  siteCode: string;
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
}

interface HeaderMap {
  /** Column index → field. */
  columns: Map<number, { key: RosterColumnKey; header: string }>;
  /** Index of the first data row in the raw rows. */
  dataStart: number;
}

const text = (cell: RawCell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};
const isBlankRow = (row: RawRow) => row.cells.every((cell) => text(cell) === '');

/**
 * Finds the header: the row (among the first ten non-blank) naming the most known columns.
 * A second header row right below it (sub-headers under a merged group cell such as 现住址 →
 * 楼栋/单元/房号) is merged in; a merged cell's value sits in its first cell only.
 */
export function findHeader(rows: RawRow[]): HeaderMap | undefined {
  // Stops at the tenth: a 100,000-row file is not scanned whole for its header.
  const candidates: { row: RawRow; index: number }[] = [];
  for (let index = 0; index < rows.length && candidates.length < 10; index++)
    if (!isBlankRow(rows[index])) candidates.push({ row: rows[index], index });
  let best: { index: number; matches: number } | undefined;
  for (const { row, index } of candidates) {
    const matches = row.cells.filter((cell) => columnOfHeader(text(cell))).length;
    if (matches > (best?.matches ?? 1)) best = { index, matches };
  }
  if (!best) return undefined;
  const columns = new Map<number, { key: RosterColumnKey; header: string }>();
  const taken = new Set<RosterColumnKey>();
  const addFrom = (row: RawRow) =>
    row.cells.forEach((cell, column) => {
      const key = columnOfHeader(text(cell));
      if (key && !taken.has(key) && !columns.has(column)) {
        columns.set(column, { key, header: text(cell) });
        taken.add(key);
      }
    });
  addFrom(rows[best.index]);
  let dataStart = best.index + 1;
  const below = rows[best.index + 1];
  if (below) {
    const filled = below.cells.filter((cell) => text(cell) !== '');
    if (filled.length > 0 && filled.every((cell) => columnOfHeader(text(cell)))) {
      addFrom(below);
      dataStart = best.index + 2;
    }
  }
  return { columns, dataStart };
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

/** An ID number cell: a number means Excel kept only 15 significant digits (the rest are lost). */
function readIdNumber(cell: RawCell): { idNumber?: string; reason?: string } {
  const lost =
    'stored as a number, so Excel lost its last digits (精度丢失); format the column as text and enter it again';
  if (typeof cell === 'number')
    return { reason: cell >= 1e14 ? lost : 'must be 18 characters: 17 digits and a digit or X' };
  const value = text(cell).replace(/\s/g, '').replace(/^'/, '');
  if (/^\d(\.\d+)?E\+\d+$/i.test(value)) return { reason: lost };
  const check = checkIdNumber(value);
  if (check.valid) return { idNumber: check.idNumber };
  if (/^\d{15}000$/.test(value)) return { reason: lost };
  return { reason: check.reason };
}

/** Limits on age by relation to the head (age on import day; birth dates relative to the head). */
function relationProblem(row: RosterRow, head: RosterRow | undefined, today: string): string | undefined {
  const age = ageOn(row.birthDate, today);
  if (age > 120) return 'older than 120';
  if (row.relation === 'head' && age < 16) return 'a head of household must be at least 16';
  if (row.relation === 'spouse' && age < 16) return 'a spouse must be at least 16';
  if (!head || head === row) return undefined;
  // Positive: older than the head by that many years.
  const gap = age - ageOn(head.birthDate, today);
  if (row.relation === 'child' && gap > -12) return 'a child must be at least 12 years younger than the head';
  if (row.relation === 'grandchild' && gap > -24) return 'a grandchild must be at least 24 years younger than the head';
  if (row.relation === 'parent' && gap < 12) return 'a parent must be at least 12 years older than the head';
  if (row.relation === 'grandparent' && gap < 24) return 'a grandparent must be at least 24 years older than the head';
  return undefined;
}

export interface ParsedRoster {
  /** The header of a field as written in the file. */
  headerOf: (key: RosterColumnKey) => string;
  rows: RosterRow[];
  rejected: Rejection[];
  /** Rows with content (blank rows are skipped and not counted). */
  rowCount: number;
}

/** Turns the raw cells into checked person rows; problems become rejections naming row and column. */
export function parseRoster(raw: RawRow[], today = chinaToday()): ParsedRoster {
  const header = findHeader(raw);
  const rejected: Rejection[] = [];
  const canonical = (key: RosterColumnKey) => rosterColumns.find((c) => c.key === key)?.zh ?? key;
  if (!header) {
    return {
      headerOf: canonical,
      rows: [],
      rejected: [{ row: 1, column: '', reason: 'no header row found (户编号, 姓名, 身份证号 …)' }],
      rowCount: 0,
    };
  }
  const present = new Map([...header.columns.values()].map((c) => [c.key, c.header]));
  const missing = rosterColumns.filter((c) => c.required && !present.has(c.key));
  if (missing.length) {
    return {
      headerOf: canonical,
      rows: [],
      rejected: missing.map((c) => ({
        row: raw[header.dataStart - 1]?.row ?? 1,
        column: c.zh,
        reason: 'required column is missing',
      })),
      rowCount: 0,
    };
  }
  const headerOf = (key: RosterColumnKey) => present.get(key) ?? canonical(key);
  const rows: RosterRow[] = [];
  let rowCount = 0;
  for (const rawRow of raw.slice(header.dataStart)) {
    if (isBlankRow(rawRow)) continue;
    rowCount++;
    const cells = new Map<RosterColumnKey, RawCell>();
    for (const [index, { key }] of header.columns) cells.set(key, rawRow.cells[index] ?? null);
    const problems: Rejection[] = [];
    const reject = (key: RosterColumnKey, reason: string) =>
      problems.push({ row: rawRow.row, column: headerOf(key), reason });
    const value = (key: RosterColumnKey) => text(cells.get(key) ?? null);
    const required = (key: RosterColumnKey) => {
      const v = value(key);
      if (!v) reject(key, 'required value is blank');
      return v;
    };
    const mapped = <T extends string>(key: RosterColumnKey & ValueMapped): T | undefined => {
      const v = value(key);
      if (!v) return undefined;
      const code = codeOfValue(key, v);
      if (!code) reject(key, `unknown value “${v}”`);
      return code as T | undefined;
    };
    const householdNumber = required('householdNumber');
    const siteCode = required('siteCode');
    const name = required('name');
    const relationText = required('relation');
    const relation = relationText ? mapped<Relation>('relation') : undefined;
    let id: ReturnType<typeof readIdNumber> = {};
    if (text(cells.get('idNumber') ?? null) === '') reject('idNumber', 'required value is blank');
    else {
      id = readIdNumber(cells.get('idNumber') ?? null);
      if (id.reason) reject('idNumber', `ID number ${id.reason}`);
    }
    const check = id.idNumber ? checkIdNumber(id.idNumber, today) : undefined;
    const sex = mapped<'male' | 'female'>('sex');
    if (check?.valid && sex && sex !== check.sex) reject('sex', 'does not match the ID number');
    if (check?.valid && value('birthDate')) {
      const birth = parseChineseDate(cells.get('birthDate') ?? null);
      if (!birth) reject('birthDate', `not a date: “${value('birthDate')}”`);
      else if (birth !== check.birthDate) reject('birthDate', 'does not match the ID number');
    }
    const phone = value('phone');
    if (phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone)) reject('phone', `not a phone number: “${phone}”`);
    let relocationDate: string | undefined;
    if (value('relocationDate')) {
      relocationDate = parseChineseDate(cells.get('relocationDate') ?? null);
      if (!relocationDate) reject('relocationDate', `not a date: “${value('relocationDate')}”`);
      else if (relocationDate > today) reject('relocationDate', 'is in the future');
    }
    const education = mapped<EducationLevel>('education');
    const laborCapacity = mapped<LaborCapacity>('laborCapacity');
    const employmentStatus = mapped<EmploymentStatus>('employmentStatus');
    const monitoringCategory = mapped<MonitoringCategory>('monitoringCategory');
    if (problems.length || !check?.valid || !relation) {
      rejected.push(...problems);
      continue;
    }
    const optional = (key: RosterColumnKey) => value(key) || undefined;
    rows.push({
      row: rawRow.row,
      householdNumber,
      siteCode,
      name,
      idNumber: check.idNumber,
      birthDate: check.birthDate,
      sex: check.sex,
      relation,
      phone: phone || undefined,
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
    });
  }
  return { headerOf, ...checkAcrossRows(rows, rejected, headerOf, today), rowCount };
}

/** Checks that need several rows: duplicate IDs in the file, one site and one head per household, ages. */
function checkAcrossRows(
  rows: RosterRow[],
  rejected: Rejection[],
  headerOf: (key: RosterColumnKey) => string,
  today: string,
): { rows: RosterRow[]; rejected: Rejection[] } {
  const firstById = new Map<string, RosterRow>();
  const households = new Map<string, RosterRow[]>();
  const kept: RosterRow[] = [];
  for (const row of rows) {
    const first = firstById.get(row.idNumber);
    if (first) {
      rejected.push({
        row: row.row,
        column: headerOf('idNumber'),
        reason: `duplicate ID number: the same as row ${first.row}`,
      });
      continue;
    }
    firstById.set(row.idNumber, row);
    const members = households.get(row.householdNumber) ?? [];
    if (members.length && members[0].siteCode !== row.siteCode) {
      rejected.push({
        row: row.row,
        column: headerOf('siteCode'),
        reason: `household ${row.householdNumber} is at site ${members[0].siteCode} in row ${members[0].row}`,
      });
      continue;
    }
    const head = members.find((m) => m.relation === 'head');
    if (row.relation === 'head' && head) {
      rejected.push({
        row: row.row,
        column: headerOf('relation'),
        reason: `a second head of household ${row.householdNumber} (the first is in row ${head.row})`,
      });
      continue;
    }
    members.push(row);
    households.set(row.householdNumber, members);
  }
  for (const row of rows) {
    const members = households.get(row.householdNumber);
    if (!members?.includes(row)) continue;
    const problem = relationProblem(
      row,
      members.find((m) => m.relation === 'head'),
      today,
    );
    if (problem)
      rejected.push({
        row: row.row,
        column: headerOf('relation'),
        reason: `impossible age for the relation: ${problem}`,
      });
    else kept.push(row);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rows: kept, rejected };
}
