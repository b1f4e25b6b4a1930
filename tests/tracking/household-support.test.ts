import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let officialCookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  cookie = await signIn(ctx.app, worker.login);
  const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
  officialCookie = await signIn(ctx.app, official.login);
});
afterAll(() => ctx.close());

const household = () => createHousehold(ctx.db, { siteId: tree.siteA1.id });
const post = (path: string, body: unknown, as = cookie) => call(ctx.app, 'POST', path, { cookie: as, body });
const get = (path: string, as = cookie) => call(ctx.app, 'GET', path, { cookie: as });
const problemPaths = async (response: Response) =>
  ((await response.json()).errors ?? []).map((e: { path: string }) => e.path);

describe('support measures (帮扶措施)', () => {
  it('records, lists, corrects and deletes a measure, shown on the timeline, every read audited', async () => {
    const h = await household();
    const created = await post(`/api/households/${h.id}/support-measures`, {
      personId: h.personIds[0],
      kind: 'public_welfare_post',
      startedOn: '2026-03-01',
      amountYuan: 800,
      responsibleUnit: '镇人社所',
      note: '保洁岗',
    });
    expect(created.status).toBe(201);
    const measure = await created.json();
    expect(measure).toMatchObject({
      kind: 'public_welfare_post',
      personId: h.personIds[0],
      personName: '成员1',
      amountYuan: 800,
      endedOn: null,
    });

    const patched = await call(ctx.app, 'PATCH', `/api/households/${h.id}/support-measures/${measure.id}`, {
      cookie,
      body: { endedOn: '2026-09-30' },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ endedOn: '2026-09-30', startedOn: '2026-03-01' });

    const listed = await get(`/api/households/${h.id}/support-measures`, officialCookie);
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((m: { id: string }) => m.id)).toEqual([measure.id]);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'fields'])
      .where('resourceType', '=', 'support_measure')
      .where('action', '=', 'read')
      .where('resourceId', '=', h.id)
      .execute();
    expect(audit).toEqual([{ action: 'read', fields: ['amountYuan'] }]);

    const timeline = await (await get(`/api/households/${h.id}/timeline`)).json();
    expect(timeline.supportMeasures).toMatchObject([{ id: measure.id, kind: 'public_welfare_post' }]);

    const deleted = await call(ctx.app, 'DELETE', `/api/households/${h.id}/support-measures/${measure.id}`, { cookie });
    expect(deleted.status).toBe(204);
    expect((await (await get(`/api/households/${h.id}/support-measures`)).json()).items).toEqual([]);
  });

  it('refuses unknown fields, an end before the start and a person of another household', async () => {
    const h = await household();
    const other = await household();
    const base = { kind: 'training', startedOn: '2026-03-01', responsibleUnit: '县人社局' };
    const unknown = await post(`/api/households/${h.id}/support-measures`, { ...base, money: 5 });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('money');
    const badKind = await post(`/api/households/${h.id}/support-measures`, { ...base, kind: 'lottery' });
    expect(await problemPaths(badKind)).toEqual(['json.kind']);
    const backwards = await post(`/api/households/${h.id}/support-measures`, { ...base, endedOn: '2026-01-01' });
    expect(await problemPaths(backwards)).toEqual(['json.endedOn']);
    const stranger = await post(`/api/households/${h.id}/support-measures`, { ...base, personId: other.personIds[0] });
    expect(stranger.status).toBe(400);
    expect(await problemPaths(stranger)).toEqual(['json.personId']);
  });

  it('is read-only for officials and hidden out of scope', async () => {
    const h = await household();
    const body = { kind: 'finance', startedOn: '2026-03-01', responsibleUnit: '农商行' };
    expect((await post(`/api/households/${h.id}/support-measures`, body, officialCookie)).status).toBe(403);
    const elsewhere = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    expect((await post(`/api/households/${elsewhere.id}/support-measures`, body)).status).toBe(404);
    expect((await get(`/api/households/${elsewhere.id}/support-measures`)).status).toBe(404);
  });
});

describe('risk types (风险类型) and essential spending (刚性支出)', () => {
  it('records dated risks and ends one', async () => {
    const h = await household();
    const created = await post(`/api/households/${h.id}/risks`, {
      kind: 'illness',
      fromOn: '2026-02-01',
      note: '户主住院',
    });
    expect(created.status).toBe(201);
    const risk = await created.json();
    const ended = await call(ctx.app, 'PATCH', `/api/households/${h.id}/risks/${risk.id}`, {
      cookie,
      body: { toOn: '2026-05-31' },
    });
    expect(await ended.json()).toMatchObject({ kind: 'illness', fromOn: '2026-02-01', toOn: '2026-05-31' });
    const before = await call(ctx.app, 'PATCH', `/api/households/${h.id}/risks/${risk.id}`, {
      cookie,
      body: { toOn: '2026-01-01' },
    });
    expect(await problemPaths(before)).toEqual(['json.toOn']);
    expect(
      await problemPaths(await post(`/api/households/${h.id}/risks`, { kind: 'lazy', fromOn: '2026-02-01' })),
    ).toEqual(['json.kind']);
    const list = await (await get(`/api/households/${h.id}/risks`)).json();
    expect(list.items).toMatchObject([{ id: risk.id, toOn: '2026-05-31' }]);
  });

  it('records spending for a month or a day, never both or neither', async () => {
    const h = await household();
    const month = await post(`/api/households/${h.id}/essential-spending`, {
      kind: 'medical',
      amountYuan: 3200,
      month: '2026-04',
    });
    expect(await month.json()).toMatchObject({ periodKind: 'month', spentOn: '2026-04-01', amountYuan: 3200 });
    const day = await post(`/api/households/${h.id}/essential-spending`, {
      kind: 'schooling',
      amountYuan: 650.5,
      spentOn: '2026-09-01',
    });
    expect(await day.json()).toMatchObject({ periodKind: 'day', spentOn: '2026-09-01', amountYuan: 650.5 });
    const both = await post(`/api/households/${h.id}/essential-spending`, {
      kind: 'schooling',
      amountYuan: 1,
      month: '2026-04',
      spentOn: '2026-04-03',
    });
    expect(await problemPaths(both)).toEqual(['json.month']);
    const negative = await post(`/api/households/${h.id}/essential-spending`, {
      kind: 'medical',
      amountYuan: -5,
      month: '2026-04',
    });
    expect(await problemPaths(negative)).toEqual(['json.amountYuan']);
    const list = await (await get(`/api/households/${h.id}/essential-spending`, officialCookie)).json();
    expect(list.items.map((row: { kind: string }) => row.kind)).toEqual(['schooling', 'medical']);
  });
});

describe('三保障 + 饮水安全 checks and the guarantee_failed alert', () => {
  const activeAlerts = (householdId: string) =>
    ctx.db
      .selectFrom('alerts')
      .select(['ruleId', 'state', 'explanationZh', 'explanationEn'])
      .where('householdId', '=', householdId)
      .where('ruleId', '=', 'guarantee_failed')
      .execute();

  it('opens an alert while the latest check of a dimension fails, and closes it when a later check passes', async () => {
    const h = await household();
    const check = (dimension: string, checkedOn: string, ok: boolean) =>
      post(`/api/households/${h.id}/guarantee-checks`, { dimension, checkedOn, ok, evidence: '入户查看' });
    expect((await check('housing_safety', '2026-06-01', true)).status).toBe(201);
    expect(await activeAlerts(h.id)).toEqual([]);

    const failed = await check('drinking_water', '2026-06-02', false);
    expect(failed.status).toBe(201);
    expect(await failed.json()).toMatchObject({ dimension: 'drinking_water', ok: false });
    const [alert] = await activeAlerts(h.id);
    expect(alert).toMatchObject({ state: 'open' });
    expect(alert?.explanationZh).toContain('饮水安全');
    expect(alert?.explanationEn).toContain('safe drinking water');

    // Another dimension passing does not close it; the same dimension passing later does.
    await check('basic_medical', '2026-06-03', true);
    expect((await activeAlerts(h.id)).map((a) => a.state)).toEqual(['open']);
    await check('drinking_water', '2026-07-01', true);
    expect((await activeAlerts(h.id)).map((a) => a.state)).toEqual(['resolved']);

    const checks = await (await get(`/api/households/${h.id}/guarantee-checks`)).json();
    expect(
      Object.fromEntries(checks.latest.map((c: { dimension: string; ok: boolean }) => [c.dimension, c.ok])),
    ).toEqual({ drinking_water: true, basic_medical: true, housing_safety: true });
    expect(checks.history).toHaveLength(4);
  });

  it('refuses a check without evidence or in the future', async () => {
    const h = await household();
    const noEvidence = await post(`/api/households/${h.id}/guarantee-checks`, {
      dimension: 'compulsory_education',
      checkedOn: '2026-06-01',
      ok: true,
      evidence: '',
    });
    expect(await problemPaths(noEvidence)).toEqual(['json.evidence']);
    const future = await post(`/api/households/${h.id}/guarantee-checks`, {
      dimension: 'compulsory_education',
      checkedOn: '2099-06-01',
      ok: true,
      evidence: '学籍',
    });
    expect(await problemPaths(future)).toEqual(['json.checkedOn']);
  });
});
