import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  createHouseholdWithPerson,
  giveSkill,
  insertOpenJob,
  insertOpenTraining,
} from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

// Applications over HTTP, as the portal drives them: who the caller is (/api/auth/me), what a
// list row carries, and what a hire or a completed course changes in the registry.

let ctx: TestContext;
let tree: RegionTree;
let employer: { id: string; userId: string; cookie: string };
let resident: { personId: string; householdId: string; userId: string; cookie: string };

async function residentFor(personId: string) {
  const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
  await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  return { userId: user.id, cookie: await signIn(ctx.app, user.login) };
}

async function post<T>(cookie: string, path: string, body: unknown, status = 200) {
  const response = await call(ctx.app, 'POST', path, { cookie, body });
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const move = (id: string, state: string, extra: Record<string, unknown> = {}) =>
  post<{ state: string }>(employer.cookie, `/api/applications/${id}/transitions`, { state, ...extra });

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const row = await createEmployer(ctx, { name: '甲县叉车厂' });
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, row.id);
  employer = { id: row.id, userId: user.id, cookie: await signIn(ctx.app, user.login) };
  const person = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '王秀英' });
  resident = { ...person, ...(await residentFor(person.personId)) };
});
afterAll(() => ctx.close());

describe('GET /api/auth/me', () => {
  it('names a resident’s own person and an employer account’s employer', async () => {
    const me = await call(ctx.app, 'GET', '/api/auth/me', { cookie: resident.cookie });
    expect(await me.json()).toMatchObject({ role: 'resident', personId: resident.personId, employerId: null });
    const boss = await call(ctx.app, 'GET', '/api/auth/me', { cookie: employer.cookie });
    expect(await boss.json()).toMatchObject({ role: 'employer', personId: null, employerId: employer.id });
  });

  it('answers null for a resident account not yet linked to the registry', async () => {
    const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    const me = await call(ctx.app, 'GET', '/api/auth/me', { cookie: await signIn(ctx.app, user.login) });
    expect(await me.json()).toMatchObject({ personId: null, employerId: null });
  });
});

describe('application lists', () => {
  it('carry the posting’s title and employer, the applicant’s name, and the moves the caller may make', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（列表）' });
    const filed = await post<{ id: string }>(
      resident.cookie,
      '/api/applications',
      { kind: 'job', opportunityId: job.id },
      201,
    );
    const mine = await call(ctx.app, 'GET', '/api/applications', { cookie: resident.cookie });
    const own = ((await mine.json()) as { items: Record<string, unknown>[] }).items.find((i) => i.id === filed.id);
    expect(own).toMatchObject({
      title: '缝纫工（列表）',
      employerName: '甲县叉车厂',
      personName: '王秀英',
      state: 'applied',
      nextStates: ['withdrawn'],
    });
    const theirs = await call(ctx.app, 'GET', `/api/applications?kind=job&opportunityId=${job.id}`, {
      cookie: employer.cookie,
    });
    const items = ((await theirs.json()) as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => i.id)).toEqual([filed.id]);
    expect(items[0].nextStates).toEqual(['viewed', 'interview', 'rejected']);
  });

  it('a course enrolment carries the certificate the course awards, for whoever marks it completed', async () => {
    const awarding = await insertOpenTraining(ctx.db, employer.id, { code: 'machinery.forklift', level: 1 });
    const plain = await insertOpenTraining(
      ctx.db,
      employer.id,
      { code: 'garment.sewing', level: 1 },
      { title: '缝纫入门', certificate: null },
    );
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（证书）' });
    for (const [kind, opportunityId] of [
      ['training', awarding.id],
      ['training', plain.id],
      ['job', job.id],
    ]) {
      await post(resident.cookie, '/api/applications', { kind, opportunityId }, 201);
    }
    const listed = async (kind: string, opportunityId: string) => {
      const response = await call(ctx.app, 'GET', `/api/applications?kind=${kind}&opportunityId=${opportunityId}`, {
        cookie: employer.cookie,
      });
      const items = ((await response.json()) as { items: Record<string, unknown>[] }).items;
      expect(items).toHaveLength(1);
      return items[0];
    };
    expect(await listed('training', awarding.id)).toMatchObject({
      state: 'enrolled',
      courseCertificate: '特种设备作业人员证（N1）',
      nextStates: ['attending', 'dropped'],
    });
    expect(await listed('training', plain.id)).toMatchObject({ title: '缝纫入门', courseCertificate: null });
    expect(await listed('job', job.id)).toMatchObject({ courseCertificate: null });
  });

  it('an illegal move answers 409 naming where the application is and where it may go', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（非法）' });
    const filed = await post<{ id: string }>(
      resident.cookie,
      '/api/applications',
      { kind: 'job', opportunityId: job.id },
      201,
    );
    await move(filed.id, 'rejected');
    const problem = await post<Record<string, unknown>>(
      employer.cookie,
      `/api/applications/${filed.id}/transitions`,
      { state: 'hired' },
      409,
    );
    expect(problem).toMatchObject({ from: 'rejected', to: 'hired', allowed: [] });
  });
});

describe('what a step changes in the registry', () => {
  it('a hire writes one new employment history record tied to the application', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（录用）' });
    const history = () =>
      ctx.db
        .selectFrom('registryHistory')
        .select(['value', 'detail', 'validFrom'])
        .where('personId', '=', resident.personId)
        .where('attribute', '=', 'employment_status')
        .execute();
    const before = await history();
    const filed = await post<{ id: string }>(
      resident.cookie,
      '/api/applications',
      { kind: 'job', opportunityId: job.id },
      201,
    );
    await move(filed.id, 'viewed');
    await move(filed.id, 'interview');
    expect((await history()).length).toBe(before.length);
    await move(filed.id, 'hired');
    const after = await history();
    expect(after.length).toBe(before.length + 1);
    const added = after.find((h) => !before.some((b) => JSON.stringify(b) === JSON.stringify(h)));
    const detail = typeof added?.detail === 'string' ? JSON.parse(added.detail) : added?.detail;
    expect(added?.value).toBe('employed_local');
    expect(detail).toMatchObject({ applicationId: filed.id, kind: 'job', opportunityId: job.id });
    const person = await ctx.db
      .selectFrom('persons')
      .select('employmentStatus')
      .where('id', '=', resident.personId)
      .executeTakeFirstOrThrow();
    expect(person.employmentStatus).toBe('employed_local');
  });

  it('a completed course with a certificate adds the skill, and a later, higher course raises it', async () => {
    const person = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '李学员' });
    const learner = await residentFor(person.personId);
    const skillOf = () =>
      ctx.db
        .selectFrom('personSkills')
        .select(['level', 'certificate'])
        .where('personId', '=', person.personId)
        .where('skillCode', '=', 'machinery.forklift')
        .executeTakeFirst();
    const complete = async (level: number, certificate: string) => {
      const course = await insertOpenTraining(ctx.db, employer.id, { code: 'machinery.forklift', level });
      const enrolment = await post<{ id: string; state: string }>(
        learner.cookie,
        '/api/applications',
        { kind: 'training', opportunityId: course.id },
        201,
      );
      expect(enrolment.state).toBe('enrolled');
      await move(enrolment.id, 'attending');
      // Attending teaches nothing yet: the skill changes only on completion.
      expect((await skillOf())?.level ?? 0).toBe(level - 1);
      const done = await move(enrolment.id, 'completed', { certificate });
      expect(done.state).toBe('completed');
    };
    expect(await skillOf()).toBeUndefined();
    await complete(1, 'N1-0001');
    expect(await skillOf()).toEqual({ level: 1, certificate: 'N1-0001' });
    await complete(2, 'N1-0002');
    expect(await skillOf()).toEqual({ level: 2, certificate: 'N1-0002' });
  });

  it('a completed course does not lower a skill the person already holds higher', async () => {
    const person = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '赵师傅' });
    await giveSkill(ctx.db, person.personId, tree.countyA.code, 'machinery.forklift', 3, 'OLD-3');
    const learner = await residentFor(person.personId);
    const course = await insertOpenTraining(ctx.db, employer.id, { code: 'machinery.forklift', level: 1 });
    const enrolment = await post<{ id: string }>(
      learner.cookie,
      '/api/applications',
      { kind: 'training', opportunityId: course.id },
      201,
    );
    await move(enrolment.id, 'attending');
    await move(enrolment.id, 'completed', { certificate: 'N1-0003' });
    const skill = await ctx.db
      .selectFrom('personSkills')
      .select(['level'])
      .where('personId', '=', person.personId)
      .where('skillCode', '=', 'machinery.forklift')
      .executeTakeFirstOrThrow();
    expect(skill.level).toBe(3);
  });
});
