import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, transitionApplication } from '../../api/src/applications/queries.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson } from '../support/matching-fixtures.ts';
import { createEmployer, jobBody, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let employerCookie: string;
let employerId: string;
let adminCookie: string;
let workerCookie: string;
let residentCookie: string;
let officialCookie: string;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  tree = await createRegionTree(ctx.db);
  const employer = await createEmployer(ctx, { verified: true });
  employerId = employer.id;
  const employerUser = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, employerUser.id, employer.id);
  employerCookie = await signIn(ctx.app, employerUser.login);
  adminCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin', regionId: tree.city.id })).login);
  workerCookie = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  residentCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
  officialCookie = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'official', regionId: tree.city.id })).login,
  );
});
afterAll(() => ctx.close());

const errorsOf = async (response: Response) =>
  ((await response.json()) as { errors: { path: string; message: string }[] }).errors;
const daysFromNow = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

describe('jobs: validation', () => {
  it('creates a job with required skills, enqueues its indexing in the same transaction', async () => {
    const response = await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody() });
    expect(response.status).toBe(201);
    const job = await response.json();
    expect(job).toMatchObject({ title: '缝纫工', status: 'open', employerId, employerVerified: true, version: 1 });
    expect(job.requiredSkills).toEqual([{ code: 'garment.sewing', minLevel: 1 }]);
    const outbox = await ctx.db.selectFrom('searchOutbox').selectAll().where('documentId', '=', job.id).execute();
    expect(outbox.map((row) => row.indexName)).toContain('jobs');
  });

  it.each([
    ['pay min above max', { payMin: 6000, payMax: 5000 }, 'json.payMin'],
    ['deadline in the past', { deadline: daysFromNow(-2) }, 'json.deadline'],
    ['unknown skill code', { requiredSkills: [{ code: 'no.such.skill', minLevel: 1 }] }, 'json.requiredSkills.0.code'],
    ['unknown optional skill', { optionalSkills: ['welding.arc', 'nope'] }, 'json.optionalSkills.1'],
    ['限男性 in the title', { title: '搬运工（限男性）' }, 'json.title'],
    ['仅限女性 in the description', { description: '流水线普工，仅限女性，25-40岁' }, 'json.description'],
    ['限汉族 in the requirements', { requirements: '身体健康，限汉族' }, 'json.requirements'],
    ['男性优先', { requirements: '男性优先' }, 'json.requirements'],
    ['不招少数民族', { description: '不招少数民族' }, 'json.description'],
    ['age min above max', { ageMin: 50, ageMax: 30 }, 'json.ageMin'],
    ['labour export without destination', { employmentType: 'labour_export' }, 'json.destination'],
    [
      'a level above 5',
      { requiredSkills: [{ code: 'garment.sewing', minLevel: 6 }] },
      'json.requiredSkills.0.minLevel',
    ],
  ])('refuses %s, naming the field', async (_name, overrides, path) => {
    const response = await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody(overrides) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await errorsOf(response)).map((e) => e.path)).toContain(path);
  });

  it('explains a discriminatory requirement in plain words', async () => {
    const response = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: employerCookie,
      body: jobBody({ title: '保安 限男' }),
    });
    const [error] = await errorsOf(response);
    expect(error.message).toContain('不得限定性别或民族');
    expect(error.message).toContain('限男');
  });

  it('accepts wording that does not discriminate (男女不限, 苗绣)', async () => {
    const response = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: employerCookie,
      body: jobBody({ title: '苗绣绣娘', requirements: '男女不限，会苗族刺绣' }),
    });
    expect(response.status).toBe(201);
  });

  it('follows draft → open → filled / closed and refuses going back', async () => {
    const created = await (
      await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody({ status: 'draft' }) })
    ).json();
    const patch = (status: string) =>
      call(ctx.app, 'PATCH', `/api/jobs/${created.id}`, { cookie: employerCookie, body: { status } });
    expect((await patch('filled')).status).toBe(409);
    const opened = await patch('open');
    expect(opened.status).toBe(200);
    expect((await opened.json()).version).toBe(2);
    expect((await patch('filled')).status).toBe(200);
    expect((await patch('draft')).status).toBe(409);
    expect((await patch('closed')).status).toBe(200);
  });

  it('checks a patched payMin against the stored payMax', async () => {
    const created = await (
      await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody() })
    ).json();
    const response = await call(ctx.app, 'PATCH', `/api/jobs/${created.id}`, {
      cookie: employerCookie,
      body: { payMin: 9000 },
    });
    expect(response.status).toBe(400);
    expect((await errorsOf(response))[0].path).toBe('json.payMin');
  });
});

describe('trainings and projects', () => {
  it('creates a training course with the skills it teaches', async () => {
    const response = await call(ctx.app, 'POST', '/api/trainings', {
      cookie: employerCookie,
      body: {
        title: '电工上岗培训',
        skillsTaught: [{ code: 'electrical.low_voltage', level: 1 }],
        certificate: '特种作业操作证（低压电工）',
        seats: 30,
        cost: 0,
        subsidyEligible: true,
        childcare: true,
        startDate: daysFromNow(10),
        endDate: daysFromNow(24),
        status: 'open',
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ subsidyEligible: true, childcare: true, seats: 30 });
  });

  it('refuses a training with an unknown skill and an end before its start', async () => {
    const response = await call(ctx.app, 'POST', '/api/trainings', {
      cookie: employerCookie,
      body: {
        title: '培训',
        skillsTaught: [{ code: 'x.y', level: 1 }],
        startDate: daysFromNow(10),
        endDate: daysFromNow(5),
      },
    });
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).map((e) => e.path).sort()).toEqual(['json.endDate', 'json.skillsTaught.0.code']);
  });

  it('creates an industry project and refuses income min above max', async () => {
    const ok = await call(ctx.app, 'POST', '/api/projects', {
      cookie: employerCookie,
      body: {
        title: '食用菌种植基地',
        kind: 'planting',
        requiredSkills: [{ code: 'farming.fungus', minLevel: 1 }],
        positions: 40,
        participationModes: ['wage', 'shareholding'],
        expectedIncomeMin: 20000,
        expectedIncomeMax: 36000,
        status: 'open',
      },
    });
    expect(ok.status).toBe(201);
    const bad = await call(ctx.app, 'POST', '/api/projects', {
      cookie: employerCookie,
      body: { title: '光伏', kind: 'pv', expectedIncomeMin: 5000, expectedIncomeMax: 100 },
    });
    expect(bad.status).toBe(400);
    expect((await errorsOf(bad))[0].path).toBe('json.expectedIncomeMin');
  });
});

describe('authorisation', () => {
  it('refuses residents, helpers and officials who try to post', async () => {
    for (const cookie of [residentCookie, officialCookie]) {
      const response = await call(ctx.app, 'POST', '/api/jobs', { cookie, body: { ...jobBody(), employerId } });
      expect(response.status).toBe(403);
    }
    expect((await call(ctx.app, 'POST', '/api/jobs', { body: jobBody() })).status).toBe(401);
  });

  it('lets workers post for a workshop at their site but not for an enterprise; admins for anyone', async () => {
    const workshop = await createEmployer(ctx, { kind: 'workshop', regionId: tree.siteA1.id });
    const forWorkshop = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: workerCookie,
      body: jobBody({ employerId: workshop.id }),
    });
    expect(forWorkshop.status).toBe(201);
    const forEnterprise = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: workerCookie,
      body: jobBody({ employerId }),
    });
    expect(forEnterprise.status).toBe(403);
    // 代发布 reaches only the worker's sites: a workshop elsewhere, or with no place recorded, is out of scope.
    for (const regionId of [tree.siteB1.id, undefined]) {
      const elsewhere = await createEmployer(ctx, { kind: 'workshop', regionId });
      const refused = await call(ctx.app, 'POST', '/api/trainings', {
        cookie: workerCookie,
        body: { title: '缝纫培训', employerId: elsewhere.id },
      });
      expect(refused.status).toBe(404);
    }
    const course = await call(ctx.app, 'POST', '/api/trainings', {
      cookie: workerCookie,
      body: { title: '缝纫培训', employerId: workshop.id, skillsTaught: [{ code: 'garment.sewing', level: 2 }] },
    });
    expect(course.status).toBe(201);
    expect(await course.json()).toMatchObject({ employerId: workshop.id, status: 'draft' });
    const byAdmin = await call(ctx.app, 'POST', '/api/jobs', { cookie: adminCookie, body: jobBody({ employerId }) });
    expect(byAdmin.status).toBe(201);
    const missing = await call(ctx.app, 'POST', '/api/jobs', { cookie: adminCookie, body: jobBody() });
    expect((await errorsOf(missing))[0].path).toBe('json.employerId');
  });

  it('keeps employers to their own postings', async () => {
    const other = await createEmployer(ctx, { verified: true });
    const otherUser = await createUser(ctx.db, { role: 'employer' });
    await linkEmployerAccount(ctx, otherUser.id, other.id);
    const otherCookie = await signIn(ctx.app, otherUser.login);
    const mine = await (
      await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody({ status: 'draft' }) })
    ).json();
    expect(
      (await call(ctx.app, 'PATCH', `/api/jobs/${mine.id}`, { cookie: otherCookie, body: { title: '改' } })).status,
    ).toBe(404);
    expect((await call(ctx.app, 'DELETE', `/api/jobs/${mine.id}`, { cookie: otherCookie })).status).toBe(404);
    expect((await call(ctx.app, 'GET', `/api/jobs/${mine.id}`, { cookie: otherCookie })).status).toBe(404);
    const spoof = await call(ctx.app, 'POST', '/api/jobs', { cookie: otherCookie, body: jobBody({ employerId }) });
    expect(spoof.status).toBe(403);
    expect((await call(ctx.app, 'DELETE', `/api/jobs/${mine.id}`, { cookie: employerCookie })).status).toBe(204);
  });

  it('shows residents only open postings of verified employers', async () => {
    const unverified = await createEmployer(ctx, { verified: false });
    const hiddenOpen = await (
      await call(ctx.app, 'POST', '/api/jobs', {
        cookie: adminCookie,
        body: jobBody({ employerId: unverified.id, title: '未认证岗位' }),
      })
    ).json();
    const draft = await (
      await call(ctx.app, 'POST', '/api/jobs', {
        cookie: employerCookie,
        body: jobBody({ status: 'draft', title: '草稿岗位' }),
      })
    ).json();
    const visible = await (
      await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody({ title: '公开岗位' }) })
    ).json();
    const list = await (await call(ctx.app, 'GET', '/api/jobs?pageSize=100', { cookie: residentCookie })).json();
    const ids = list.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(visible.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(hiddenOpen.id);
    expect(
      list.items.every(
        (item: { status: string; employerVerified: boolean }) => item.status === 'open' && item.employerVerified,
      ),
    ).toBe(true);
    expect((await call(ctx.app, 'GET', `/api/jobs/${draft.id}`, { cookie: residentCookie })).status).toBe(404);
    expect((await call(ctx.app, 'GET', `/api/jobs/${hiddenOpen.id}`, { cookie: residentCookie })).status).toBe(404);
    // Staff see everything; the employer sees its own draft.
    expect((await call(ctx.app, 'GET', `/api/jobs/${draft.id}`, { cookie: officialCookie })).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/api/jobs/${draft.id}`, { cookie: employerCookie })).status).toBe(200);
  });
});

describe('我的岗位: how many applied to each posting', () => {
  type Listed = { id: string; applicationCount?: number | null; newApplicationCount?: number | null };
  const listed = async (path: string, cookie: string, id: string) =>
    ((await (await call(ctx.app, 'GET', path, { cookie })).json()).items as Listed[]).find((item) => item.id === id);

  it('counts, in the employer own list only, the applications not withdrawn and those not yet looked at', async () => {
    const post = async (body: Record<string, unknown>) =>
      (await (await call(ctx.app, 'POST', '/api/jobs', { cookie: employerCookie, body: jobBody(body) })).json()) as {
        id: string;
      };
    const busy = await post({ title: '包装工' });
    const quiet = await post({ title: '仓库搬运' });
    const apply = async (opportunityId: string) => {
      const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
      return createApplication(ctx.db, {
        kind: 'job',
        opportunityId,
        personId,
        createdBy: null,
        actorRole: 'resident',
      });
    };
    const move = (applicationId: string, to: 'viewed' | 'withdrawn') =>
      transitionApplication(ctx.db, {
        applicationId,
        to,
        side: to === 'viewed' ? 'provider' : 'applicant',
        actorUserId: null,
        actorRole: to === 'viewed' ? 'employer' : 'resident',
      });
    await apply(busy.id);
    await apply(busy.id);
    await move((await apply(busy.id)).id, 'viewed');
    await move((await apply(busy.id)).id, 'withdrawn');
    // A training enrolment with the same number is another kind: not counted for the job.
    const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code);
    await createApplication(ctx.db, {
      kind: 'training',
      opportunityId: busy.id,
      personId,
      createdBy: null,
      actorRole: 'resident',
    });

    const own = `/api/jobs?employerId=${employerId}&pageSize=100`;
    expect(await listed(own, employerCookie, busy.id)).toMatchObject({ applicationCount: 3, newApplicationCount: 2 });
    expect(await listed(own, employerCookie, quiet.id)).toMatchObject({ applicationCount: 0, newApplicationCount: 0 });
    // Nobody else learns how many applied: not staff, not a resident, not another employer.
    const other = await createUser(ctx.db, { role: 'employer' });
    await linkEmployerAccount(ctx, other.id, (await createEmployer(ctx, { verified: true })).id);
    for (const cookie of [adminCookie, residentCookie, await signIn(ctx.app, other.login)]) {
      const seen = await listed(own, cookie, busy.id);
      expect(seen?.id).toBe(busy.id);
      expect(seen?.applicationCount ?? null).toBeNull();
      expect(seen?.newApplicationCount ?? null).toBeNull();
    }
  });
});
