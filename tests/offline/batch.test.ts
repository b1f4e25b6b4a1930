import { randomUUID } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let otherCookie: string;
let workerId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  workerId = worker.id;
  cookie = await signIn(ctx.app, worker.login);
  const other = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  otherCookie = await signIn(ctx.app, other.login);
});
afterAll(() => ctx.close());

const today = chinaToday();
const month = today.slice(0, 7);

interface PackHousehold {
  householdId: string;
  householdNumber: string;
  headName: string | null;
  base: { householdVersion: number; factsAt: string };
}
const pack = async (who = cookie) => {
  const response = await call(ctx.app, 'GET', '/api/offline/pack', { cookie: who });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    households: PackHousehold[];
    storeSecret: string;
    expiresAt: string;
    generatedAt: string;
  };
};
const baseOf = async (h: TestHousehold) => {
  const found = (await pack()).households.find((item) => item.householdId === h.id);
  if (!found) throw new Error(`household ${h.id} is not in the pack`);
  return found.base;
};
const visitRecord = (h: TestHousehold, base: PackHousehold['base'], extra: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  kind: 'visit',
  capturedAt: new Date().toISOString(),
  householdId: h.id,
  base,
  payload: { visitedOn: today, kind: 'routine', findings: '离线记录', measures: ['job_referral'] },
  ...extra,
});
const batch = (records: unknown[], who = cookie) =>
  call(ctx.app, 'POST', '/api/offline/batch', { cookie: who, body: { records } });
const results = async (records: unknown[], who = cookie) => {
  const response = await batch(records, who);
  if (response.status !== 200) throw new Error(await response.text());
  return (await response.json()).results as Record<string, unknown>[];
};
const visitCount = async (h: TestHousehold) =>
  Number(
    (
      await ctx.db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('householdId', '=', h.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the offline pack', () => {
  it("holds the worker's households with a version each and a session secret, and nothing out of scope", async () => {
    const mine = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{ name: '张秀英' }] });
    const elsewhere = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    const body = await pack();
    const item = body.households.find((h) => h.householdId === mine.id);
    expect(item).toMatchObject({ headName: '张秀英', base: { householdVersion: 1 } });
    expect(body.households.some((h) => h.householdId === elsewhere.id)).toBe(false);
    expect(body.storeSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(body.expiresAt) - Date.parse(body.generatedAt)).toBe(72 * 3600 * 1000);
    // Another session of another user gets another secret.
    expect((await pack(otherCookie)).storeSecret).not.toBe(body.storeSecret);
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    const residentCookie = await signIn(ctx.app, resident.login);
    expect((await call(ctx.app, 'GET', '/api/offline/pack', { cookie: residentCookie })).status).toBe(403);
  });
});

describe('a batch of records captured offline', () => {
  it('applies a visit with income by source and integration answers, audited as captured offline', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const record = visitRecord(h, await baseOf(h), {
      location: { lat: 26.58, lng: 106.71, accuracyM: 12, consent: true },
      photo: 'data:image/png;base64,iVBORw0KGgo=',
      payload: {
        visitedOn: today,
        kind: 'dibao_check',
        measures: [],
        income: {
          month,
          items: [
            { source: 'wages', amountYuan: 2600 },
            { source: 'transfer_pension', amountYuan: 300 },
          ],
        },
        assessment: {
          assessedOn: today,
          economic: 3,
          socialTies: 4,
          dailyLifeServices: 4,
          culturalParticipation: 2,
          psychologicalBelonging: 3,
        },
      },
    });
    const [result] = await results([record]);
    expect(result).toMatchObject({ clientId: record.clientId, status: 'applied' });
    expect(result?.incomeRecordIds).toHaveLength(2);
    expect(await visitCount(h)).toBe(1);
    const income = await ctx.db.selectFrom('incomeRecords').selectAll().where('householdId', '=', h.id).execute();
    expect(income.map((row) => [row.source, Number(row.amountYuan), String(row.visitId)]).sort()).toEqual([
      ['transfer_pension', 300, String(result?.visitId)],
      ['wages', 2600, String(result?.visitId)],
    ]);
    const assessments = await ctx.db
      .selectFrom('integrationAssessments')
      .select('id')
      .where('householdId', '=', h.id)
      .execute();
    expect(assessments.map((a) => String(a.id))).toEqual([String(result?.assessmentId)]);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['resourceType', 'detail', 'userId'])
      .where('action', '=', 'create')
      .where('resourceId', '=', String(result?.visitId))
      .where('resourceType', '=', 'visit')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ via: 'captured offline', clientId: record.clientId });
    expect(String(audit[0]?.userId)).toBe(workerId);
    const stored = await ctx.db
      .selectFrom('offlineRecords')
      .select(['location', 'photoDataUrl'])
      .where('clientId', '=', record.clientId)
      .executeTakeFirstOrThrow();
    expect(stored.location).toMatchObject({ lat: 26.58, consent: true });
    expect(stored.photoDataUrl).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('answers a retry with the first result and never writes a second visit, even when retries race', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const record = visitRecord(h, await baseOf(h));
    const [first] = await results([record]);
    expect(first?.status).toBe('applied');
    const [again] = await results([record]);
    expect(again).toMatchObject({ status: 'duplicate', original: 'applied', visitId: first?.visitId });
    const racing = visitRecord(h, await baseOf(h));
    const answers = await Promise.all([results([racing]), results([racing]), results([racing])]);
    expect(answers.map((a) => a[0]?.status).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(await visitCount(h)).toBe(2);
  });

  it("does not let a worker's own queue conflict with itself", async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const base = await baseOf(h);
    const answers = await results([
      visitRecord(h, base),
      visitRecord(h, base),
      { ...visitRecord(h, base), kind: 'income', payload: { month, items: [{ source: 'wages', amountYuan: 1 }] } },
    ]);
    expect(answers.map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it("answers conflict with both versions when someone else recorded the same facts, and the worker's choice settles it", async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const base = await baseOf(h);
    const online = await call(ctx.app, 'POST', '/api/visits', {
      cookie: otherCookie,
      body: { householdId: h.id, visitedOn: today, kind: 'routine', findings: '线上记录' },
    });
    expect(online.status).toBe(201);
    const keepMine = visitRecord(h, base);
    const keepServer = visitRecord(h, base, {
      payload: { visitedOn: today, kind: 'routine', findings: '第二条', measures: [] },
    });
    const answers = await results([keepMine, keepServer]);
    expect(answers[0]).toMatchObject({
      status: 'conflict',
      server: { householdChanged: false, visits: [{ findings: '线上记录' }] },
      mine: { findings: '离线记录' },
    });
    expect(answers[1]?.status).toBe('conflict');
    expect(await visitCount(h)).toBe(1);
    // A retry before the choice answers the same conflict.
    expect((await results([keepMine]))[0]).toMatchObject({ status: 'conflict', mine: { findings: '离线记录' } });

    const resolve = (clientId: string, keep: 'mine' | 'server') =>
      call(ctx.app, 'POST', '/api/offline/resolve', { cookie, body: { clientId, keep } });
    const mine = await resolve(keepMine.clientId, 'mine');
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ status: 'applied' });
    const server = await resolve(keepServer.clientId, 'server');
    expect(await server.json()).toMatchObject({ status: 'discarded' });
    expect(await visitCount(h)).toBe(2);
    // Resolving again the same way answers the same; the other way is a 409 naming `keep`.
    expect(await (await resolve(keepMine.clientId, 'mine')).json()).toMatchObject({ status: 'applied' });
    const flip = await resolve(keepServer.clientId, 'mine');
    expect(flip.status).toBe(409);
    expect((await flip.json()).errors[0].path).toBe('json.keep');
    expect(await visitCount(h)).toBe(2);
    // A batch retry after the choice is a duplicate.
    expect((await results([keepServer]))[0]).toMatchObject({ status: 'duplicate', original: 'discarded' });
    // Another user cannot resolve this worker's record.
    expect(
      (
        await call(ctx.app, 'POST', '/api/offline/resolve', {
          cookie: otherCookie,
          body: { clientId: keepMine.clientId, keep: 'server' },
        })
      ).status,
    ).toBe(404);
  });

  it('answers conflict when the household itself changed after the base version, and for income of the same month and source', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const base = await baseOf(h);
    const patch = await call(ctx.app, 'PATCH', `/api/households/${h.id}`, {
      cookie: otherCookie,
      body: { version: base.householdVersion, room: '302' },
    });
    expect(patch.status).toBe(200);
    const [changed] = await results([visitRecord(h, base)]);
    expect(changed).toMatchObject({ status: 'conflict', server: { householdChanged: true } });

    const g = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const gBase = await baseOf(g);
    const incomeOnline = await call(ctx.app, 'POST', '/api/income-records', {
      cookie: otherCookie,
      body: { householdId: g.id, periodKind: 'month', period: month, source: 'wages', amountYuan: 1800 },
    });
    expect(incomeOnline.status).toBe(201);
    const income = (source: string) => ({
      ...visitRecord(g, gBase),
      kind: 'income',
      payload: { month, items: [{ source, amountYuan: 2000 }] },
    });
    const [sameSource, otherSource] = await results([income('wages'), income('business')]);
    expect(sameSource).toMatchObject({
      status: 'conflict',
      server: { income: [{ source: 'wages', amountYuan: 1800 }] },
    });
    expect(otherSource?.status).toBe('applied');
  });

  it('refuses a household out of scope, and judges scope on the day of capture', async () => {
    const elsewhere = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    const base = { householdVersion: 1, factsAt: new Date().toISOString() };
    const [refused] = await results([visitRecord(elsewhere, base)]);
    expect(refused).toMatchObject({ status: 'refused', problem: { code: 'not-found', status: 404 } });
    expect(await visitCount(elsewhere)).toBe(0);
    const denied = await ctx.db
      .selectFrom('auditLog')
      .select('detail')
      .where('outcome', '=', 'denied')
      .where('resourceId', '=', elsewhere.id)
      .execute();
    expect(denied.length).toBeGreaterThan(0);

    // Moved from the worker's site A1 to B1 today: a visit captured yesterday still lands, one captured today does not.
    const moved = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    await ctx.db
      .insertInto('registryHistory')
      .values([
        {
          countyCode: moved.countyCode,
          householdId: moved.id,
          personId: null,
          attribute: 'site',
          value: tree.siteA1.id,
          validFrom: addDays(today, -30),
          recordedBy: null,
        },
        {
          countyCode: moved.countyCode,
          householdId: moved.id,
          personId: null,
          attribute: 'site',
          value: tree.siteB1.id,
          validFrom: today,
          recordedBy: null,
        },
      ])
      .execute();
    const yesterday = new Date(Date.now() - 26 * 3600 * 1000).toISOString();
    const [before, after] = await results([
      visitRecord(moved, base, {
        capturedAt: yesterday,
        payload: { visitedOn: addDays(today, -1), kind: 'routine', measures: [] },
      }),
      visitRecord(moved, base),
    ]);
    expect(before?.status).toBe('applied');
    expect(after).toMatchObject({ status: 'refused', problem: { code: 'not-found' } });
    expect(await visitCount(moved)).toBe(1);
  });

  it('refuses a record dated in the future with its field path, and leaves nothing half-written', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const record = visitRecord(h, await baseOf(h), {
      payload: {
        visitedOn: today,
        kind: 'routine',
        measures: [],
        income: { month: addDays(today, 40).slice(0, 7), items: [{ source: 'wages', amountYuan: 5 }] },
      },
    });
    const [refused] = await results([record]);
    expect(refused).toMatchObject({
      status: 'refused',
      problem: { code: 'validation', errors: [{ path: 'json.records.0.payload.income.month' }] },
    });
    expect(await visitCount(h)).toBe(0);
    const kept = await ctx.db
      .selectFrom('offlineRecords')
      .select('id')
      .where('clientId', '=', record.clientId)
      .execute();
    expect(kept).toHaveLength(0);
  });

  it('answers 400 problem+json naming unknown fields, bad kinds and a photo over 300 KB', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const base = await baseOf(h);
    const unknown = await batch([{ ...visitRecord(h, base), secret: 1 }]);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const unknownBody = await unknown.json();
    expect(JSON.stringify(unknownBody.errors)).toContain('secret');
    expect(unknownBody.errors[0].path).toContain('records.0');
    const nested = await batch([visitRecord(h, base, { payload: { visitedOn: today, kind: 'routine', extra: 1 } })]);
    expect((await nested.json()).errors[0].path).toContain('records.0.payload');
    const photo = `data:image/jpeg;base64,${'A'.repeat(310 * 1024)}`;
    const big = await call(ctx.app, 'POST', '/api/offline/batch', {
      cookie,
      body: { records: [visitRecord(h, base, { photo })] },
    });
    expect(big.status).toBe(400);
    expect((await big.json()).errors[0].path).toBe('json.records.0.photo');
    const badId = await batch([{ ...visitRecord(h, base), clientId: 'not-a-uuid' }]);
    expect((await badId.json()).errors[0].path).toBe('json.records.0.clientId');
    expect(await visitCount(h)).toBe(0);
  });
});

describe('who may send what', () => {
  it('refuses a helper a household not assigned to them, and lands one that is; refuses other roles outright', async () => {
    const assigned = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const notAssigned = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.id, householdId: assigned.id, countyCode: assigned.countyCode })
      .execute();
    const helperCookie = await signIn(ctx.app, helper.login);
    const base = { householdVersion: 1, factsAt: new Date().toISOString() };
    const answers = await results([visitRecord(assigned, base), visitRecord(notAssigned, base)], helperCookie);
    expect(answers.map((a) => a.status)).toEqual(['applied', 'refused']);
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const officialCookie = await signIn(ctx.app, official.login);
    expect((await batch([visitRecord(assigned, base)], officialCookie)).status).toBe(403);
  });
});
