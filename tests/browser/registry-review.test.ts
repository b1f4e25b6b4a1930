import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';
import { createHousehold, newIdNumber } from '../support/registry-fixtures.ts';

let tree: RegionTree;
let worker: TestUser;

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丁' });
  },
});

function signIn(): Promise<Page> {
  return suite.signIn(worker.login, { timeoutMs: 20_000 });
}

const pairId = (a: { id: string }, b: { id: string }) => `duplicate-${a.id}-${b.id}`;

describe('registry review in the browser', () => {
  it('shows flagged pairs masked, explains a refused merge, merges one pair and dismisses the other', async () => {
    // 李四 twice: alone in DUP-1 (no ID number), and as 赵六's sibling in DUP-2.
    const one = await createHousehold(
      suite.ctx.db,
      tree.siteA1.id,
      [{ name: '李四', relation: 'head', birthDate: '1970-01-01', idNumber: null }],
      { householdNumber: 'DUP-1' },
    );
    const two = await createHousehold(
      suite.ctx.db,
      tree.siteA1.id,
      [
        { name: '赵六', relation: 'head' },
        { name: '李四', relation: 'sibling', birthDate: '1970-01-01' },
      ],
      { householdNumber: 'DUP-2' },
    );
    // 冯二 twice, each with an open application to the same job: a merge must be refused.
    const three = await createHousehold(suite.ctx.db, tree.siteA1.id, [
      { name: '冯二', relation: 'head', birthDate: '1975-05-05', idNumber: null },
    ]);
    const four = await createHousehold(suite.ctx.db, tree.siteA1.id, [
      { name: '冯二', relation: 'head', birthDate: '1975-05-05' },
    ]);
    for (const household of [three, four])
      await suite.ctx.db
        .insertInto('applications')
        .values({
          kind: 'job',
          opportunityId: '901',
          personId: household.persons[0].id,
          householdId: household.id,
          countyCode: household.countyCode,
          state: 'applied',
          createdBy: null,
        })
        .execute();
    const liSi = one.persons[0];
    const liSiAgain = two.persons[1];
    const fengEr = three.persons[0];
    const fengErAgain = four.persons[0];

    const page = await signIn();
    await openFromMenu(page, '疑似重复');
    const liSiPair = page.getByTestId(pairId(liSi, liSiAgain));
    const fengErPair = page.getByTestId(pairId(fengEr, fengErAgain));
    await liSiPair.waitFor();
    const text = (await liSiPair.textContent()) ?? '';
    expect(text).toContain('姓名和出生日期相同');
    expect(text).toContain('甲一安置点');
    expect(text).toContain(`*****************${liSiAgain.idNumber?.slice(-1)}`);
    // Never unmasked on this screen.
    expect(await page.locator('main').textContent()).not.toContain(liSiAgain.idNumber as string);
    expect(await page.locator('main').textContent()).not.toContain(fengErAgain.idNumber as string);

    // Both 冯二 records have an open application to one job: the merge is refused, in plain words.
    await fengErPair.getByTestId(`duplicate-person-${fengEr.id}`).getByRole('radio', { name: '保留这一条' }).check();
    await fengErPair.getByRole('button', { name: /合并/ }).click();
    await fengErPair
      .getByRole('alert')
      .getByText(/两个人都申请了同一个工作/)
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'duplicates review');

    // 李四: keep the DUP-1 record; the pair leaves the list and DUP-2 keeps only 赵六.
    await liSiPair.getByTestId(`duplicate-person-${liSi.id}`).getByRole('radio', { name: '保留这一条' }).check();
    await liSiPair.getByRole('button', { name: /合并/ }).click();
    await page.getByRole('status').getByText('已合并').waitFor();
    await liSiPair.waitFor({ state: 'detached' });
    await expect.poll(() => fengErPair.count()).toBe(1);

    // 冯二 are two people after all: 不是重复 takes the pair off the list, and the list is empty.
    await fengErPair.getByRole('button', { name: /不是重复/ }).click();
    await fengErPair.waitFor({ state: 'detached' });
    await page.getByText('没有疑似重复的人，不用处理。').waitFor();
    await expectNoSeriousA11yViolations(page, 'duplicates review, empty');

    await page.goto(`${suite.url}/registry/households/${two.id}`);
    await page.getByTestId(`member-${two.persons[0].id}`).waitFor();
    expect(await page.locator('[data-testid^="member-"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain('李四');
    await page.goto(`${suite.url}/registry/households/${one.id}`);
    // The record kept takes the ID number of the one removed (still masked).
    await page
      .getByTestId(`member-${liSi.id}`)
      .getByText(`*****************${liSiAgain.idNumber?.slice(-1)}`)
      .waitFor();
    expect(await page.locator('[data-testid^="member-"]').count()).toBe(1);
    const persons = await suite.ctx.db
      .selectFrom('persons')
      .select('name')
      .where('householdId', 'in', [one.id, two.id])
      .orderBy('id')
      .execute();
    expect(persons.map((p) => p.name)).toEqual(['李四', '赵六']);
  }, 180_000);

  it('lists the roster import just committed at the top of the import history', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    sheet.addRow(['姓名', '身份证号码', '与户主关系', '户编号', '安置点编码']);
    sheet.addRow(['孙七', newIdNumber('1982-02-02'), '户主', 'IH-1', tree.siteA1.code]);
    sheet.addRow(['周八', newIdNumber('1984-04-04'), '户主', 'IH-2', tree.siteA1.code]);
    const page = await signIn();
    await page.goto(`${suite.url}/registry/import`);
    await page.locator('input[type=file]').setInputFiles({
      name: '三月花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await page.getByRole('button', { name: /先检查/ }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('检查通过，可以导入').waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await report.getByRole('link', { name: /查看导入记录/ }).click();
    await page.waitForURL(/\/registry\/imports\?new=\d+$/);

    const committed = await suite.ctx.db
      .selectFrom('rosterImports')
      .select('id')
      .where('committed', '=', true)
      .executeTakeFirstOrThrow();
    const cards = page.locator('[data-testid^="import-"]');
    await expect.poll(() => cards.count()).toBe(2);
    const first = cards.first();
    expect(await first.getAttribute('data-testid')).toBe(`import-${committed.id}`);
    const text = (await first.textContent()) ?? '';
    for (const expected of ['刚刚导入', '三月花名册.xlsx', '已导入', '网格员丁', '共 2 行', '新增 2 人'])
      expect(text).toContain(expected);
    // The dry run before it is recorded too, and says it changed nothing.
    expect(await cards.nth(1).textContent()).toContain('只检查，没有导入');
    await expectNoSeriousA11yViolations(page, 'import history');

    // The menu reaches the same history.
    await openFromMenu(page, '导入记录');
    await page.waitForURL(/\/registry\/imports$/);
    await expect.poll(() => cards.count()).toBe(2);
  }, 120_000);
});
