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

describe('voiding a risk (作废, with a reason) and correcting essential spending', () => {
  const voidRisk = (householdId: string, riskId: string, body: unknown, as = cookie) =>
    post(`/api/households/${householdId}/risks/${riskId}/void`, body, as);

  it('voids a risk only with a reason: kept with who and why, gone from the list, audited without the kind', async () => {
    const h = await household();
    const risk = await (await post(`/api/households/${h.id}/risks`, { kind: 'accident', fromOn: '2026-03-01' })).json();
    const kept = await (await post(`/api/households/${h.id}/risks`, { kind: 'disaster', fromOn: '2026-04-01' })).json();

    const noReason = await voidRisk(h.id, risk.id, {});
    expect(noReason.status).toBe(400);
    expect(noReason.headers.get('content-type')).toContain('application/problem+json');
    expect(await problemPaths(noReason)).toEqual(['json.reason']);
    expect(await problemPaths(await voidRisk(h.id, risk.id, { reason: '   ' }))).toEqual(['json.reason']);
    expect(await problemPaths(await voidRisk(h.id, risk.id, { reason: '录错户', kind: 'x' }))).toEqual(['json.kind']);
    expect((await voidRisk(h.id, risk.id, { reason: '录错户' }, officialCookie)).status).toBe(403);
    // Nothing changed by the refused attempts.
    expect((await (await get(`/api/households/${h.id}/risks`)).json()).items).toHaveLength(2);

    const voided = await voidRisk(h.id, risk.id, { reason: '录错户，应为邻户' });
    expect(voided.status).toBe(204);
    const list = await (await get(`/api/households/${h.id}/risks`)).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([kept.id]);
    const row = await ctx.db
      .selectFrom('householdRisks')
      .select(['kind', 'voidReason', 'voidedBy', 'voidedAt'])
      .where('id', '=', risk.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'accident', voidReason: '录错户，应为邻户' });
    expect(row.voidedAt).toBeInstanceOf(Date);
    expect(row.voidedBy).not.toBeNull();
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'detail', 'userId'])
      .where('resourceType', '=', 'household_risk')
      .where('resourceId', '=', risk.id)
      .where('action', '=', 'void')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.userId).toBe(row.voidedBy);
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('accident');

    // A voided risk can be neither voided again nor edited.
    expect((await voidRisk(h.id, risk.id, { reason: '再次' })).status).toBe(404);
    const edit = await call(ctx.app, 'PATCH', `/api/households/${h.id}/risks/${risk.id}`, {
      cookie,
      body: { toOn: '2026-05-01' },
    });
    expect(edit.status).toBe(404);
  });

  it('refuses voiding out of scope or through another household', async () => {
    const h = await household();
    const other = await household();
    const risk = await (await post(`/api/households/${h.id}/risks`, { kind: 'illness', fromOn: '2026-03-01' })).json();
    expect((await voidRisk(other.id, risk.id, { reason: '录错' })).status).toBe(404);
    expect((await voidRisk(h.id, 'abc', { reason: '录错' })).status).toBe(404);
    const elsewhere = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    const farRisk = await ctx.db
      .insertInto('householdRisks')
      .values({
        countyCode: elsewhere.countyCode,
        householdId: elsewhere.id,
        kind: 'illness',
        fromOn: '2026-01-01',
        recordedBy: (await ctx.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await voidRisk(elsewhere.id, farRisk.id, { reason: '录错' })).status).toBe(404);
    const still = await ctx.db
      .selectFrom('householdRisks')
      .select('voidedAt')
      .where('id', '=', farRisk.id)
      .executeTakeFirstOrThrow();
    expect(still.voidedAt).toBeNull();
  });

  it('corrects spending: amount, kind, note and period (month or day, never both), audited', async () => {
    const h = await household();
    const spend = await (
      await post(`/api/households/${h.id}/essential-spending`, { kind: 'medical', amountYuan: 300, month: '2026-04' })
    ).json();
    const patch = (body: unknown, as = cookie, id = spend.id) =>
      call(ctx.app, 'PATCH', `/api/households/${h.id}/essential-spending/${id}`, { cookie: as, body });

    const amount = await patch({ amountYuan: 3000, note: '住院自付' });
    expect(amount.status).toBe(200);
    expect(await amount.json()).toMatchObject({
      amountYuan: 3000,
      note: '住院自付',
      periodKind: 'month',
      spentOn: '2026-04-01',
    });
    const toDay = await patch({ kind: 'schooling', spentOn: '2026-05-06' });
    expect(await toDay.json()).toMatchObject({
      kind: 'schooling',
      periodKind: 'day',
      spentOn: '2026-05-06',
      amountYuan: 3000,
    });
    const toMonth = await patch({ month: '2026-03' });
    expect(await toMonth.json()).toMatchObject({ periodKind: 'month', spentOn: '2026-03-01' });

    expect(await problemPaths(await patch({ month: '2026-03', spentOn: '2026-03-02' }))).toEqual(['json.month']);
    expect(await problemPaths(await patch({ amountYuan: 0 }))).toEqual(['json.amountYuan']);
    expect(await problemPaths(await patch({ spentOn: '2099-01-01' }))).toEqual(['json.spentOn']);
    expect(await problemPaths(await patch({ month: '2026-13' }))).toEqual(['json.month']);
    const unknown = await patch({ periodKind: 'day' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('periodKind');
    expect((await patch({ amountYuan: 1 }, officialCookie)).status).toBe(403);
    expect((await patch({ amountYuan: 1 }, cookie, '999999999')).status).toBe(404);
    const other = await household();
    const foreign = await call(ctx.app, 'PATCH', `/api/households/${other.id}/essential-spending/${spend.id}`, {
      cookie,
      body: { amountYuan: 1 },
    });
    expect(foreign.status).toBe(404);

    const [row] = (await (await get(`/api/households/${h.id}/essential-spending`)).json()).items;
    expect(row).toMatchObject({ kind: 'schooling', amountYuan: 3000, spentOn: '2026-03-01', note: '住院自付' });
    const audits = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('resourceType', '=', 'essential_spending')
      .where('resourceId', '=', spend.id)
      .where('action', '=', 'update')
      .execute();
    expect(audits).toHaveLength(3);
  });
});
