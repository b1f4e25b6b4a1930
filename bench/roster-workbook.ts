import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';

/**
 * A streamed 花名册 workbook with `rows` people, 4 per household, spread over the given site
 * codes, with valid distinct ID numbers: what a worker would upload.
 */
export async function writeRosterWorkbook(file: string, rows: number, siteCodes: string[]): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = writer.addWorksheet('花名册');
  sheet
    .addRow([
      '户编号',
      '安置点编码',
      '姓名',
      '身份证号',
      '与户主关系',
      '联系电话',
      '文化程度',
      '劳动能力',
      '就业状态',
      '楼栋',
      '单元',
      '房号',
      '搬迁日期',
    ])
    .commit();
  const relations = ['户主', '配偶', '子', '女'];
  for (let i = 0; i < rows; i++) {
    const household = Math.floor(i / 4);
    const member = i % 4;
    const year = 1960 + (household % 30) + (member < 2 ? member : 24 + member);
    // (month, day, sequence) is unique per row, so every ID number is distinct.
    const birth = `${year}-${String(1 + (Math.floor(i / 28_000) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 1000) % 28)).padStart(2, '0')}`;
    sheet
      .addRow([
        `IMP-${household}`,
        siteCodes[household % siteCodes.length],
        `导入${i}`,
        makeIdNumber('529701', birth, i % 1000),
        relations[member],
        `139${String(i).padStart(8, '0')}`,
        '初中',
        '有劳动能力',
        '本地务工',
        String(household % 30),
        '1',
        String(100 + member),
        '2024/3/5',
      ])
      .commit();
  }
  sheet.commit();
  await writer.commit();
}
