import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../api/src/spreadsheet/read-table.ts';

/** An ID number typed into a number cell: Excel keeps 15 significant digits (the roster reports the loss). */
const ID_AS_NUMBER = Number('529901198005011234');

/** A workbook written by another library, read back by the roster's own lean reader. */
async function book(fill: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('花名册'), workbook);
  workbook.addWorksheet('说明').getCell('A1').value = 'not read';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('xlsx reader (first sheet only)', () => {
  it('reads text, rich text, numbers, booleans, formula results, dates and gaps, by Excel row number', async () => {
    const file = await book((sheet) => {
      sheet.getCell('A1').value = '姓名 & <户主>';
      sheet.getCell('C1').value = { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] };
      sheet.getCell('A3').value = ID_AS_NUMBER;
      sheet.getCell('B3').value = true;
      sheet.getCell('C3').value = { formula: '"H"&"4"', result: 'H4' };
      sheet.getCell('D3').value = { formula: '1+1', result: 2 };
      sheet.getCell('E3').value = new Date(Date.UTC(2024, 2, 5));
      sheet.getCell('F3').value = 45356;
      sheet.getCell('G3').value = new Date(Date.UTC(2024, 2, 5));
      sheet.getCell('G3').numFmt = 'yyyy"年"m"月"d"日"';
    });
    expect(await readXlsx(file)).toEqual([
      { row: 1, cells: ['姓名 & <户主>', null, '张三'] },
      {
        row: 3,
        cells: [ID_AS_NUMBER, 'TRUE', 'H4', 2, new Date(Date.UTC(2024, 2, 5)), 45356, new Date(Date.UTC(2024, 2, 5))],
      },
    ]);
  });

  it('reads dates of a workbook in the 1904 date system', async () => {
    const file = await book((sheet, workbook) => {
      workbook.properties.date1904 = true;
      sheet.getCell('A1').value = new Date(Date.UTC(2024, 2, 5));
    });
    expect(await readXlsx(file)).toEqual([{ row: 1, cells: [new Date(Date.UTC(2024, 2, 5))] }]);
  });

  it('refuses a damaged workbook with a field error, not a 500', async () => {
    const file = await book((sheet) => {
      sheet.getCell('A1').value = 'x';
    });
    const damaged = Buffer.from(file);
    // Corrupt every local file header: the central directory still points at them.
    for (let at = damaged.indexOf('PK\u0003\u0004'); at >= 0; at = damaged.indexOf('PK\u0003\u0004', at + 4))
      damaged.writeUInt32LE(0, at);
    await expect(readXlsx(damaged)).rejects.toMatchObject({ code: 'validation' });
  });
});
