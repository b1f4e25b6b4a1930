import { makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCreate } from '../support/cli.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, signIn } from '../support/fixtures.ts';

/**
 * A production-like install (ANJU_DEMO=0: the test database starts with no regions and no
 * accounts), set up ONLY through the CLI and the API, then used as each role.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Json = Record<string, any>;

async function ok(response: Response | Promise<Response>, status = 200): Promise<Json> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text.slice(0, 400)).toBe(status);
  return text ? JSON.parse(text) : {};
}

const upload = (cookie: string, csv: string) => {
  const form = new FormData();
  form.append('file', new Blob([csv]), '区划.csv');
  return ctx.app.request('/api/regions/import?dryRun=false', { method: 'POST', body: form, headers: { cookie } });
};

describe('a production install set up through the CLI and the API', () => {
  it('first admin → regions → sites → staff → households → a linked resident and a helper, each role then works', async () => {
    expect(ctx.deps.config.demo).toBe(false);
    expect(await ctx.db.selectFrom('regions').select('id').execute()).toEqual([]);
    expect(await ctx.db.selectFrom('users').select('id').execute()).toEqual([]);

    // 1. The first admin, from the command line (no region yet: the whole tree is theirs).
    const made = await runAdminCreate(ctx, ['--login', 'city-admin', '--name', '系统管理员'], 'quiet-harbour-lamp-42');
    expect(made.code, made.output).toBe(0);
    const admin = await signIn(ctx.app, 'city-admin', 'quiet-harbour-lamp-42');

    // 2. Regions: the city by hand, the rest from the statistics office's spreadsheet.
    const city = await ok(
      call(ctx.app, 'POST', '/api/regions', { cookie: admin, body: { code: '522700', name: '黔南州', level: 'city' } }),
      201,
    );
    const imported = await ok(
      upload(
        admin,
        [
          '区划代码,名称,上级代码,层级',
          '522701,都匀市,522700,',
          '522702,福泉市,522700,',
          '522701100,墨冲镇,522701,',
          '522702100,牛场镇,522702,',
          '522701100001,易居社区,522701100,社区',
          'WG-1,易居一网格,522701100001,网格',
        ].join('\n'),
      ),
    );
    expect(imported).toMatchObject({ committed: true, created: 6, rejected: [] });
    const regions = (await ok(call(ctx.app, 'GET', '/api/regions', { cookie: admin }))).items as Json[];
    const byCode = (code: string) => regions.find((r) => r.code === code) as Json;
    expect(byCode('WG-1').level).toBe('grid');

    // 3. Sites: one under the community's grid, one straight under a township.
    const siteBody = (code: string, parentCode: string, name: string) => ({
      code,
      name,
      parentCode,
      kind: 'concentrated',
      setting: 'urban',
    });
    const siteA = await ok(
      call(ctx.app, 'POST', '/api/sites', { cookie: admin, body: siteBody('522701100901', 'WG-1', '易居安置点') }),
      201,
    );
    const siteB = await ok(
      call(ctx.app, 'POST', '/api/sites', { cookie: admin, body: siteBody('522702100901', '522702100', '牛场安置点') }),
      201,
    );

    // 4. Staff accounts.
    const account = async (body: Json) =>
      ok(
        call(ctx.app, 'POST', '/api/users', { cookie: admin, body: { password: 'amber-valley-kite-19', ...body } }),
        201,
      );
    const worker = await account({
      role: 'worker',
      name: '网格员甲',
      login: 'worker-a',
      assignedRegionIds: [siteA.id],
    });
    const worker2 = await account({
      role: 'worker',
      name: '网格员乙',
      login: 'worker-a2',
      assignedRegionIds: [siteA.id],
    });
    const workerB = await account({
      role: 'worker',
      name: '网格员丙',
      login: 'worker-b',
      assignedRegionIds: [siteB.id],
    });
    const helper = await account({
      role: 'helper',
      name: '帮扶干部丁',
      login: 'helper-a',
      assignedRegionIds: [siteA.id],
    });
    await account({ role: 'official', name: '局长', login: 'official-a', regionId: byCode('522701').id });
    const asWorker = await signIn(ctx.app, 'worker-a', 'amber-valley-kite-19');
    const asWorkerB = await signIn(ctx.app, 'worker-b', 'amber-valley-kite-19');

    // 5. Households, entered by the site's worker, who answers for them.
    const idNumber = makeIdNumber('522701', '1985-03-02', 31);
    const household = async (
      cookie: string,
      siteId: string,
      number: string,
      head: string,
      id: string,
      responsible: string,
    ) =>
      ok(
        call(ctx.app, 'POST', '/api/households', {
          cookie,
          body: {
            householdNumber: number,
            siteId,
            responsibleWorkerId: responsible,
            members: [
              {
                name: head,
                relation: 'head',
                birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
                idNumber: id,
              },
            ],
          },
        }),
        201,
      );
    const h1 = await household(asWorker, siteA.id, 'DY-001', '王芳', idNumber, worker.id);
    const h2 = await household(
      asWorker,
      siteA.id,
      'DY-002',
      '李强',
      makeIdNumber('522701', '1979-11-20', 42),
      worker.id,
    );
    const hB = await household(
      asWorkerB,
      siteB.id,
      'FQ-001',
      '赵敏',
      makeIdNumber('522702', '1990-01-15', 53),
      workerB.id,
    );
    // A responsible worker must work on the household's site.
    const wrongWorker = await call(ctx.app, 'PATCH', `/api/households/${h2.id}`, {
      cookie: asWorker,
      body: { version: h2.version, responsibleWorkerId: workerB.id },
    });
    expect(wrongWorker.status).toBe(400);
    expect(((await wrongWorker.json()) as Json).reason).toBe('responsible-worker-not-on-site');

    // 6. The resident's account, found in the registry by ID number and linked to their person.
    const resident = await ok(
      call(ctx.app, 'POST', '/api/users', {
        cookie: asWorker,
        body: {
          role: 'resident',
          name: '王芳',
          phone: '13900001111',
          homeSiteId: siteA.id,
          password: 'amber-valley-kite-19',
        },
      }),
      201,
    );
    const found = (await ok(call(ctx.app, 'GET', `/api/persons?idNumber=${idNumber}`, { cookie: asWorker }))).items;
    expect(found.map((p: Json) => p.name)).toEqual(['王芳']);
    const byName = (
      await ok(call(ctx.app, 'GET', `/api/persons?q=${encodeURIComponent('王芳')}`, { cookie: asWorker }))
    ).items;
    expect(byName.map((p: Json) => p.id)).toEqual([found[0].id]);
    const linked = await ok(
      call(ctx.app, 'PUT', `/api/users/${resident.id}/person`, { cookie: asWorker, body: { personId: found[0].id } }),
    );
    expect(linked).toMatchObject({ personId: found[0].id, personName: '王芳' });
    // One person, one account: a second account for the same person is refused.
    const second = await ok(
      call(ctx.app, 'POST', '/api/users', {
        cookie: asWorker,
        body: { role: 'resident', name: '王芳二', phone: '13900002222', homeSiteId: siteA.id },
      }),
      201,
    );
    const twice = await call(ctx.app, 'PUT', `/api/users/${second.id}/person`, {
      cookie: asWorker,
      body: { personId: found[0].id },
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as Json).reason).toBe('person-already-linked');
    // A worker of another site neither finds nor links people outside their sites.
    expect(
      (
        await call(ctx.app, 'PUT', `/api/users/${resident.id}/person`, {
          cookie: asWorkerB,
          body: { personId: hB.members[0].id },
        })
      ).status,
    ).toBe(404);

    // 7. The helper is paired with one household.
    const staff = (await ok(call(ctx.app, 'GET', '/api/users/staff?role=helper', { cookie: asWorker }))).items;
    expect(staff.map((s: Json) => s.id)).toEqual([helper.id]);
    expect(
      await ok(
        call(ctx.app, 'POST', '/api/helper-assignments', {
          cookie: asWorker,
          body: { helperId: helper.id, householdIds: [h1.id] },
        }),
      ),
    ).toEqual({ assigned: 1 });
    expect(
      (
        await call(ctx.app, 'POST', '/api/helper-assignments', {
          cookie: asWorkerB,
          body: { helperId: helper.id, householdIds: [hB.id] },
        })
      ).status,
    ).toBe(404);

    // Now each role uses it.
    const asResident = await signIn(ctx.app, '13900001111', 'amber-valley-kite-19');
    const me = await ok(call(ctx.app, 'GET', '/api/auth/me', { cookie: asResident }));
    expect(me).toMatchObject({ role: 'resident', personId: found[0].id, homeSite: { id: siteA.id } });
    expect((await ok(call(ctx.app, 'GET', `/api/households/${h1.id}`, { cookie: asResident }))).householdNumber).toBe(
      'DY-001',
    );
    expect((await call(ctx.app, 'GET', `/api/households/${h2.id}`, { cookie: asResident })).status).toBe(404);

    const asHelper = await signIn(ctx.app, 'helper-a', 'amber-valley-kite-19');
    const helperSees = (await ok(call(ctx.app, 'GET', '/api/households', { cookie: asHelper }))).items;
    expect(helperSees.map((h: Json) => h.id)).toEqual([h1.id]);
    expect((await call(ctx.app, 'GET', `/api/households/${h2.id}`, { cookie: asHelper })).status).toBe(404);

    const asOfficial = await signIn(ctx.app, 'official-a', 'amber-valley-kite-19');
    const officialSees = (await ok(call(ctx.app, 'GET', '/api/households', { cookie: asOfficial }))).items;
    expect(officialSees.map((h: Json) => h.householdNumber).sort()).toEqual(['DY-001', 'DY-002']);

    const workerSees = (await ok(call(ctx.app, 'GET', '/api/households', { cookie: asWorker }))).items;
    expect(workerSees).toHaveLength(2);

    // The worker leaves: the admin hands their households over (not to a worker of another site).
    const refused = await call(ctx.app, 'POST', '/api/households/hand-over', {
      cookie: admin,
      body: { fromWorkerId: worker.id, toWorkerId: workerB.id },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reason: 'hand-over-not-on-site', households: 2 });
    expect(
      await ok(
        call(ctx.app, 'POST', '/api/households/hand-over', {
          cookie: admin,
          body: { fromWorkerId: worker.id, toWorkerId: worker2.id },
        }),
      ),
    ).toMatchObject({ households: 2 });
    const after = await ok(
      call(ctx.app, 'GET', `/api/households?responsibleWorkerId=${worker2.id}`, { cookie: admin }),
    );
    expect(after.total).toBe(2);

    const audited = await ctx.db.selectFrom('auditLog').select('action').where('outcome', '=', 'ok').execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'region.create',
        'region.import',
        'user.link-person',
        'helper.assign',
        'household.hand-over',
      ]),
    );
    expect(city.level).toBe('city');
  }, 180_000);
});
