import ExcelJS from 'exceljs';

/**
 * A text cell that a spreadsheet would read as a formula (= + - @, or a leading tab/CR that
 * some programs strip first) is prefixed with an apostrophe: formula injection (CSV/XLSX
 * injection) through names or notes typed into the platform cannot run in an official's Excel.
 */
export function escapeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
}

/** A workbook of one or more sheets, each with a bold frozen header row. */
export async function buildWorkbook(sheets: Sheet[]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Anju 安居';
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = columns.map((column) => ({ header: column.header, key: column.key, width: column.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of rows) {
      sheet.addRow(Object.fromEntries(columns.map((column) => [column.key, escapeCell(row[column.key] ?? null)])));
    }
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
