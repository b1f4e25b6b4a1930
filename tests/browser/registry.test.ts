import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drainOutbox } from '../../api/src/search-sync/worker.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { createRegionTree, createUser, type RegionTree, type TestUser } from '../support/fixtures.ts';

let tree: RegionTree;
let worker: TestUser;
const headId = makeIdNumber('529901', '1980-05-01', 11);
const otherId = makeIdNumber('529901', '1985-07-07', 22);

const suite = browserSuite({
  setup: async (ctx) => {
    tree = await createRegionTree(ctx.db);
    worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员丙' });
  },
});

/** A small roster as a worker keeps it: one person per household, ID numbers as text. */
async function roster(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['姓名', '身份证号码', '与户主关系', '户编号', '安置点编码', '联系电话']);
  sheet.addRow(['张三', headId, '户主', 'BR-1', tree.siteA1.code, '13800001111']);
  sheet.addRow(['王芳', otherId, '户主', 'BR-2', tree.siteA1.code, '13800002222']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function signIn(): Promise<Page> {
  return suite.signIn(worker.login, { timeoutMs: 20_000 });
}

describe('registry in the browser', () => {
  it('uploads a roster, reads the dry run, commits, finds 张三 by "zs" and edits his skills', async () => {
    const skill = await suite.ctx.db
      .selectFrom('skills')
      .select(['code', 'nameZh'])
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const page = await signIn();

    await page.goto(`${suite.url}/registry/import`);
    await page.locator('input[type=file]').setInputFiles({
      name: '花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await roster(),
    });
    await page.getByRole('button', { name: /先检查/ }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('检查通过，可以导入').waitFor();
    await expect.poll(() => report.textContent()).toContain('新增 2 人');
    // The roster has no 劳动能力 column: said, and the people marked 未登记 (not 无劳动能力).
    expect(await page.getByTestId('defaulted-labor').textContent()).toContain(
      '2 位新住户表里没有「劳动能力」，记为「未登记」',
    );
    await expectNoSeriousA11yViolations(page, 'roster dry run');
    // A dry run writes nothing.
    expect(await suite.ctx.db.selectFrom('persons').select('id').execute()).toEqual([]);

    await page.getByRole('button', { name: /确认导入/ }).click();
    await report.getByText('导入完成').waitFor();
    expect(
      (await suite.ctx.db.selectFrom('persons').select('name').orderBy('name').execute()).map((p) => p.name),
    ).toEqual(['张三', '王芳'].sort());

    await page.goto(`${suite.url}/registry/households`);
    await expectNoSeriousA11yViolations(page, 'household list');
    // Test platforms run no sync loop: the test drains the outbox itself (delayed entries too, so
    // a retry backoff after a busy Meilisearch cannot stall it). The
    // first search may come before the index has caught up (a fresh Meilisearch takes a while on
    // its first Chinese text): pressing 查找 again with the same words must ask again.
    const results = page.getByTestId('search-results');
    await expect
      .poll(
        async () => {
          await drainOutbox(suite.ctx.deps, { includeDelayed: true }).catch(() => undefined);
          await page.getByRole('searchbox').or(page.getByPlaceholder(/找人/)).first().fill('zs');
          await page.getByRole('button', { name: /查找/ }).click();
          return (await results.count()) ? results.textContent() : '';
        },
        { timeout: 170_000, interval: 500 },
      )
      .toContain('张三');
    expect(await results.textContent()).not.toContain('王芳');
    await results
      .getByRole('link', { name: /张三|BR-1/ })
      .first()
      .click();
    await page.getByRole('link', { name: /修改/ }).first().click();
    await page.waitForURL(/\/registry\/persons\/\d+\/edit/);
    await expectNoSeriousA11yViolations(page, 'person edit');

    const skills = page.getByRole('region', { name: '技能' });
    await skills.getByRole('button', { name: /添加技能/ }).click();
    await skills.getByLabel('技能编码').fill(skill.code);
    await skills.getByLabel('等级').selectOption('3');
    await skills.getByRole('button', { name: /保存/ }).click();
    await skills.getByText('已保存').waitFor();
    const saved = await suite.ctx.db
      .selectFrom('personSkills')
      .innerJoin('persons', 'persons.id', 'personSkills.personId')
      .select(['persons.name', 'personSkills.skillCode', 'personSkills.level'])
      .execute();
    expect(saved).toEqual([{ name: '张三', skillCode: skill.code, level: 3 }]);

    // The household page shows the new skill.
    const person = await suite.ctx.db
      .selectFrom('persons')
      .select(['id', 'householdId'])
      .where('name', '=', '张三')
      .executeTakeFirstOrThrow();
    await page.goto(`${suite.url}/registry/households/${person.householdId}`);
    await page.getByTestId(`member-${person.id}`).getByText(`${skill.nameZh} (`).waitFor();
    await page.getByTestId(`member-${person.id}`).getByText('未登记').first().waitFor();

    // The site's data quality lists the 未登记 people, a link away from the filtered household list.
    await page.goto(`${suite.url}/registry/sites/${tree.siteA1.id}`);
    const unknown = page.getByRole('listitem').filter({ hasText: '劳动能力未登记，请核实补全' });
    await expect.poll(() => unknown.textContent()).toContain(': 2');
    await unknown.getByRole('link', { name: '查看这些户' }).click();
    await page.waitForURL(/laborCapacity=unknown/);
    expect(await page.getByRole('combobox', { name: '劳动能力' }).inputValue()).toBe('unknown');
    await expect.poll(() => page.locator('.registry-list').last().textContent()).toContain('BR-1');
    expect(await page.locator('.registry-list').last().textContent()).toContain('BR-2');
  }, 240_000);
});
