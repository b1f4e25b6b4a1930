import { readRoster } from '../../spreadsheet/read-table.ts';
import type { RosterColumnKey } from './roster-columns.ts';
import type { Rejection } from './roster-reasons.ts';
import { type FileColumn, findHeader } from './roster-rows.ts';

export interface PreviewEntry {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  householdNumber: string;
  name: string;
  changedFields: string[];
}

export interface ImportReport {
  importId: string | null;
  dryRun: boolean;
  committed: boolean;
  fileSha256: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  households: { created: number; updated: number };
  rejected: Rejection[];
  /** The file's columns: the field read from each, or why it was not read. */
  columns: { column: string; field: RosterColumnKey | null; guessed: boolean; looksLike: string | null }[];
  /** Columns of the file that were not read (listed, never silently dropped). */
  notRead: string[];
  /** Rows passed over as not persons: 合计/总计/小计 rows and signature lines. */
  skippedRows: number[];
  /** Import the valid households and leave the rejected ones (else all or nothing). */
  keepValid: boolean;
  /** With keepValid: rows without a fault of their own, left out because their household has a rejected row. */
  heldBack: number[];
  /** Rows whose 监测类型 the import left unchanged: only a workflow changes it (stable code, Chinese reason). */
  workflowRequired: Rejection[];
  /** Where the reading of the headers came from: the worker's mapping now, one remembered for these headers, or none. */
  mapping: { source: 'given' | 'remembered' | 'none'; signature: string | null };
  /**
   * New persons given the default because the file has no value for them (no 劳动能力 column, or a blank cell):
   * said, never silent, so the worker completes them (未登记 people are listed by the household filter and
   * the site's data-quality checks).
   */
  defaulted: Record<keyof typeof rosterDefaults, number>;
  /** Households whose 月收入 went to the income ledger as this month's wages. */
  incomeRecorded: number;
  /** What would change (dry run) or changed (commit), at most 500 entries. */
  preview: PreviewEntry[];
  /** Persons created or changed: their search documents need refreshing after the commit. */
  changedPersonIds: string[];
}

/**
 * What a new person gets where the roster says nothing (劳动能力 → 未登记, 就业状态 → 暂不就业): not
 * 无劳动能力, which would keep them out of job matching when the file only did not say.
 */
export const rosterDefaults = { laborCapacity: 'unknown', employmentStatus: 'not_seeking' } as const;

const PREVIEW_LIMIT = 500;

export function addPreview(report: ImportReport, entry: PreviewEntry) {
  if (report.preview.length < PREVIEW_LIMIT) report.preview.push(entry);
}

export const describeColumn = (c: FileColumn): ImportReport['columns'][number] => ({
  column: c.header,
  field: c.field ?? null,
  guessed: c.guessed ?? false,
  looksLike: c.looksLike || null,
});

/**
 * The rejected rows (and the rows held back with them) in the file's own layout: its title and
 * header rows as they are, then those rows, each with a 问题 column saying what to fix.
 */
export async function rejectedRowsWorkbook(
  file: Buffer,
  report: ImportReport,
  mapping?: Record<string, RosterColumnKey | null>,
): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const raw = await readRoster(file);
  const header = findHeader(raw, mapping);
  const dataStart = header?.dataStart ?? 0;
  const problems = new Map<number, string[]>();
  for (const r of report.rejected) problems.set(r.row, [...(problems.get(r.row) ?? []), `${r.column}：${r.reason}`]);
  for (const row of report.heldBack)
    problems.set(row, [...(problems.get(row) ?? []), '同户有其他行被退回，整户未导入']);
  const width = Math.max(1, ...raw.slice(0, dataStart).map((r) => r.cells.length), header?.columns.length ?? 0);
  const book = new excel.Workbook();
  const sheet = book.addWorksheet('退回的行');
  let at = 1;
  for (const row of raw.slice(0, dataStart)) {
    sheet.getRow(at).values = row.cells;
    at++;
  }
  if (dataStart > 0) sheet.getRow(dataStart).getCell(width + 1).value = '问题';
  for (const row of raw.slice(dataStart)) {
    const found = problems.get(row.row);
    if (!found) continue;
    const target = sheet.getRow(at++);
    row.cells.forEach((cell, index) => {
      // Text stays text: an ID number must not become a number again.
      target.getCell(index + 1).value = cell;
    });
    target.getCell(width + 1).value = found.join('；');
  }
  sheet.getColumn(width + 1).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
