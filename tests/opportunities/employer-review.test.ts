import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import {
  createEmployer,
  drain,
  linkEmployerAccount,
  makeCreditCode,
  seedTaxonomy,
} from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let admin: string;
let worker: string;
let resident: string;
let official: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  worker = await signIn(ctx.app, (await createUser(ctx.db, { role: 'worker' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
  official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official' })).login);
});
afterAll(() => ctx.close());

const reject = (id: string, cookie: string, body: unknown) =>
  call(ctx.app, 'POST', `/api/employers/${id}/reject`, { cookie, body });

async function employerAccount(employerId: string) {
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, employerId);
  return signIn(ctx.app, user.login);
}

describe('驳回: an admin rejects an employer with a reason', () => {
  it('requires a reason, named by its field, as problem+json', async () => {
    const employer = await createEmployer(ctx, { verified: false });
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const response = await reject(employer.id, admin, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = await response.json();
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain('json.reason');
    }
    const row = await ctx.db
      .selectFrom('employers')
      .select('reviewStatus')
      .where('id', '=', employer.id)
      .executeTakeFirstOrThrow();
    expect(row.reviewStatus).toBe('pending');
  });

  it('is for admins only: workers, officials, residents and the employer itself are refused', async () => {
    const employer = await createEmployer(ctx, { verified: false, kind: 'workshop' });
    const own = await employerAccount(employer.id);
    for (const cookie of [worker, official, resident, own]) {
      expect((await reject(employer.id, cookie, { reason: '材料不全' })).status).toBe(403);
    }
    expect(
      (await call(ctx.app, 'POST', `/api/employers/${employer.id}/reject`, { body: { reason: '材料不全' } })).status,
    ).toBe(401);
    expect((await reject('999999999', admin, { reason: '材料不全' })).status).toBe(404);
  });

  it('shows the employer the reason; it corrects, resubmits (back to pending) and is verified', async () => {
    const employer = await createEmployer(ctx, { verified: false, kind: 'cooperative' });
    const own = await employerAccount(employer.id);
    const rejected = await reject(employer.id, admin, { reason: '  信用代码与营业执照不符  ' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({
      verified: false,
      reviewStatus: 'rejected',
      rejectionReason: '信用代码与营业执照不符',
    });

    const seen = await (await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: own })).json();
    expect(seen).toMatchObject({ reviewStatus: 'rejected', rejectionReason: '信用代码与营业执照不符' });
    expect(seen.rejectedAt).toEqual(expect.any(String));
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'userId'])
      .where('resourceType', '=', 'employer')
      .where('resourceId', '=', employer.id)
      .where('action', '=', 'reject')
      .execute();
    expect(audit).toHaveLength(1);

    // Correcting the profile alone does not reopen the review; resubmitting does.
    const patched = await call(ctx.app, 'PATCH', `/api/employers/${employer.id}`, {
      cookie: own,
      body: { address: '青山安置点3号楼' },
    });
    expect((await patched.json()).reviewStatus).toBe('rejected');
    const resubmitted = await call(ctx.app, 'POST', `/api/employers/${employer.id}/resubmit`, { cookie: own });
    expect(resubmitted.status).toBe(200);
    expect(await resubmitted.json()).toMatchObject({ reviewStatus: 'pending', rejectionReason: null, verified: false });
    // Only a rejected employer is resubmitted.
    expect((await call(ctx.app, 'POST', `/api/employers/${employer.id}/resubmit`, { cookie: own })).status).toBe(409);

    const waiting = await (
      await call(ctx.app, 'GET', '/api/employers?reviewStatus=pending&pageSize=100', { cookie: admin })
    ).json();
    expect(waiting.items.map((e: { id: string }) => e.id)).toContain(employer.id);

    const verified = await call(ctx.app, 'POST', `/api/employers/${employer.id}/verify`, {
      cookie: admin,
      body: { verified: true },
    });
    expect(await verified.json()).toMatchObject({ verified: true, reviewStatus: 'verified' });
    const actions = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('resourceType', '=', 'employer')
      .where('resourceId', '=', employer.id)
      .where('action', 'in', ['reject', 'resubmit', 'verify'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['reject', 'resubmit', 'verify']);
  });

  it('lets no one else resubmit: another employer gets 404, a resident 403', async () => {
    const employer = await createEmployer(ctx, { verified: false, kind: 'enterprise' });
    await reject(employer.id, admin, { reason: '地址不详' });
    const other = await employerAccount((await createEmployer(ctx)).id);
    expect((await call(ctx.app, 'POST', `/api/employers/${employer.id}/resubmit`, { cookie: other })).status).toBe(404);
    expect((await call(ctx.app, 'POST', `/api/employers/${employer.id}/resubmit`, { cookie: worker })).status).toBe(
      404,
    );
    expect((await call(ctx.app, 'POST', `/api/employers/${employer.id}/resubmit`, { cookie: resident })).status).toBe(
      403,
    );
  });
});

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('a verified employer changing who it is', () => {
  it('goes back to review on a new name or credit code (audited); other edits keep it verified', async () => {
    const employer = await createEmployer(ctx, { verified: true, kind: 'enterprise' });
    const own = await employerAccount(employer.id);
    const patch = (body: unknown) => call(ctx.app, 'PATCH', `/api/employers/${employer.id}`, { cookie: own, body });
    expect(await (await patch({ address: '青山安置点5号楼' })).json()).toMatchObject({ reviewStatus: 'verified' });

    const renamed = await patch({ name: '换了名字的公司' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ verified: false, reviewStatus: 'pending' });
    await call(ctx.app, 'POST', `/api/employers/${employer.id}/verify`, { cookie: admin, body: { verified: true } });
    const recoded = await patch({ creditCode: makeCreditCode() });
    expect(await recoded.json()).toMatchObject({ verified: false, reviewStatus: 'pending' });

    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['detail'])
      .where('resourceType', '=', 'employer')
      .where('resourceId', '=', employer.id)
      .where('action', '=', 'update-identity')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.detail)).toEqual([
      expect.objectContaining({ fields: ['name'], returnedToReview: true }),
      expect.objectContaining({ fields: ['creditCode'], returnedToReview: true }),
    ]);
  });
});

describe('a rejected employer’s postings', { timeout: 120_000 }, () => {
  it('are never visible to residents, in lists, by id or in search, even after they were live', async () => {
    const employer = await createEmployer(ctx, { verified: true, name: '被驳回的竹编合作社' });
    const own = await employerAccount(employer.id);
    const posted = await call(ctx.app, 'POST', '/api/trainings', {
      cookie: own,
      body: {
        title: '竹编技艺培训班',
        description: '学编背篓、竹篮',
        status: 'open',
        skillsTaught: [{ code: 'handicraft.bamboo_weaving', level: 2 }],
        seats: 20,
      },
    });
    expect(posted.status).toBe(201);
    const course = (await posted.json()).id as string;
    await drain(ctx);
    const searchIds = async () =>
      (
        (await (await call(ctx.app, 'GET', '/api/search/trainings?q=竹编', { cookie: resident })).json()).hits as {
          id: string;
        }[]
      ).map((hit) => hit.id);
    expect(await searchIds()).toContain(course);

    expect((await reject(employer.id, admin, { reason: '营业执照已过期' })).status).toBe(200);
    await drain(ctx);
    expect(await searchIds()).not.toContain(course);
    expect((await call(ctx.app, 'GET', `/api/trainings/${course}`, { cookie: resident })).status).toBe(404);
    const list = await (await call(ctx.app, 'GET', '/api/trainings?pageSize=100', { cookie: resident })).json();
    expect(list.items.map((t: { id: string }) => t.id)).not.toContain(course);
    expect((await call(ctx.app, 'GET', `/api/employers/${employer.id}`, { cookie: resident })).status).toBe(404);
    // The employer still sees and manages its own course while it corrects its profile.
    expect((await call(ctx.app, 'GET', `/api/trainings/${course}`, { cookie: own })).status).toBe(200);
  });
});
