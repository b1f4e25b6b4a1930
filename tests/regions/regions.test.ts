import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';

let ctx: TestContext;
let admin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
});
afterAll(() => ctx.close());

type Region = {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  path: string;
  retired: boolean;
};

async function create(cookie: string, body: Record<string, unknown>) {
  const response = await call(ctx.app, 'POST', '/api/regions', { cookie, body });
  return { status: response.status, body: (await response.json()) as Region & Record<string, any> };
}

async function createOk(cookie: string, body: Record<string, unknown>): Promise<Region> {
  const made = await create(cookie, body);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
}

const upload = (cookie: string, file: Buffer, name: string, dryRun: boolean) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return ctx.app.request(`/api/regions/import?dryRun=${dryRun}`, { method: 'POST', body: form, headers: { cookie } });
};

describe('/api/regions', () => {
  it('builds province → city → county → township → village → grid, checking GB/T 2260 codes and prefixes', async () => {
    const province = await createOk(admin, { code: '520000', name: '贵州省', level: 'province' });
    const city = await createOk(admin, { code: '520100', name: '贵阳市', level: 'city', parentId: province.id });
    const county = await createOk(admin, { code: '520102', name: '南明区', level: 'county', parentId: city.id });
    const town = await createOk(admin, {
      code: '520102001',
      name: '新华路街道',
      level: 'township',
      parentId: county.id,
    });
    const village = await createOk(admin, {
      code: '520102001001',
      name: '安居社区',
      level: 'village',
      parentId: town.id,
    });
    const grid = await createOk(admin, { code: 'G-01', name: '第一网格', level: 'grid', parentId: village.id });
    expect(grid).toMatchObject({ level: 'grid', parentId: village.id, retired: false });
    expect(grid.path.startsWith(village.path)).toBe(true);
    expect(
      (await ctx.db.selectFrom('regions').select('countyCode').where('id', '=', grid.id).executeTakeFirstOrThrow())
        .countyCode,
    ).toBe('520102');

    // A county code that does not start with its city's 4 digits, a 6-digit township, a level above its parent.
    const wrongPrefix = await create(admin, { code: '530102', name: '错区', level: 'county', parentId: city.id });
    expect(wrongPrefix.status).toBe(400);
    expect(wrongPrefix.body.reason).toBe('region-code-invalid');
    expect(wrongPrefix.body.errors).toEqual([
      { path: 'json.code', message: expect.stringContaining('5201'), code: 'region-code-invalid' },
    ]);
    const shortTown = await create(admin, { code: '520102', name: '错镇', level: 'township', parentId: county.id });
    expect(shortTown.status).toBe(400);
    expect(shortTown.body.errors[0]).toMatchObject({ path: 'json.code', message: expect.stringContaining('9 位') });
    const upward = await create(admin, { code: '520200', name: '六盘水市', level: 'city', parentId: county.id });
    expect(upward.body.errors[0].path).toBe('json.level');
    const rootCounty = await create(admin, { code: '520103', name: '云岩区', level: 'county' });
    expect(rootCounty.body.errors[0].path).toBe('json.parentId');
    const taken = await create(admin, { code: '520102', name: '重复', level: 'county', parentId: city.id });
    expect(taken.status).toBe(409);
    expect(taken.body.reason).toBe('region-code-taken');

    const list = await call(ctx.app, 'GET', '/api/regions', { cookie: admin });
    const codes = ((await list.json()) as { items: Region[] }).items.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['520000', '520100', '520102', '520102001', '520102001001', 'G-01']));
  });

  it('renames and moves a subtree (paths follow), and refuses to retire a region with live sites below', async () => {
    const city = await createOk(admin, { code: '522600', name: '黔东南州', level: 'city' });
    const countyA = await createOk(admin, { code: '522601', name: '凯里市', level: 'county', parentId: city.id });
    const countyB = await createOk(admin, { code: '522622', name: '黄平县', level: 'county', parentId: city.id });
    const town = await createOk(admin, {
      code: '522601100',
      name: '三棵树镇',
      level: 'township',
      parentId: countyA.id,
    });
    const village = await createOk(admin, { code: '522601100001', name: '新村', level: 'village', parentId: town.id });

    const renamed = await call(ctx.app, 'PATCH', `/api/regions/${town.id}`, {
      cookie: admin,
      body: { name: '三棵树街道' },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: '三棵树街道' });

    // Moving the township to county B needs a code under county B; its village keeps hanging below it.
    const badMove = await call(ctx.app, 'PATCH', `/api/regions/${town.id}`, {
      cookie: admin,
      body: { parentId: countyB.id },
    });
    expect(badMove.status).toBe(400);
    const moved = await call(ctx.app, 'PATCH', `/api/regions/${town.id}`, {
      cookie: admin,
      body: { parentId: countyB.id, code: '522622100' },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const after = await ctx.db
      .selectFrom('regions')
      .select(['path', 'countyCode', 'parentId'])
      .where('id', '=', village.id)
      .executeTakeFirstOrThrow();
    expect(after.path.startsWith(countyB.path)).toBe(true);
    expect(after.countyCode).toBe('522622');
    const intoItself = await call(ctx.app, 'PATCH', `/api/regions/${town.id}`, {
      cookie: admin,
      body: { parentId: village.id },
    });
    expect(intoItself.status).toBe(400);

    // A site with a household below the township: retiring the county or township is refused.
    const site = await call(ctx.app, 'POST', '/api/sites', {
      cookie: admin,
      body: {
        code: '522622100101',
        name: '新村安置点',
        parentCode: '522601100001'.replace('522601', '522601'),
        kind: 'concentrated',
        setting: 'rural',
      },
    });
    expect(site.status, await site.clone().text()).toBe(201);
    const siteBody = (await site.json()) as { id: string; path: string };
    expect(siteBody.path.startsWith(village.path.replace(countyA.path, countyB.path))).toBe(true);
    await createHouseholdWithPerson(ctx.db, { id: siteBody.id, path: siteBody.path, code: '522622100101' }, '522622');
    const refused = await call(ctx.app, 'POST', `/api/regions/${countyB.id}/retire`, { cookie: admin });
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as Record<string, any>;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ reason: 'region-has-live-sites', sites: 1, households: 1 });
    expect(problem.errors[0]).toMatchObject({ path: 'param.id', message: expect.stringContaining('1 个安置点') });
    // Households would change county: moving the township back is refused too.
    const blocked = await call(ctx.app, 'PATCH', `/api/regions/${town.id}`, {
      cookie: admin,
      body: { parentId: countyA.id, code: '522601101' },
    });
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as { reason: string }).reason).toBe('region-households-change-county');

    // County A is empty now: retired with everything below; it leaves the tree and the pickers.
    const retired = await call(ctx.app, 'POST', `/api/regions/${countyA.id}/retire`, { cookie: admin });
    expect(retired.status).toBe(200);
    expect(await retired.json()).toEqual({ retired: 1 });
    const live = ((await (await call(ctx.app, 'GET', '/api/regions', { cookie: admin })).json()) as { items: Region[] })
      .items;
    expect(live.some((r) => r.id === countyA.id)).toBe(false);
    const all = (
      (await (await call(ctx.app, 'GET', '/api/regions?includeRetired=true', { cookie: admin })).json()) as {
        items: Region[];
      }
    ).items;
    expect(all.find((r) => r.id === countyA.id)).toMatchObject({ retired: true });
    const under = await create(admin, { code: '522601200', name: '新镇', level: 'township', parentId: countyA.id });
    expect(under.body.reason).toBe('region-parent-retired');
    const audit = await ctx.db.selectFrom('auditLog').select('action').where('resourceId', '=', countyA.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['region.create', 'region.retire']));
  });

  it('lets an admin scoped to a city manage only inside it; officials and workers read their part', async () => {
    const city = await createOk(admin, { code: '520300', name: '遵义市', level: 'city' });
    const other = await createOk(admin, { code: '520400', name: '安顺市', level: 'city' });
    const county = await createOk(admin, { code: '520302', name: '红花岗区', level: 'county', parentId: city.id });
    const cityAdmin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin', regionId: city.id })).login);
    await createOk(cityAdmin, { code: '520303', name: '汇川区', level: 'county', parentId: city.id });
    const outside = await create(cityAdmin, { code: '520402', name: '西秀区', level: 'county', parentId: other.id });
    expect(outside.status).toBe(403);
    expect(outside.body.reason).toBe('region-outside-scope');
    expect((await create(cityAdmin, { code: '520500', name: '毕节市', level: 'city' })).status).toBe(403);
    expect(
      (await call(ctx.app, 'PATCH', `/api/regions/${city.id}`, { cookie: cityAdmin, body: { name: '改名' } })).status,
    ).toBe(403);
    expect(
      (await call(ctx.app, 'PATCH', `/api/regions/${county.id}`, { cookie: cityAdmin, body: { name: '红花岗' } }))
        .status,
    ).toBe(200);

    const official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: county.id })).login);
    const seen = (
      (await (await call(ctx.app, 'GET', '/api/regions', { cookie: official })).json()) as { items: Region[] }
    ).items;
    expect(seen.map((r) => r.id)).toEqual([county.id]);
    expect(
      (await create(official, { code: '520302001', name: '镇', level: 'township', parentId: county.id })).status,
    ).toBe(403);
    const resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
    expect((await call(ctx.app, 'GET', '/api/regions', { cookie: resident })).status).toBe(403);
  });
});

describe('/api/regions/import', () => {
  it('previews, refuses a file with a bad row (nothing written, Chinese reasons per row), then commits a good one', async () => {
    const province = await createOk(admin, { code: '450000', name: '广西壮族自治区', level: 'province' });
    const bad = [
      '区划代码,名称,上级代码',
      '450100,南宁市,450000',
      '450102,兴宁区,450100',
      '460105,错误区,450100',
      '450102001,民生街道,450102',
      '450102001001,,450102001',
      '450102002,朝阳街道,459999',
    ].join('\r\n');
    const file = iconv.encode(bad, 'gbk');
    const dry = await upload(admin, file, '区划.csv', true);
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as Record<string, any>;
    expect(report).toMatchObject({ dryRun: true, committed: false, rowCount: 6, created: 3 });
    expect(report.rejected).toEqual([
      { row: 4, column: '区划代码', reason: expect.stringContaining('4501') },
      { row: 6, column: '名称', reason: '名称不能为空' },
      { row: 7, column: '上级代码', reason: '找不到上级代码 459999' },
    ]);
    const commitBad = await upload(admin, file, '区划.csv', false);
    expect(commitBad.status).toBe(422);
    expect(
      await ctx.db.selectFrom('regions').select('id').where('code', '=', '450100').executeTakeFirst(),
    ).toBeUndefined();

    // An xlsx with other header words and a 层级 column; parents after children are fine.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('区划');
    sheet.addRow(['行政区划代码', '区划名称', '上级区划代码', '级别']);
    sheet.addRow(['450102001', '民生街道', '450102', '乡镇']);
    sheet.addRow(['450102', '兴宁区', '450100', '县']);
    sheet.addRow(['450100', '南宁市', '450000', '市']);
    sheet.addRow(['450102001001', '民生社区', '450102001', '社区']);
    sheet.addRow(['W1', '民生一网格', '450102001001', '网格']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const committed = await upload(admin, xlsx, 'regions.xlsx', false);
    const body = (await committed.json()) as Record<string, any>;
    expect(committed.status, JSON.stringify(body.rejected)).toBe(200);
    expect(body).toMatchObject({ committed: true, created: 5, rejected: [] });
    const grid = await ctx.db
      .selectFrom('regions')
      .select(['path', 'countyCode', 'level'])
      .where('code', '=', 'W1')
      .executeTakeFirstOrThrow();
    expect(grid).toMatchObject({ level: 'grid', countyCode: '450102' });
    expect(grid.path.startsWith(province.path)).toBe(true);

    // Importing it again changes nothing; a changed name renames.
    const again = (await (await upload(admin, xlsx, 'regions.xlsx', false)).json()) as Record<string, any>;
    expect(again).toMatchObject({ committed: true, created: 0, unchanged: 5 });
    const rename = Buffer.from('区划代码,名称,上级代码\n450100,南宁市（新）,450000\n');
    expect(await (await upload(admin, rename, 'r.csv', false)).json()).toMatchObject({ renamed: 1 });

    const worker = await signIn(ctx.app, (await createUser(ctx.db, { role: 'worker' })).login);
    expect((await upload(worker, rename, 'r.csv', true)).status).toBe(403);
  });

  it("reads the statistics office's table as published: 12-digit padded codes, no 上级代码 column", async () => {
    // 统计用区划代码 as the statistics office publishes it: a title row, every code padded to 12
    // digits, a 城乡分类代码 column, and no parent column: the parent follows from the code.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('2026年统计用区划代码');
    sheet.addRow(['2026年统计用区划代码和城乡划分代码（节选）']);
    sheet.addRow(['统计用区划代码', '城乡分类代码', '名称']);
    sheet.addRow([530000000000, '', '云南省']);
    sheet.addRow([532500000000, '', '红河哈尼族彝族自治州']);
    sheet.addRow([532531000000, '', '绿春县']);
    sheet.addRow(['532531100000', '', '大兴镇']);
    sheet.addRow(['532531100001', '111', '大兴社区居民委员会']);
    sheet.addRow(['532531100201', '220', '瓦那村委会']);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const committed = await upload(admin, file, '统计用区划代码.xlsx', false);
    const body = (await committed.json()) as Record<string, any>;
    expect(committed.status, JSON.stringify(body.rejected)).toBe(200);
    expect(body).toMatchObject({ committed: true, created: 6, rejected: [] });
    const codes = await ctx.db
      .selectFrom('regions as r')
      .leftJoin('regions as p', 'p.id', 'r.parentId')
      .select(['r.code', 'r.level', 'p.code as parentCode'])
      .where('r.code', 'like', '53%')
      .orderBy('r.code')
      .execute();
    expect(codes).toEqual([
      { code: '530000', level: 'province', parentCode: null },
      { code: '532500', level: 'city', parentCode: '530000' },
      { code: '532531', level: 'county', parentCode: '532500' },
      { code: '532531100', level: 'township', parentCode: '532531' },
      { code: '532531100001', level: 'village', parentCode: '532531100' },
      { code: '532531100201', level: 'village', parentCode: '532531100' },
    ]);

    // A county's own extract, imported where the county is missing: named plainly, nothing written.
    const orphan = Buffer.from('统计用区划代码,名称\n532532100000,某镇\n532532100001,某社区\n');
    const refused = (await (await upload(admin, orphan, 'o.csv', false)).json()) as Record<string, any>;
    expect(refused.committed).toBe(false);
    expect(refused.rejected[0]).toMatchObject({ row: 2, column: '上级代码' });
    expect(refused.rejected[0].reason).toContain('532532');
    expect(
      await ctx.db.selectFrom('regions').select('id').where('code', '=', '532532100').executeTakeFirst(),
    ).toBeUndefined();
  });
});
