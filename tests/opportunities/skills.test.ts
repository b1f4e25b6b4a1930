import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { seedSkills } from '../../api/src/skills/skill-seed-data.ts';
import { applySkillSynonyms } from '../../api/src/skills/synonyms.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let admin: string;
let resident: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
});
afterAll(() => ctx.close());

describe('the seeded taxonomy', () => {
  it('holds a few hundred skills, each parent known, codes unique', async () => {
    expect(seedSkills.length).toBeGreaterThanOrEqual(250);
    const codes = new Set(seedSkills.map((skill) => skill.code));
    expect(codes.size).toBe(seedSkills.length);
    for (const skill of seedSkills) if (skill.parentCode) expect(codes, skill.code).toContain(skill.parentCode);
    const rows = await ctx.db
      .selectFrom('skills')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(seedSkills.length);
  });

  it('marks work that needs a certificate by law and stores occupation codes with their edition', () => {
    const byCode = new Map(seedSkills.map((skill) => [skill.code, skill]));
    for (const code of [
      'electrical.low_voltage',
      'welding.arc',
      'machinery.forklift',
      'driving.b2',
      'driving.c1',
      'security.guard',
    ]) {
      expect(byCode.get(code)?.certificateRequired, code).toBe(true);
    }
    expect(byCode.get('garment.sewing')?.certificateRequired).toBe(false);
    for (const skill of seedSkills)
      if (skill.occupationCode) expect(skill.occupationEdition, skill.code).toMatch(/^(2015|2022)$/);
    expect(byCode.get('care.elderly')).toMatchObject({ occupationCode: '4-10-01-05', occupationEdition: '2015' });
  });

  it('counts informal and care work as skill', () => {
    const names = seedSkills.map((skill) => skill.nameZh);
    expect(names).toContain('照护家中老人');
    expect(names).toContain('耕种自家土地');
  });

  it('seeds idempotently and never overwrites an admin’s edit', async () => {
    const patched = await call(ctx.app, 'PATCH', '/api/skills/garment.sewing', {
      cookie: admin,
      body: { nameEn: 'Sewing (edited)' },
    });
    expect(patched.status).toBe(200);
    expect(await ensureSeedSkills(ctx.db)).toBe(0);
    const row = await ctx.db
      .selectFrom('skills')
      .select('nameEn')
      .where('code', '=', 'garment.sewing')
      .executeTakeFirstOrThrow();
    expect(row.nameEn).toBe('Sewing (edited)');
  });
});

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('/api/skills', { timeout: 120_000 }, () => {
  it('searches by Chinese name, alias and English name for anyone signed in', async () => {
    const byAlias = await (
      await call(ctx.app, 'GET', `/api/skills?q=${encodeURIComponent('开叉车')}`, { cookie: resident })
    ).json();
    expect(byAlias.items.map((s: { code: string }) => s.code)).toContain('machinery.forklift');
    const byName = await (
      await call(ctx.app, 'GET', `/api/skills?q=${encodeURIComponent('苗绣')}`, { cookie: resident })
    ).json();
    expect(byName.items[0].code).toBe('handicraft.miao_embroidery');
    const byEnglish = await (await call(ctx.app, 'GET', '/api/skills?q=forklift', { cookie: resident })).json();
    expect(byEnglish.total).toBeGreaterThanOrEqual(1);
    expect((await call(ctx.app, 'GET', '/api/skills')).status).toBe(401);
  });

  it('lets only admins add, change and delete skills', async () => {
    const skill = {
      code: 'handicraft.ceramic_test',
      nameZh: '土陶',
      nameEn: 'Earthenware',
      aliases: ['烧土陶'],
      category: 'handicraft',
      parentCode: 'handicraft',
    };
    expect((await call(ctx.app, 'POST', '/api/skills', { cookie: resident, body: skill })).status).toBe(403);
    expect((await call(ctx.app, 'POST', '/api/skills', { cookie: admin, body: skill })).status).toBe(201);
    expect((await call(ctx.app, 'POST', '/api/skills', { cookie: admin, body: skill })).status).toBe(409);
    expect(
      (await call(ctx.app, 'PATCH', '/api/skills/handicraft.ceramic_test', { cookie: resident, body: { nameZh: 'x' } }))
        .status,
    ).toBe(403);
    expect((await call(ctx.app, 'DELETE', '/api/skills/handicraft.ceramic_test', { cookie: admin })).status).toBe(204);
  });

  it('refuses an unknown parent, an occupation code without edition and deleting a skill in use', async () => {
    const badParent = await call(ctx.app, 'POST', '/api/skills', {
      cookie: admin,
      body: { code: 'x.y', nameZh: '某', nameEn: 'X', category: 'x', parentCode: 'no.such' },
    });
    expect((await badParent.json()).errors[0].path).toBe('json.parentCode');
    const noEdition = await call(ctx.app, 'PATCH', '/api/skills/garment.cutting', {
      cookie: admin,
      body: { occupationCode: '6-05-01-01' },
    });
    expect((await noEdition.json()).errors[0].path).toBe('json.occupationEdition');
    expect((await call(ctx.app, 'DELETE', '/api/skills/garment', { cookie: admin })).status).toBe(409);
  });

  it('feeds aliases into search synonyms: a new alias finds existing postings', async () => {
    const employer = await createEmployer(ctx, { verified: true });
    await call(ctx.app, 'POST', '/api/jobs', {
      cookie: admin,
      body: jobBody({
        employerId: employer.id,
        title: '蜡染工',
        description: '传统工艺',
        requiredSkills: [{ code: 'handicraft.batik', minLevel: 1 }],
      }),
    });
    await drain(ctx);
    const before = await (
      await call(ctx.app, 'GET', `/api/search/jobs?q=${encodeURIComponent('点蜡')}`, { cookie: resident })
    ).json();
    expect(before.total).toBe(0);
    const skill = await (await call(ctx.app, 'GET', '/api/skills/handicraft.batik', { cookie: admin })).json();
    await call(ctx.app, 'PATCH', '/api/skills/handicraft.batik', {
      cookie: admin,
      body: { aliases: [...skill.aliases, '点蜡'] },
    });
    const after = await (
      await call(ctx.app, 'GET', `/api/search/jobs?q=${encodeURIComponent('点蜡')}`, { cookie: resident })
    ).json();
    expect(after.total).toBe(1);
  });

  it('pushes synonyms only to an index that lacks them: an unchanged push queues no settings task', async () => {
    const uid = ctx.search.indexUid('jobs');
    const settingsTasks = async () =>
      (await ctx.search.client.tasks.getTasks({ indexUids: [uid], types: ['settingsUpdate'], limit: 1000 })).results
        .length;
    await applySkillSynonyms(ctx.db, ctx.search, [uid]);
    const before = await settingsTasks();
    await applySkillSynonyms(ctx.db, ctx.search, [uid]);
    expect(await settingsTasks()).toBe(before);
    // A word the index does not have yet is pushed.
    await ctx.db
      .updateTable('skills')
      .set({ aliases: sql<string[]>`aliases || '{蓝靛染}'::text[]` })
      .where('code', '=', 'handicraft.batik')
      .execute();
    await applySkillSynonyms(ctx.db, ctx.search, [uid]);
    expect(await settingsTasks()).toBe(before + 1);
    expect((await ctx.search.client.index(uid).getSynonyms()).蓝靛染).toContain('蜡染');
  });
});
