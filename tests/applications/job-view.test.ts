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

// 岗位详情 for one person, applying from it, and the inboxes on both sides (issue 19).

let ctx: TestContext;
let tree: RegionTree;
let employer: { id: string; userId: string; cookie: string };
let resident: { personId: string; householdId: string; userId: string; cookie: string };

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type View = {
  job: {
    monthlyPay: { min: number; max: number } | null;
    pay: { unit: string } | null;
    requiredSkills: { nameZh: string }[];
  };
  place: { homeSite: string | null; distanceKm: number | null; shuttleFromHome: boolean; shuttleSites: string[] };
  fit: {
    excluded: boolean;
    suitable: boolean;
    fits: { code: string }[];
    lacks: { code: string; text: { zh: string } }[];
  };
  pathways: { skill: string; courses: { id: string }[] }[];
  application: { id: string; state: string } | null;
};
type Inbox = { items: { kind: string; title: string; body: string; link: string | null }[] };

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const row = await createEmployer(ctx, { name: '甲县叉车厂' });
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, row.id);
  employer = { id: row.id, userId: user.id, cookie: await signIn(ctx.app, user.login) };
  const person = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '李桂兰' });
  await giveSkill(ctx.db, person.personId, tree.countyA.code, 'garment.sewing', 2);
  const account = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
  await ctx.db.updateTable('users').set({ personId: person.personId }).where('id', '=', account.id).execute();
  resident = { ...person, userId: account.id, cookie: await signIn(ctx.app, account.login) };
});
afterAll(() => ctx.close());

const view = (cookie: string, personId: string, jobId: string) =>
  call(ctx.app, 'GET', `/api/persons/${personId}/jobs/${jobId}`, { cookie });

describe('GET /api/persons/{id}/jobs/{jobId}', () => {
  it('turns a day rate into money a month, says how far and whether the shuttle runs, and why it fits', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, {
      title: '缝纫工（日结）',
      payMin: 150,
      payMax: 180,
      payUnit: 'day',
      shuttleSiteIds: [tree.siteA1.id],
    });
    const body = await json<View>(await view(resident.cookie, resident.personId, job.id), 200);
    expect(body.job.pay?.unit).toBe('day');
    expect(body.job.monthlyPay?.min).toBeGreaterThan(150 * 20);
    expect(body.job.requiredSkills[0].nameZh).toBeTruthy();
    expect(body.place.homeSite).toBeTruthy();
    expect(body.place.distanceKm).toBeGreaterThan(0);
    expect(body.place.distanceKm).toBeLessThan(5);
    expect(body.place.shuttleFromHome).toBe(true);
    expect(body.place.shuttleSites).toEqual([body.place.homeSite]);
    expect(body.fit.excluded).toBe(false);
    expect(body.fit.fits.map((r) => r.code)).toContain('skill.met');
    expect(body.fit.lacks).toEqual([]);
    expect(body.application).toBeNull();
  });

  it('names what the person lacks and the course near them that teaches it', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, {
      title: '叉车司机',
      requiredSkills: JSON.stringify([{ code: 'machinery.forklift', minLevel: 1 }]),
    });
    const course = await insertOpenTraining(ctx.db, employer.id, { code: 'machinery.forklift', level: 2 });
    const body = await json<View>(await view(resident.cookie, resident.personId, job.id), 200);
    // Forklift work needs a licence (持证上岗): matching rules the job out and says what is missing.
    expect(body.fit.suitable).toBe(false);
    expect(body.fit.lacks.length).toBeGreaterThan(0);
    expect(body.fit.lacks.map((r) => r.text.zh).join(' ')).toMatch(/叉车|证/);
    expect(body.pathways.flatMap((p) => p.courses.map((c) => c.id))).toContain(course.id);
  });

  it('is the resident’s own: another resident, an unassigned helper and an employer get 404', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（范围）' });
    const other = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    for (const cookie of [await signIn(ctx.app, other.login), await signIn(ctx.app, helper.login), employer.cookie]) {
      const response = await view(cookie, resident.personId, job.id);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('hides a draft posting from the resident and answers 400 naming a bad id', async () => {
    const draft = await insertOpenJob(ctx.db, employer.id, { title: '草稿岗位', status: 'draft' });
    expect((await view(resident.cookie, resident.personId, draft.id)).status).toBe(404);
    const bad = await json<{ errors: { path: string }[] }>(await view(resident.cookie, resident.personId, 'abc'), 400);
    expect(bad.errors.map((e) => e.path).join(' ')).toMatch(/jobId/);
  });
});

describe('applying from the job page', () => {
  it('a helper applies for the resident: the employer’s inbox hears of it, a second try says already applied', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（代申请）' });
    const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.id, householdId: resident.householdId, countyCode: tree.countyA.code })
      .execute();
    const helperCookie = await signIn(ctx.app, helper.login);
    const filed = await json<{ id: string; state: string }>(
      await call(ctx.app, 'POST', '/api/applications', {
        cookie: helperCookie,
        body: { kind: 'job', opportunityId: job.id, personId: resident.personId },
      }),
      201,
    );
    const events = await ctx.db
      .selectFrom('applicationEvents')
      .select(['actorUserId', 'actorRole'])
      .where('applicationId', '=', filed.id)
      .execute();
    expect(events).toEqual([{ actorUserId: helper.id, actorRole: 'helper' }]);
    const inbox = await json<Inbox>(await call(ctx.app, 'GET', '/api/notifications', { cookie: employer.cookie }), 200);
    expect(inbox.items.find((n) => n.kind === 'application-new' && n.title.includes('缝纫工（代申请）'))).toMatchObject(
      {
        body: expect.stringContaining('李桂兰'),
        link: `/candidates?kind=job&posting=${job.id}`,
      },
    );
    const again = await json<{ reason: string }>(
      await call(ctx.app, 'POST', '/api/applications', {
        cookie: resident.cookie,
        body: { kind: 'job', opportunityId: job.id },
      }),
      409,
    );
    expect(again.reason).toBe('already-applied');
    const seen = await json<View>(await view(resident.cookie, resident.personId, job.id), 200);
    expect(seen.application).toMatchObject({ id: filed.id, state: 'applied' });
  });

  it('each move the employer makes reaches the resident’s inbox, and the steps carry their dates', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（进度）' });
    const filed = await json<{ id: string }>(
      await call(ctx.app, 'POST', '/api/applications', {
        cookie: resident.cookie,
        body: { kind: 'job', opportunityId: job.id },
      }),
      201,
    );
    for (const state of ['viewed', 'interview']) {
      await json(
        await call(ctx.app, 'POST', `/api/applications/${filed.id}/transitions`, {
          cookie: employer.cookie,
          body: { state },
        }),
        200,
      );
    }
    const inbox = await json<Inbox>(await call(ctx.app, 'GET', '/api/notifications', { cookie: resident.cookie }), 200);
    const mine = inbox.items.filter((n) => n.kind === 'application-moved' && n.title.includes('缝纫工（进度）'));
    expect(mine.map((n) => n.body)).toEqual([expect.stringContaining('约面试'), expect.stringContaining('已查看')]);
    const steps = await json<{ events: { toState: string; occurredAt: string }[] }>(
      await call(ctx.app, 'GET', `/api/applications/${filed.id}`, { cookie: resident.cookie }),
      200,
    );
    expect(steps.events.map((e) => e.toState)).toEqual(['applied', 'viewed', 'interview']);
    expect(steps.events.every((e) => !Number.isNaN(Date.parse(e.occurredAt)))).toBe(true);
  });

  it('a closed posting answers 409 with the reason closed', async () => {
    const job = await insertOpenJob(ctx.db, employer.id, { title: '缝纫工（已满）', status: 'filled' });
    const problem = await json<{ reason: string }>(
      await call(ctx.app, 'POST', '/api/applications', {
        cookie: resident.cookie,
        body: { kind: 'job', opportunityId: job.id },
      }),
      409,
    );
    expect(problem.reason).toBe('closed');
  });
});
