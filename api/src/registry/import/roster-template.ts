import { chineseValues, rosterColumns, type ValueMapped } from './roster-columns.ts';

const listed: Partial<Record<string, ValueMapped>> = {
  relation: 'relation',
  sex: 'sex',
  education: 'education',
  laborCapacity: 'laborCapacity',
  employmentStatus: 'employmentStatus',
  monitoringCategory: 'monitoringCategory',
};

/** The roster template (花名册模板): Chinese headers, text-formatted ID column, drop-down lists, one example row. */
export async function rosterTemplate(): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Anju 安居';
  const sheet = workbook.addWorksheet('花名册');
  sheet.columns = rosterColumns.map((column) => ({
    header: column.required ? `${column.zh}*` : column.zh,
    key: column.key,
    width: column.key === 'idNumber' ? 22 : 14,
    // Text format: Excel must not turn an 18-digit ID number into 5.22401E+17.
    style: column.key === 'idNumber' || column.key === 'phone' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({
    householdNumber: 'HH-0001',
    siteCode: '529901001001',
    name: '张三',
    idNumber: '529901198503150011',
    relation: '户主',
    sex: '男',
    phone: '13800000001',
    education: '初中',
    laborCapacity: '有劳动能力',
    employmentStatus: '本地务工',
    monitoringCategory: '无',
    building: '3',
    unit: '2',
    room: '501',
    relocationDate: '2019-06-15',
  });
  rosterColumns.forEach((column, index) => {
    const field = listed[column.key];
    if (!field) return;
    const letter = sheet.getColumn(index + 1).letter;
    for (let row = 2; row <= 1000; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${chineseValues(field).join(',')}"`],
      };
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
