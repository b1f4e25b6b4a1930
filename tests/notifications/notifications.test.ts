import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetClock, setClock } from '@anju/domain/clock';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendWorkDigests } from '../../api/src/jobs/work-digest.ts';
import { drainNotificationOutbox } from '../../api/src/notifications/delivery.ts';
import { notify, notifyOfficials } from '../../api/src/notifications/notify.ts';
import { HttpSmsProvider, RecordingSmsProvider } from '../../api/src/notifications/sms.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';
import { createHousehold } from '../support/registry-fixtures.ts';
import { insertOpenWorkflow } from '../support/workflow-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let phoneSeq = 0;
const uniquePhone = () => `139${String(Date.now() % 100000).padStart(5, '0')}${String(++phoneSeq).padStart(3, '0')}`;

/** 10:00 and 23:30 China time on a fixed day (02:00 and 15:30 UTC). */
const MORNING = new Date('2026-12-07T02:00:00Z');
const LATE_EVENING = new Date('2026-12-07T15:30:00Z');

interface Inbox {
  items: {
    id: string;
    kind: string;
    title: string;
    body: string;
    en: { title: string } | null;
    read: boolean;
    link: string | null;
  }[];
  total: number;
  unread: number;
}

async function resident(phone: string | null = uniquePhone()) {
  const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, phone: phone ?? undefined });
  return { ...user, phone, cookie: await signIn(ctx.app, user.login) };
}
const inbox = async (cookie: string, query = '') =>
  (await (await call(ctx.app, 'GET', `/api/notifications${query}`, { cookie })).json()) as Inbox;
const outboxOf = (userId: string) =>
  ctx.db.selectFrom('notificationOutbox').selectAll().where('userId', '=', userId).orderBy('id').execute();
const moved = (userId: string, n: number) =>
  notify(ctx.db, {
    userId,
    template: 'application-moved',
    params: { title: `缝纫工${n}`, kind: 'job', state: 'interview' },
    link: '/applications',
  });

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

describe('the inbox', () => {
  it('shows what notify() wrote, in Chinese with English beside it, and counts and marks unread', async () => {
    const me = await resident();
    await moved(me.id, 1);
    await notify(ctx.db, {
      userId: me.id,
      template: 'saved-search-match',
      params: { kind: 'job', title: '电焊工', searchName: '附近的活' },
      link: '/jobs/1',
    });
    const list = await inbox(me.cookie);
    expect(list.total).toBe(2);
    expect(list.unread).toBe(2);
    expect(list.items[0]).toMatchObject({ kind: 'saved-search-match', title: '新岗位：电焊工', link: '/jobs/1' });
    expect(list.items[0].en?.title).toBe('New job: 电焊工');
    expect(list.items[1].body).toBe('您申请的岗位“缝纫工1”：约面试');

    const count = await call(ctx.app, 'GET', '/api/notifications/unread-count', { cookie: me.cookie });
    expect(await count.json()).toEqual({ unread: 2 });
    expect(
      (await call(ctx.app, 'POST', `/api/notifications/${list.items[1].id}/read`, { cookie: me.cookie })).status,
    ).toBe(204);
    expect((await inbox(me.cookie, '?unread=true')).items.map((i) => i.id)).toEqual([list.items[0].id]);
    const all = await call(ctx.app, 'POST', '/api/notifications/read-all', { cookie: me.cookie });
    expect(await all.json()).toEqual({ marked: 1 });
    expect((await inbox(me.cookie)).unread).toBe(0);
  });

  it('never shows or marks someone else’s notification, and refuses unknown query fields', async () => {
    const me = await resident();
    const other = await resident();
    const theirs = await moved(other.id, 1);
    expect((await inbox(me.cookie)).total).toBe(0);
    const read = await call(ctx.app, 'POST', `/api/notifications/${theirs?.id}/read`, { cookie: me.cookie });
    expect(read.status).toBe(404);
    const bad = await call(ctx.app, 'GET', '/api/notifications?colour=red', { cookie: me.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('colour');
  });

  it('writes nothing in a muted category; a dedupe key notifies once', async () => {
    const me = await resident();
    const put = await call(ctx.app, 'PUT', '/api/notifications/preferences', {
      cookie: me.cookie,
      body: { mutedCategories: ['matches'], smsEnabled: true, quietStart: '22:00', quietEnd: '08:00' },
    });
    expect(put.status).toBe(200);
    const muted = await notify(ctx.db, {
      userId: me.id,
      template: 'saved-search-match',
      params: { kind: 'job', title: 'x', searchName: 'y' },
    });
    expect(muted).toBeUndefined();
    const first = await notify(ctx.db, {
      ...{ userId: me.id },
      template: 'application-moved',
      params: { title: 'a', kind: 'job', state: 'hired' },
      dedupeKey: `k-${me.id}`,
    });
    const again = await notify(ctx.db, {
      ...{ userId: me.id },
      template: 'application-moved',
      params: { title: 'a', kind: 'job', state: 'hired' },
      dedupeKey: `k-${me.id}`,
    });
    expect(first).toBeDefined();
    expect(again).toBeUndefined();
    expect((await inbox(me.cookie)).total).toBe(1);
  });

  it('validates the settings (strict, HH:MM, known categories)', async () => {
    const me = await resident();
    const bad = await call(ctx.app, 'PUT', '/api/notifications/preferences', {
      cookie: me.cookie,
      body: { mutedCategories: ['security'], smsEnabled: true, quietStart: '25:00', quietEnd: '08:00', extra: 1 },
    });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(await bad.json());
    expect(text).toContain('quietStart');
    expect(text).toContain('mutedCategories');
    expect(text).toContain('extra');
    const got = await call(ctx.app, 'GET', '/api/notifications/preferences', { cookie: me.cookie });
    expect(await got.json()).toEqual({ mutedCategories: [], smsEnabled: true, quietStart: '22:00', quietEnd: '08:00' });
  });
});

describe('SMS through the recording provider', () => {
  it('holds a text through quiet hours and sends it when they end; the inbox has it at once', async () => {
    const sms = new RecordingSmsProvider();
    const me = await resident();
    setClock(LATE_EVENING);
    await moved(me.id, 1);
    expect((await inbox(me.cookie)).total).toBe(1);
    await drainNotificationOutbox({ db: ctx.db, sms }, { now: LATE_EVENING });
    const [held] = await outboxOf(me.id);
    expect(held.status).toBe('pending');
    expect(held.availableAt.toISOString()).toBe('2026-12-08T00:00:00.000Z'); // 08:00 China time
    // Still quiet at 07:59.
    await drainNotificationOutbox({ db: ctx.db, sms }, { now: new Date('2026-12-07T23:59:00Z') });
    expect(sms.sent.filter((m) => m.to === me.phone)).toHaveLength(0);
    const result = await drainNotificationOutbox({ db: ctx.db, sms }, { now: new Date('2026-12-08T00:00:30Z') });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mine = sms.sent.filter((m) => m.to === me.phone);
    expect(mine).toHaveLength(1);
    expect(mine[0].text).toBe('【安居】申请进度：缝纫工1：您申请的岗位“缝纫工1”：约面试');
    expect((await outboxOf(me.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: expect.any(String),
    });
  });

  it('sends nothing by SMS when the user switched SMS off, and sends inbox-only templates only to the inbox', async () => {
    const sms = new RecordingSmsProvider();
    const off = await resident();
    await call(ctx.app, 'PUT', '/api/notifications/preferences', {
      cookie: off.cookie,
      body: { mutedCategories: [], smsEnabled: false, quietStart: '22:00', quietEnd: '08:00' },
    });
    setClock(MORNING);
    await moved(off.id, 1);
    expect(await outboxOf(off.id)).toHaveLength(0);
    expect((await inbox(off.cookie)).total).toBe(1);

    const on = await resident();
    await notify(ctx.db, {
      userId: on.id,
      template: 'saved-search-match',
      params: { kind: 'job', title: 't', searchName: 's' },
    });
    expect(await outboxOf(on.id)).toHaveLength(0);
    await notify(ctx.db, {
      userId: on.id,
      template: 'application-moved',
      params: { title: 't', kind: 'job', state: 'hired' },
      channel: 'in_app',
    });
    expect(await outboxOf(on.id)).toHaveLength(0);
    await drainNotificationOutbox({ db: ctx.db, sms }, { now: MORNING });
    expect(sms.sent.filter((m) => m.to === off.phone || m.to === on.phone)).toHaveLength(0);
  });

  it('sends at most five texts a user a day; the rest stay in the inbox only', async () => {
    const sms = new RecordingSmsProvider();
    const me = await resident();
    setClock(MORNING);
    for (let n = 1; n <= 7; n++) await moved(me.id, n);
    const result = await drainNotificationOutbox({ db: ctx.db, sms }, { now: MORNING });
    expect(sms.sent.filter((m) => m.to === me.phone)).toHaveLength(5);
    expect(result.dropped).toBeGreaterThanOrEqual(2);
    const statuses = (await outboxOf(me.id)).map((row) => row.status);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'dropped')).toHaveLength(2);
    expect((await inbox(me.cookie)).total).toBe(7);
    // The next China day starts a new count.
    const tomorrow = new Date('2026-12-08T02:00:00Z');
    setClock(tomorrow);
    await moved(me.id, 8);
    await drainNotificationOutbox({ db: ctx.db, sms }, { now: tomorrow });
    expect(sms.sent.filter((m) => m.to === me.phone)).toHaveLength(6);
  });

  it('retries a failed send later, and drops a text to an account without a phone', async () => {
    const sms = new RecordingSmsProvider();
    const me = await resident();
    const nophone = await resident(null);
    setClock(MORNING);
    await moved(me.id, 1);
    await moved(nophone.id, 1);
    sms.failNext = 1;
    const first = await drainNotificationOutbox({ db: ctx.db, sms }, { now: MORNING });
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const [failed] = await outboxOf(me.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'recording provider told to fail' });
    expect(failed.availableAt.getTime()).toBeGreaterThan(MORNING.getTime());
    expect((await outboxOf(nophone.id))[0]).toMatchObject({ status: 'dropped', lastError: 'no phone number' });
    await drainNotificationOutbox({ db: ctx.db, sms }, { now: new Date(MORNING.getTime() + 60_000) });
    expect((await outboxOf(me.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('never writes a phone number to the log', async () => {
    const me = await resident();
    setClock(MORNING);
    await moved(me.id, 1);
    await drainNotificationOutbox({ db: ctx.db, sms: new RecordingSmsProvider() }, { now: MORNING });
    await inbox(me.cookie);
    expect(JSON.stringify(ctx.logs)).not.toContain(me.phone as string);
  });
});

describe('the HTTP SMS adapter', () => {
  let server: Server;
  let url: string;
  const requests: { auth: string | undefined; body: Record<string, unknown> }[] = [];
  let answers: number[] = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk) => {
        data += chunk;
      });
      req.on('end', () => resolve(data));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      requests.push({ auth: req.headers.authorization, body: JSON.parse(await readBody(req)) });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify({ id: `gw-${requests.length}` }) : '{"error":"busy"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts JSON with the key and records the gateway’s id', async () => {
    requests.length = 0;
    answers = [200];
    const provider = new HttpSmsProvider({ url, key: 'secret-key', backoffMs: 1 });
    const me = await resident();
    setClock(MORNING);
    await moved(me.id, 1);
    const result = await drainNotificationOutbox({ db: ctx.db, sms: provider }, { now: MORNING });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mine = requests.filter((r) => r.body.to === me.phone);
    expect(mine).toHaveLength(1);
    expect(mine[0].auth).toBe('Bearer secret-key');
    expect(mine[0].body.text).toContain('【安居】申请进度');
    const [row] = await outboxOf(me.id);
    expect(row.status).toBe('sent');
    expect(row.providerMessageId).toMatch(/^gw-\d+$/);
  });

  it('retries a 5xx with backoff inside one send, and succeeds', async () => {
    requests.length = 0;
    answers = [503, 502, 200];
    const provider = new HttpSmsProvider({ url, key: 'k', backoffMs: 1, attempts: 3 });
    const outcome = await provider.send({ to: '13900000000', text: 't', reference: 'r1' });
    expect(outcome).toEqual({ ok: true, messageId: 'gw-3' });
    expect(requests).toHaveLength(3);
  });

  it('records a failure after its attempts, and gives up after the outbox’s limit', async () => {
    requests.length = 0;
    answers = Array(20).fill(500);
    const provider = new HttpSmsProvider({ url, key: 'k', backoffMs: 1, attempts: 2 });
    const me = await resident();
    setClock(MORNING);
    await moved(me.id, 1);
    let at = MORNING.getTime();
    for (let round = 1; round <= 5; round++) {
      await drainNotificationOutbox({ db: ctx.db, sms: provider }, { now: new Date(at) });
      at += 2 * 3600_000;
    }
    const [row] = await outboxOf(me.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, lastError: 'gateway answered 500 (2 attempts)' });
    expect(requests.filter((r) => r.body.to === me.phone)).toHaveLength(10);
  });

  it('does not retry a 4xx refusal, and reports an unreachable gateway', async () => {
    requests.length = 0;
    answers = [400];
    const provider = new HttpSmsProvider({ url, key: 'k', backoffMs: 1, attempts: 3 });
    expect(await provider.send({ to: '13900000000', text: 't', reference: 'r' })).toEqual({
      ok: false,
      error: 'gateway answered 400',
    });
    expect(requests).toHaveLength(1);
    const nowhere = new HttpSmsProvider({ url: 'http://127.0.0.1:1/send', key: 'k', backoffMs: 1, attempts: 2 });
    expect(await nowhere.send({ to: '13900000000', text: 't', reference: 'r' })).toEqual({
      ok: false,
      error: 'gateway unreachable (2 attempts)',
    });
  });
});

describe('who hears of what', () => {
  it('a status change of an application reaches the resident (inbox and SMS); a new one the employer', async () => {
    const employer = await createEmployer(ctx);
    const employerUser = await createUser(ctx.db, { role: 'employer' });
    await linkEmployerAccount(ctx, employerUser.id, employer.id);
    const employerCookie = await signIn(ctx.app, employerUser.login);
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（通知）' });
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '王秀英' });
    const me = await resident();
    await ctx.db.updateTable('users').set({ personId }).where('id', '=', me.id).execute();
    const myCookie = await signIn(ctx.app, me.login);

    const applied = await call(ctx.app, 'POST', '/api/applications', {
      cookie: myCookie,
      body: { kind: 'job', opportunityId: job.id },
    });
    expect(applied.status).toBe(201);
    const application = (await applied.json()) as { id: string };
    const employerInbox = await inbox(employerCookie);
    expect(employerInbox.items[0]).toMatchObject({ kind: 'application-new', title: '新的申请：缝纫工（通知）' });

    const step = await call(ctx.app, 'POST', `/api/applications/${application.id}/transitions`, {
      cookie: employerCookie,
      body: { state: 'viewed' },
    });
    expect(step.status).toBe(200);
    const mine = await inbox(myCookie);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'application-moved', body: '您申请的岗位“缝纫工（通知）”：已查看' });
    expect(await outboxOf(me.id)).toHaveLength(1);
  });

  it('escalations reach the officials of the region and the regions above it', async () => {
    const county = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const otherCounty = await createUser(ctx.db, { role: 'official', regionId: tree.countyB.id });
    const written = await notifyOfficials(ctx.db, {
      regionPath: tree.siteA1.path,
      subject: '监测户逾期未走访',
      detail: '3 户逾期 30 天以上',
      dedupeKey: `esc-${county.id}`,
    });
    expect(written).toBeGreaterThanOrEqual(1);
    const mine = await inbox(await signIn(ctx.app, county.login));
    expect(mine.items[0]).toMatchObject({ kind: 'escalation', title: '督办提醒：监测户逾期未走访' });
    expect((await inbox(await signIn(ctx.app, otherCounty.login))).total).toBe(0);
  });

  it('a worker gets one daily digest of visits due and open alerts; a worker with nothing due gets none', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const idle = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const household = await createHousehold(ctx.db, tree.siteA1.id, undefined, { responsibleWorkerId: worker.id });
    await sql`update households set created_at = now() - interval '200 days' where id = ${household.id}`.execute(
      ctx.ownerDb,
    );
    await sendWorkDigests(ctx.db);
    await sendWorkDigests(ctx.db);
    const mine = await inbox(await signIn(ctx.app, worker.login));
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'work-digest', link: '/tracking/worklist' });
    expect(mine.items[0].body).toContain('逾期走访 1 户');
    expect((await inbox(await signIn(ctx.app, idle.login))).total).toBe(0);
  });

  it("the worker's digest counts the overdue workflow steps they take on their households", async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const household = await createHousehold(ctx.db, tree.siteA1.id, undefined, { responsibleWorkerId: worker.id });
    // 入户核实 (a worker's step) is due 7 days after the start: 10 days on, it is overdue.
    await insertOpenWorkflow(ctx.db, {
      countyCode: household.countyCode,
      householdId: household.id,
      startedBy: worker.id,
    });
    setClock(new Date(Date.now() + 10 * 86_400_000));
    await sendWorkDigests(ctx.db);
    const mine = await inbox(await signIn(ctx.app, worker.login));
    expect(mine.total).toBe(1);
    expect(mine.items[0].body).toContain('待办流程逾期 1 步');
  });
});
