import { creditCodeProblem } from '@anju/domain/credit-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, makeCreditCode } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let admin: string;
let worker: string;
let resident: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  worker = await signIn(ctx.app, (await createUser(ctx.db, { role: 'worker' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
});
afterAll(() => ctx.close());

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts published examples and refuses a wrong check character or alphabet', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000600037341L')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')?.code).toBe('credit-code-check');
    expect(creditCodeProblem('91350100M000100I43')?.code).toBe('credit-code-format');
    expect(creditCodeProblem('9135010')?.reason).toMatch(/18 characters/);
  });
});

describe('employers', () => {
  it('lets an employer account register its own employer, linked and unverified', async () => {
    const user = await createUser(ctx.db, { role: 'employer' });
    const cookie = await signIn(ctx.app, user.login);
    const response = await call(ctx.app, 'POST', '/api/employers', {
      cookie,
      body: {
        name: '青山扶贫车间',
        kind: 'workshop',
        creditCode: makeCreditCode(),
        contactPhone: '13800001234',
        lat: 26.6,
        lng: 106.7,
      },
    });
    expect(response.status).toBe(201);
    const employer = await response.json();
    expect(employer).toMatchObject({ kind: 'workshop', verified: false, contactPhone: '13800001234' });
    const row = await ctx.db
      .selectFrom('users')
      .select('employerId')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.employerId).toBe(employer.id);
    const again = await call(ctx.app, 'POST', '/api/employers', {
      cookie,
      body: { name: '第二家', kind: 'individual' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses a bad credit code, a missing one for a cooperative, and a duplicate', async () => {
    const bad = await call(ctx.app, 'POST', '/api/employers', {
      cookie: worker,
      body: { name: '合作社', kind: 'cooperative', creditCode: '91350100M000100Y44' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe('json.creditCode');
    const missing = await call(ctx.app, 'POST', '/api/employers', {
      cookie: worker,
      body: { name: '合作社', kind: 'cooperative' },
    });
    expect((await missing.json()).errors[0].path).toBe('json.creditCode');
    const individual = await call(ctx.app, 'POST', '/api/employers', {
      cookie: worker,
      body: { name: '王师傅', kind: 'individual' },
    });
    expect(individual.status).toBe(201);
    const code = makeCreditCode();
    expect(
      (
        await call(ctx.app, 'POST', '/api/employers', {
          cookie: worker,
          body: { name: 'A', kind: 'enterprise', creditCode: code },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(ctx.app, 'POST', '/api/employers', {
          cookie: worker,
          body: { name: 'B', kind: 'enterprise', creditCode: code },
        })
      ).status,
    ).toBe(409);
  });

  it('refuses residents who try to register an employer', async () => {
    const response = await call(ctx.app, 'POST', '/api/employers', {
      cookie: resident,
      body: { name: 'x', kind: 'individual' },
    });
    expect(response.status).toBe(403);
  });

  it('masks the contact phone for residents, shows it to staff and audits that read', async () => {
    const employer = await createEmployer(ctx, { verified: true, phone: '13912345678' });
    const asResident = await (await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: resident })).json();
    expect(asResident.contactPhone).toBe('139****5678');
    const asAdmin = await (await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: admin })).json();
    expect(asAdmin.contactPhone).toBe('13912345678');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceType', '=', 'employer')
      .where('resourceId', '=', employer.id)
      .execute();
    expect(audit.some((row) => row.fields?.includes('contactPhone'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('13912345678');
  });

  it('hides unverified employers from residents; only admins verify', async () => {
    const employer = await createEmployer(ctx, { verified: false });
    expect((await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: resident })).status).toBe(404);
    const list = await (await call(ctx.app, 'GET', '/api/employers?pageSize=100', { cookie: resident })).json();
    expect(list.items.some((item: { id: string }) => item.id === employer.id)).toBe(false);
    const byWorker = await call(ctx.app, 'POST', `/api/employers/${employer.id}/verify`, {
      cookie: worker,
      body: { verified: true },
    });
    expect(byWorker.status).toBe(403);
    const byAdmin = await call(ctx.app, 'POST', `/api/employers/${employer.id}/verify`, {
      cookie: admin,
      body: { verified: true },
    });
    expect((await byAdmin.json()).verified).toBe(true);
    expect((await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: resident })).status).toBe(200);
  });

  it('lets workers edit small employers at their sites but not enterprises; employers only their own', async () => {
    const tree = await createRegionTree(ctx.db);
    const siteWorker = await signIn(
      ctx.app,
      (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
    );
    const workshop = await createEmployer(ctx, { kind: 'workshop', regionId: tree.siteA1.id });
    const elsewhere = await createEmployer(ctx, { kind: 'workshop', regionId: tree.siteB1.id });
    const enterprise = await createEmployer(ctx, { kind: 'enterprise', regionId: tree.siteA1.id });
    const patch = (id: string, body: Record<string, unknown>, cookie = siteWorker) =>
      call(ctx.app, 'PATCH', `/api/employers/${id}`, { cookie, body }).then((response) => response.status);
    expect(await patch(workshop.id, { name: '改名车间' })).toBe(200);
    expect(await patch(elsewhere.id, { name: '别处车间' })).toBe(404);
    // Nor may a worker move a workshop out of their reach (or a worker elsewhere move it in).
    expect(await patch(workshop.id, { regionId: tree.siteB1.id })).toBe(404);
    expect(await patch(enterprise.id, { name: 'x' })).toBe(404);
    expect(await patch(workshop.id, { name: 'x' }, worker)).toBe(404);
    const owner = await createUser(ctx.db, { role: 'employer' });
    await ctx.db.updateTable('users').set({ employerId: enterprise.id }).where('id', '=', owner.id).execute();
    const ownerCookie = await signIn(ctx.app, owner.login);
    expect(
      (
        await call(ctx.app, 'PATCH', `/api/employers/${enterprise.id}`, {
          cookie: ownerCookie,
          body: { address: '新地址' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(ctx.app, 'PATCH', `/api/employers/${workshop.id}`, { cookie: ownerCookie, body: { address: 'x' } }))
        .status,
    ).toBe(404);
    expect(
      (await call(ctx.app, 'PATCH', `/api/employers/${enterprise.id}`, { cookie: resident, body: { name: 'x' } }))
        .status,
    ).toBe(403);
  });
});
