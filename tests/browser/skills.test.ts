import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { openFromMenu } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { call, createUser, signIn, type TestUser } from '../support/fixtures.ts';
import { seedTaxonomy } from '../support/opportunity-fixtures.ts';

let admin: TestUser;

const suite = browserSuite({
  setup: async (ctx) => {
    await seedTaxonomy(ctx);
    admin = await createUser(ctx.db, { role: 'admin', name: '管理员甲' });
  },
});

/** The admin on a 360 px phone, on the skill taxonomy page. */
async function adminOnSkills(): Promise<Page> {
  const page = await suite.signIn(admin.login);
  await openFromMenu(page, '技能库');
  await page.getByTestId('skill-count').waitFor();
  return page;
}

async function findSkill(page: Page, words: string) {
  await page.getByTestId('skill-query').fill(words);
  await page.getByRole('button', { name: '查找' }).click();
  await expect.poll(() => page.getByTestId('skill-count').textContent()).not.toBe('共 0 项技能');
}

describe('the skill taxonomy in the browser', () => {
  it('an admin finds 缝纫 by the everyday word 衣车, adds a word, saves, and the API and search know it', async () => {
    const page = await adminOnSkills();
    await expectNoSeriousA11yViolations(page, 'skill taxonomy list');
    await findSkill(page, '衣车');
    await page.getByRole('button', { name: '修改 缝纫', exact: true }).click();
    const form = page.getByTestId('skill-form');
    await form.getByRole('heading', { name: '修改技能：缝纫' }).waitFor();

    // An empty Chinese name is refused by the API; the portal says so beside the field.
    await form.getByLabel('中文名').fill('');
    await form.getByTestId('skill-submit').click();
    await expect.poll(() => form.getByTestId('problem-nameZh').textContent()).toBe('这一项必须填写');
    await expectNoSeriousA11yViolations(page, 'skill edit form with a problem');
    await form.getByLabel('中文名').fill('缝纫');

    await form.getByLabel('新的俗称').fill('打衣车');
    await form.getByRole('button', { name: '添加俗称' }).click();
    await form.getByRole('button', { name: '删除俗称 打衣车' }).waitFor();
    await form.getByTestId('skill-submit').click();
    await expect.poll(() => page.getByTestId('skill-saved').textContent()).toBe('已保存：缝纫');

    const cookie = await signIn(suite.ctx.app, admin.login);
    const response = await call(suite.ctx.app, 'GET', '/api/skills/garment.sewing', { cookie });
    const skill = (await response.json()) as { nameZh: string; aliases: string[] };
    expect(skill.nameZh).toBe('缝纫');
    expect(skill.aliases).toContain('打衣车');
    expect(skill.aliases).toContain('衣车');
    // The new word is a search synonym of 缝纫 now.
    const synonyms = await suite.ctx.search.client.index(suite.ctx.search.indexUid('jobs')).getSynonyms();
    expect(synonyms.打衣车).toContain('缝纫');

    // And the page finds the skill by it.
    await findSkill(page, '打衣车');
    await page.getByRole('button', { name: '修改 缝纫', exact: true }).waitFor();
    await page.context().close();
  }, 180_000);

  it('an admin adds a new skill under a parent; a taken code is refused beside the code field', async () => {
    const page = await adminOnSkills();
    await page.getByTestId('skill-new').click();
    const form = page.getByTestId('skill-form');
    await form.getByLabel('编码（英文小写').fill('garment.overlock');
    await form.getByLabel('中文名').fill('锁边');
    await form.getByLabel('英文名').fill('Overlocking');
    await form.getByLabel('类别').selectOption({ label: '缝纫服装' });
    await form.getByTestId('parent-picker').selectOption('garment.sewing');
    await form.getByLabel('新的俗称').fill('拷边');
    await form.getByLabel('新的俗称').press('Enter');
    await form.getByTestId('skill-submit').click();
    await expect.poll(() => form.getByTestId('problem-code').textContent()).toBe('这个编码已经有了，请换一个');
    await expectNoSeriousA11yViolations(page, 'new skill form with a problem');

    await form.getByLabel('编码（英文小写').fill('garment.overlock_test');
    await form.getByTestId('skill-submit').click();
    await expect.poll(() => page.getByTestId('skill-saved').textContent()).toBe('已新增：锁边');
    const row = await suite.ctx.db
      .selectFrom('skills')
      .select(['nameEn', 'aliases', 'category', 'parentCode'])
      .where('code', '=', 'garment.overlock_test')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      nameEn: 'Overlocking',
      aliases: ['拷边'],
      category: 'garment',
      parentCode: 'garment.sewing',
    });
    await page.context().close();
  }, 180_000);
});
