import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { expectResponse } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';

let tree: RegionTree;
let worker: TestUser;

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丁' });
  },
});

/** A roster whose 姓名 and 身份证号 columns are headed in the office's own words. */
async function roster(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['户编号', '安置点编码', '成员', '证件', '与户主关系', '家庭人口数']);
  sheet.addRow(['MP-1', tree.siteA1.code, '赵小梅', makeIdNumber('529901', '1982-02-02', 31), '户主', '1']);
  sheet.addRow(['MP-2', tree.siteA1.code, '钱大勇', makeIdNumber('529901', '1975-03-03', 32), '户主', '1']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the roster column-mapping step at 360 px', () => {
  it('shows the file’s headers, lets the worker say what they are, checks again and imports', async () => {
    const page = await suite.signIn(worker.login, { width: 360, timeoutMs: 30_000 });
    await page.goto(`${suite.url}/registry/import`);
    await page.locator('input[type=file]').setInputFiles({
      name: '花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await roster(),
    });
    await expectResponse(page, { method: 'POST', path: '/api/imports/roster', status: 200 }, () =>
      page.getByRole('button', { name: /先检查/ }).click(),
    );
    const mapping = page.getByTestId('column-mapping');
    await mapping.getByRole('columnheader', { name: '文件的表头' }).waitFor();
    // Opened by itself: required columns are missing. Known headers come preselected, the others 不读取.
    expect(await mapping.getByLabel('户编号').inputValue()).toBe('householdNumber');
    expect(await mapping.getByLabel('成员').inputValue()).toBe('');
    // The step fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page, 'roster column mapping');

    await mapping.getByLabel('成员').selectOption('name');
    await mapping.getByLabel('证件').selectOption('idNumber');
    const recheck = await expectResponse(page, { method: 'POST', path: '/api/imports/roster', status: 200 }, () =>
      mapping.getByRole('button', { name: /按此对应重新检查/ }).click(),
    );
    expect((await recheck.json()).mapping).toMatchObject({ source: 'given' });
    const report = page.getByTestId('import-report');
    await report.getByText('检查通过，可以导入').waitFor();
    await expect.poll(() => report.textContent()).toContain('新增 2 人');

    await expectResponse(page, { method: 'POST', path: '/api/imports/roster', status: 200 }, () =>
      page.getByRole('button', { name: /确认导入/ }).click(),
    );
    await report.getByText('导入完成').waitFor();
    expect(
      (await suite.ctx.db.selectFrom('persons').select('name').orderBy('name').execute()).map((p) => p.name),
    ).toEqual(['赵小梅', '钱大勇'].sort());
    // Remembered for the site: the next check of the same headers reads them without asking.
    const saved = await suite.ctx.db.selectFrom('rosterColumnMappings').select(['siteId', 'mapping']).execute();
    expect(saved).toMatchObject([{ siteId: tree.siteA1.id, mapping: { 成员: 'name', 证件: 'idNumber' } }]);
    await page.reload();
    await page.locator('input[type=file]').setInputFiles({
      name: '花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await roster(),
    });
    await page.getByRole('button', { name: /先检查/ }).click();
    await page.getByText('已按上次为这些表头选的列对应读取').waitFor();
    await expect.poll(() => report.textContent()).toContain('无变化 2 人');
  });
});
