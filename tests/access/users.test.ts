import { chinaToday } from '@anju/domain/clock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { uniquePhone } from './matrix.ts';

let ctx: TestContext;
let tree: RegionTree;
let adminCookie: string;
let workerCookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id });
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  adminCookie = await signIn(ctx.app, admin.login);
  workerCookie = await signIn(ctx.app, worker.login);
});
afterAll(() => ctx.close());

const auditOf = (resourceId: string) =>
  ctx.db.selectFrom('auditLog').selectAll().where('resourceId', '=', resourceId).orderBy('id').execute();

describe('a community worker and a resident', () => {
  it('creates a resident, hands over a setup code once, and the resident sets a password with it', async () => {
    const phone = uniquePhone();
    const created = await call(ctx.app, 'POST', '/api/users', {
      cookie: workerCookie,
      body: { role: 'resident', name: '杨秀英', phone, homeSiteId: tree.siteA1.id },
    });
    expect(created.status).toBe(201);
    const user = await created.json();
    expect(user).toMatchObject({ role: 'resident', hasPassword: false, homeSiteId: tree.siteA1.id });
    expect(user.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);

    const issued = await call(ctx.app, 'POST', `/api/users/${user.id}/setup-code`, { cookie: workerCookie });
    expect(issued.status).toBe(201);
    const { code, login } = await issued.json();
    expect(code).toMatch(/^\d{6}$/);
    expect(login).toBe(phone);
    const stored = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.setupCodeHash).not.toContain(code);

    const setup = await call(ctx.app, 'POST', '/api/auth/setup', {
      body: { login: phone, code, password: 'river-stone-garden' },
    });
    expect(setup.status).toBe(200);
    expect(await signIn(ctx.app, phone, 'river-stone-garden')).toMatch(/^anju_session=/);
    // The code worked once only.
    const again = await call(ctx.app, 'POST', '/api/auth/setup', {
      body: { login: phone, code, password: 'another-good-phrase' },
    });
    expect(again.status).toBe(401);
    const actions = (await auditOf(user.id)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.setup-code', 'account-setup']));
  });

  it('refuses a resident on a site the worker does not cover (403, audited) and staff accounts', async () => {
    const outside = await call(ctx.app, 'POST', '/api/users', {
      cookie: workerCookie,
      body: { role: 'resident', name: '外地人', phone: uniquePhone(), homeSiteId: tree.siteB1.id },
    });
    expect(outside.status).toBe(403);
    expect((await outside.json()).errors).toEqual([
      { path: 'json.homeSiteId', message: 'outside your regions', code: 'outside-scope' },
    ]);
    const staff = await call(ctx.app, 'POST', '/api/users', {
      cookie: workerCookie,
      body: { role: 'official', name: '假官员', login: 'fake-official', regionId: tree.countyA.id },
    });
    expect(staff.status).toBe(403);
    const denied = await ctx.db
      .selectFrom('auditLog')
      .select('outcome')
      .where('action', '=', 'POST /api/users')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('may change a resident’s name but not their password or role-bound fields', async () => {
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, phone: uniquePhone() });
    const renamed = await call(ctx.app, 'PATCH', `/api/users/${resident.id}`, {
      cookie: workerCookie,
      body: { name: '新名字' },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).name).toBe('新名字');
    const password = await call(ctx.app, 'PATCH', `/api/users/${resident.id}`, {
      cookie: workerCookie,
      body: { password: 'river-stone-garden' },
    });
    expect(password.status).toBe(403);
  });
});

describe('setup codes for an account that has a password', () => {
  it('are issued only at the person’s documented request (audited), never logged, and end every session', async () => {
    const phone = uniquePhone();
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, phone });
    const residentCookie = await signIn(ctx.app, resident.login);
    // A worker cannot simply take the account over with a code of their own.
    const refused = await call(ctx.app, 'POST', `/api/users/${resident.id}/setup-code`, { cookie: workerCookie });
    expect(refused.status).toBe(409);
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ path: 'json.residentRequest' })]);
    const printed = [vi.spyOn(console, 'log'), vi.spyOn(console, 'info'), vi.spyOn(console, 'error')];
    const residentRequest = '本人 12 月 5 日到社区服务中心申请重置密码，已核验身份证';
    const issued = await call(ctx.app, 'POST', `/api/users/${resident.id}/setup-code`, {
      cookie: workerCookie,
      body: { residentRequest },
    });
    expect(issued.status).toBe(201);
    const { code } = await issued.json();
    const audit = (await auditOf(resident.id)).find((row) => row.action === 'user.setup-code');
    expect(audit?.detail).toMatchObject({ hadPassword: true, residentRequest });

    const setup = await call(ctx.app, 'POST', '/api/auth/setup', {
      body: { login: phone, code, password: 'quiet-harbour-lantern' },
    });
    expect(setup.status).toBe(200);
    // The session that existed before the new password is gone; the new one works.
    expect((await call(ctx.app, 'GET', '/api/auth/me', { cookie: residentCookie })).status).toBe(401);
    const fresh = (setup.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await call(ctx.app, 'GET', '/api/auth/me', { cookie: fresh })).status).toBe(200);
    // The code appears in no log line (as a number of its own, not inside a timestamp).
    const asNumber = new RegExp(`(?<!\\d)${code}(?!\\d)`);
    expect(JSON.stringify(ctx.logs)).not.toMatch(asNumber);
    expect(JSON.stringify(printed.flatMap((spy) => spy.mock.calls))).not.toMatch(asNumber);
    for (const spy of printed) spy.mockRestore();
  });
});

describe('an admin', () => {
  it('creates staff with field checks naming each problem', async () => {
    const bad = await call(ctx.app, 'POST', '/api/users', {
      cookie: adminCookie,
      body: { role: 'worker', name: '新网格员', login: 'new-worker-x', password: 'password123' },
    });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(['json.assignedRegionIds', 'json.password']);

    const good = await call(ctx.app, 'POST', '/api/users', {
      cookie: adminCookie,
      body: {
        role: 'worker',
        name: '新网格员',
        login: 'new-worker-x',
        password: 'purple-lantern-bridge',
        assignedRegionIds: [tree.siteA1.id, tree.siteA2.id],
      },
    });
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ assignedRegionIds: [tree.siteA1.id, tree.siteA2.id], hasPassword: true });
    expect(await signIn(ctx.app, 'new-worker-x', 'purple-lantern-bridge')).toMatch(/^anju_session=/);

    const taken = await call(ctx.app, 'POST', '/api/users', {
      cookie: adminCookie,
      body: { role: 'employer', name: '重名', login: 'new-worker-x' },
    });
    expect(taken.status).toBe(409);
  });

  it('disables an account: all its sessions end and it cannot sign in; enabling lets it back', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const disabled = await call(ctx.app, 'POST', `/api/users/${worker.id}/disable`, { cookie: adminCookie });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).status).toBe('disabled');
    expect((await call(ctx.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect(await ctx.db.selectFrom('sessions').select('id').where('userId', '=', worker.id).execute()).toEqual([]);
    await expect(signIn(ctx.app, worker.login)).rejects.toThrow(/401/);
    expect((await call(ctx.app, 'POST', `/api/users/${worker.id}/enable`, { cookie: adminCookie })).status).toBe(200);
    expect(await signIn(ctx.app, worker.login)).toMatch(/^anju_session=/);
    expect((await auditOf(worker.id)).map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.disable', 'user.enable']),
    );
  });

  it('refuses an update that would leave an account without a way to sign in or without its region', async () => {
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const noLogin = await call(ctx.app, 'PATCH', `/api/users/${official.id}`, {
      cookie: adminCookie,
      body: { login: null },
    });
    expect(noLogin.status).toBe(400);
    expect((await noLogin.json()).errors).toEqual([
      { path: 'json.login', message: 'a login or a phone number is required', code: 'required' },
    ]);
    const noRegion = await call(ctx.app, 'PATCH', `/api/users/${official.id}`, {
      cookie: adminCookie,
      body: { regionId: null },
    });
    expect(noRegion.status).toBe(400);
    const moved = await call(ctx.app, 'PATCH', `/api/users/${official.id}`, {
      cookie: adminCookie,
      body: { regionId: tree.countyB.id, password: 'amber-field-sunrise' },
    });
    expect(moved.status).toBe(200);
    expect((await moved.json()).regionId).toBe(tree.countyB.id);
  });

  it('cannot disable their own account', async () => {
    const me = await (await call(ctx.app, 'GET', '/api/auth/me', { cookie: adminCookie })).json();
    expect((await call(ctx.app, 'POST', `/api/users/${me.id}/disable`, { cookie: adminCookie })).status).toBe(409);
  });

  it('sees a phone unmasked only when asking, and that read is audited by field name', async () => {
    const phone = uniquePhone();
    const resident = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteB1.id, phone });
    const masked = await (await call(ctx.app, 'GET', `/api/users/${resident.id}`, { cookie: adminCookie })).json();
    expect(masked.phone).not.toBe(phone);
    const revealed = await call(ctx.app, 'GET', `/api/users/${resident.id}?reveal=phone`, { cookie: adminCookie });
    expect((await revealed.json()).phone).toBe(phone);
    const read = (await auditOf(resident.id)).find((row) => row.action === 'read');
    expect(read?.fields).toEqual(['phone']);
    expect(JSON.stringify(read)).not.toContain(phone);
  });

  it('pages and filters the list', async () => {
    const page = await (
      await call(ctx.app, 'GET', '/api/users?role=worker&pageSize=1&page=1', { cookie: adminCookie })
    ).json();
    expect(page).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items[0].role).toBe('worker');
    const invalid = await call(ctx.app, 'GET', '/api/users?pageSize=1000', { cookie: adminCookie });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors[0].path).toBe('query.pageSize');
  });
});

describe('the audit log API', () => {
  it('shows an official only entries within their county, filtered and paged', async () => {
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
    const cookie = await signIn(ctx.app, official.login);
    const workerA = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const workerB = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] });
    await signIn(ctx.app, workerA.login);
    const cookieB = await signIn(ctx.app, workerB.login);
    // A refused request by each worker is audited with the worker's region.
    await call(ctx.app, 'GET', '/api/audit-log', { cookie: workerCookie });
    await call(ctx.app, 'GET', '/api/audit-log', { cookie: cookieB });
    const page = await (await call(ctx.app, 'GET', '/api/audit-log?outcome=denied&pageSize=100', { cookie })).json();
    const regions = page.items.map((item: { regionPath: string }) => item.regionPath);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((path: string) => path.startsWith(tree.countyA.path))).toBe(true);
    expect(page.items.every((item: { outcome: string }) => item.outcome === 'denied')).toBe(true);
    const today = chinaToday(); // the audit log's days are China days (the session runs in Asia/Shanghai)
    const byDay = await call(ctx.app, 'GET', `/api/audit-log?from=${today}&to=${today}`, { cookie: adminCookie });
    expect((await byDay.json()).total).toBeGreaterThan(0);
    const backwards = await call(ctx.app, 'GET', '/api/audit-log?from=2026-02-02&to=2026-01-01', { cookie });
    expect(backwards.status).toBe(400);
  });
});
