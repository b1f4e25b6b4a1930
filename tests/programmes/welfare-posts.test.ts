import { resetClock, setClock } from '@anju/domain/clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let worker: string;
let official: string;
let otherWorker: string;
let admin: string;
let resident: string;
let weak: TestHousehold; // two weak-labour members, monitored
let strong: TestHousehold; // full labour, not monitored
let outside: TestHousehold;

// Noon in China on 2026-11-05.
const NOV_5 = new Date('2026-11-05T04:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login);
  otherWorker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] })).login,
  );
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  weak = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    monitoringCategory: 'unstable',
    members: [
      { name: '李弱一', relation: 'head', laborCapacity: 'weak' },
      { name: '李弱二', relation: 'spouse', laborCapacity: 'weak' },
    ],
  });
  strong = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    members: [{ name: '赵强', laborCapacity: 'full' }],
  });
  outside = await createHousehold(ctx.db, { siteId: tree.siteB1.id, members: [{ laborCapacity: 'weak' }] });
  await ctx.db
    .updateTable('persons')
    .set({ birthDate: '1970-03-01' })
    .where('id', 'in', [...weak.personIds, ...strong.personIds])
    .execute();
  const residentUser = await createUser(ctx.db, { role: 'resident' });
  await ctx.db.updateTable('users').set({ personId: weak.personIds[0] }).where('id', '=', residentUser.id).execute();
  resident = await signIn(ctx.app, residentUser.login);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

/** POST /api/welfare-posts as the site's worker: a 保洁员 post on site A1 unless `overrides` say otherwise. */
function postWelfarePost(overrides: Record<string, unknown> = {}) {
  return call(ctx.app, 'POST', '/api/welfare-posts', {
    cookie: worker,
    body: {
      siteId: tree.siteA1.id,
      title: '保洁员',
      quota: 2,
      monthlyPayYuan: 800,
      eligibility: { laborCapacities: ['weak', 'none'], minAge: 40, maxAge: 65 },
      ...overrides,
    },
  });
}

async function createPost(overrides: Record<string, unknown> = {}) {
  const response = await postWelfarePost(overrides);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; filled: number; siteName: string };
}

const assign = (postId: string, personId: string, term = { startOn: '2026-11-01', endOn: '2027-10-31' }) =>
  call(ctx.app, 'POST', `/api/welfare-posts/${postId}/assignments`, { cookie: worker, body: { personId, ...term } });

describe('公益性岗位 posts and assignments', () => {
  it('creates a post at a site in scope and lists it by scope', async () => {
    setClock(NOV_5);
    const post = await createPost();
    expect(post).toMatchObject({ siteName: '甲一安置点', filled: 0 });
    const ids = async (cookie: string) =>
      (
        (await (await call(ctx.app, 'GET', '/api/welfare-posts?pageSize=100', { cookie })).json()) as {
          items: { id: string }[];
        }
      ).items.map((item) => item.id);
    expect(await ids(official)).toContain(post.id);
    expect(await ids(otherWorker)).not.toContain(post.id);
    const outsideSite = await postWelfarePost({
      siteId: tree.siteB1.id,
      title: '护林员',
      quota: 1,
      monthlyPayYuan: 600,
    });
    expect(outsideSite.status).toBe(404);
    const badRules = await postWelfarePost({ eligibility: { minAge: 60, maxAge: 50, x: 1 } });
    expect(badRules.status).toBe(400);
  });

  it('refuses an ineligible person with a code and the failed rule in Chinese', async () => {
    setClock(NOV_5);
    const post = await createPost();
    const refused = await assign(post.id, strong.personIds[0] as string);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { code: string; rule: string; reasonZh: string };
    expect(problem).toMatchObject({ code: 'welfare-ineligible', rule: 'laborCapacity' });
    expect(problem.reasonZh).toContain('劳动能力不符');
    // 未登记: refused with a request to record it first, and a post cannot be made for it.
    const unrecorded = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ name: '周未登', laborCapacity: 'unknown' }],
    });
    const asked = await assign(post.id, unrecorded.personIds[0] as string);
    expect(asked.status).toBe(409);
    expect(((await asked.json()) as { reasonZh: string }).reasonZh).toContain('劳动能力未登记');
    const forUnknown = await postWelfarePost({ eligibility: { laborCapacities: ['unknown'] } });
    expect(forUnknown.status).toBe(400);
    expect(((await forUnknown.json()) as { errors: { path: string }[] }).errors[0].path).toMatch(
      /^json\.eligibility\.laborCapacities\.0/,
    );
    const monitoredOnly = await createPost({ eligibility: { monitoredHouseholdOnly: true } });
    const notMonitored = (await (await assign(monitoredOnly.id, strong.personIds[0] as string)).json()) as {
      rule: string;
      reasonZh: string;
    };
    expect(notMonitored).toMatchObject({
      rule: 'monitoredHousehold',
      reasonZh: '本岗位只面向防返贫监测户，此户不是监测户',
    });
    const young = await createPost({ eligibility: { minAge: 60 } });
    const tooYoung = (await (await assign(young.id, weak.personIds[0] as string)).json()) as {
      rule: string;
      reasonZh: string;
    };
    expect(tooYoung.rule).toBe('age');
    expect(tooYoung.reasonZh).toBe('年龄不符：本岗位要求60岁及以上，此人56岁');
    expect((await assign(post.id, outside.personIds[0] as string)).status).toBe(404);
  });

  it('holds a household to the policy limit (default 1): 409 household-post-limit; an admin may raise it', async () => {
    setClock(NOV_5);
    const first = await createPost({ title: '护路员' });
    const second = await createPost({ title: '图书管理员' });
    const ok = await assign(first.id, weak.personIds[0] as string);
    expect(ok.status, await ok.clone().text()).toBe(201);
    const limited = await assign(second.id, weak.personIds[1] as string);
    expect(limited.status).toBe(409);
    expect(await limited.json()).toMatchObject({ code: 'household-post-limit', limit: 1 });
    // A term that starts after the first one ends does not overlap: allowed.
    const later = await assign(second.id, weak.personIds[1] as string, { startOn: '2027-11-01', endOn: '2028-10-31' });
    expect(later.status).toBe(201);
    expect(
      (await call(ctx.app, 'PUT', '/api/welfare-posts/policy', { cookie: worker, body: { householdPostLimit: 2 } }))
        .status,
    ).toBe(403);
    const raised = await call(ctx.app, 'PUT', '/api/welfare-posts/policy', {
      cookie: admin,
      body: { householdPostLimit: 2 },
    });
    expect(raised.status).toBe(200);
    try {
      const third = await createPost({ title: '保安' });
      expect((await assign(third.id, weak.personIds[1] as string)).status).toBe(201);
    } finally {
      await call(ctx.app, 'PUT', '/api/welfare-posts/policy', { cookie: admin, body: { householdPostLimit: 1 } });
    }
  });

  it('fills up to the quota (409 post-quota-full) and counts filled posts today', async () => {
    setClock(NOV_5);
    const post = await createPost({ quota: 1, eligibility: {} });
    expect((await assign(post.id, strong.personIds[0] as string)).status).toBe(201);
    const other = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const full = await assign(post.id, other.personIds[0] as string);
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ code: 'post-quota-full' });
    const detail = (await (
      await call(ctx.app, 'GET', `/api/welfare-posts/${post.id}`, { cookie: official })
    ).json()) as {
      filled: number;
      assignments: { personName: string }[];
    };
    expect(detail.filled).toBe(1);
    expect(detail.assignments[0]?.personName).toBe('赵*');
  });
});

describe('attendance, pay, rotation and the worklist', () => {
  it('records monthly attendance and pay, ends a term early, and lists terms ending within 30 days', async () => {
    setClock(NOV_5);
    const post = await createPost({ title: '公厕保洁', eligibility: {} });
    const person = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{ name: '钱轮换' }] });
    const assigned = (await (
      await assign(post.id, person.personIds[0] as string, { startOn: '2026-01-01', endOn: '2026-11-30' })
    ).json()) as { id: string };
    const month = await call(ctx.app, 'PUT', `/api/welfare-posts/assignments/${assigned.id}/months`, {
      cookie: worker,
      body: { month: '2026-10', attendanceDays: 22, payYuan: 800 },
    });
    expect(month.status, await month.clone().text()).toBe(200);
    const corrected = await call(ctx.app, 'PUT', `/api/welfare-posts/assignments/${assigned.id}/months`, {
      cookie: worker,
      body: { month: '2026-10', attendanceDays: 20, payYuan: 730 },
    });
    expect(await corrected.json()).toMatchObject({ attendanceDays: 20, payYuan: 730 });
    const future = await call(ctx.app, 'PUT', `/api/welfare-posts/assignments/${assigned.id}/months`, {
      cookie: worker,
      body: { month: '2026-12', attendanceDays: 20, payYuan: 730 },
    });
    expect(future.status).toBe(400);
    const months = (await (
      await call(ctx.app, 'GET', `/api/welfare-posts/assignments/${assigned.id}/months`, { cookie: official })
    ).json()) as { items: unknown[] };
    expect(months.items).toHaveLength(1);
    expect(
      (await call(ctx.app, 'GET', `/api/welfare-posts/assignments/${assigned.id}/months`, { cookie: otherWorker }))
        .status,
    ).toBe(404);

    const worklist = async () =>
      (
        (await (
          await call(ctx.app, 'GET', '/api/worklist?kind=welfare_term_end&pageSize=100', { cookie: worker })
        ).json()) as {
          items: { refId: string; dueOn: string; explanationZh: string }[];
        }
      ).items.filter((item) => item.refId === assigned.id);
    const due = await worklist();
    expect(due).toHaveLength(1);
    expect(due[0]?.dueOn).toBe('2026-11-30');
    expect(due[0]?.explanationZh).toContain('公益性岗位「公厕保洁」任期2026-11-30届满');
    // 31 days before the end it is not there yet.
    setClock(new Date('2026-10-30T04:00:00Z'));
    expect(await worklist()).toHaveLength(0);
    setClock(NOV_5);

    const ended = await call(ctx.app, 'POST', `/api/welfare-posts/assignments/${assigned.id}/end`, {
      cookie: worker,
      body: { endedOn: '2026-11-05' },
    });
    expect(ended.status).toBe(200);
    expect(await worklist()).toHaveLength(0);
    const again = await call(ctx.app, 'POST', `/api/welfare-posts/assignments/${assigned.id}/end`, {
      cookie: worker,
      body: { endedOn: '2026-11-05' },
    });
    expect(again.status).toBe(409);
  });

  it('lets a resident see only their own assignments', async () => {
    const mine = (await (await call(ctx.app, 'GET', '/api/welfare-posts/mine', { cookie: resident })).json()) as {
      items: { personId: string }[];
    };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((item) => item.personId === weak.personIds[0])).toBe(true);
    expect((await call(ctx.app, 'GET', '/api/welfare-posts', { cookie: resident })).status).toBe(403);
  });
});

describe('公益性岗位 rotation (轮换) when a term ends', () => {
  it('ends the term and assigns the next eligible person in one step; refuses in codes the portal words', async () => {
    setClock(NOV_5);
    const limit = await call(ctx.app, 'PUT', '/api/welfare-posts/policy', {
      cookie: admin,
      body: { householdPostLimit: 1 },
    });
    expect(limit.status).toBe(200);
    const post = await createPost({ title: '绿化养护', quota: 1 });
    const people = async (names: string[]) => {
      const household = await createHousehold(ctx.db, {
        siteId: tree.siteA1.id,
        members: names.map((name) => ({ name, laborCapacity: 'weak' as const })),
      });
      await ctx.db
        .updateTable('persons')
        .set({ birthDate: '1968-05-01' })
        .where('id', 'in', household.personIds)
        .execute();
      return household.personIds as [string, ...string[]];
    };
    const [leaving] = await people(['孙到期']);
    const [next] = await people(['周接班']);
    const [busy, busySpouse] = await people(['吴已有', '吴家属']);
    const held = await assign(post.id, leaving, { startOn: '2026-01-01', endOn: '2026-11-30' });
    expect(held.status, await held.clone().text()).toBe(201);
    const current = (await held.json()) as { id: string };
    // The household of 吴 already holds another post next year.
    const other = await createPost({ title: '河道巡查', quota: 3 });
    expect((await assign(other.id, busy, { startOn: '2026-12-01', endOn: '2027-06-30' })).status).toBe(201);
    const rotate = (body: Record<string, unknown>, cookie = worker, id = current.id) =>
      call(ctx.app, 'POST', `/api/welfare-posts/assignments/${id}/rotate`, { cookie, body });
    const nextTerm = { endOn: '2027-11-30' };

    // The worklist card for the ending term names the assignment to rotate.
    const card = async () =>
      (
        (await (
          await call(ctx.app, 'GET', '/api/worklist?kind=welfare_term_end&pageSize=100', { cookie: worker })
        ).json()) as { items: { refId: string }[] }
      ).items.filter((item) => item.refId === current.id);
    expect(await card()).toHaveLength(1);

    const ineligible = await rotate({ personId: strong.personIds[0], ...nextTerm });
    expect(ineligible.status).toBe(409);
    expect(ineligible.headers.get('content-type')).toContain('application/problem+json');
    const ineligibleBody = await ineligible.json();
    expect(ineligibleBody).toMatchObject({ code: 'welfare-ineligible', rule: 'laborCapacity' });
    expect(ineligibleBody.reasonZh).toContain('劳动能力不符');
    expect(ineligibleBody.errors[0]).toMatchObject({ path: 'json.personId', code: 'ineligible-labor-capacity' });

    const capped = await rotate({ personId: busySpouse, ...nextTerm });
    expect(capped.status).toBe(409);
    expect(await capped.json()).toMatchObject({ code: 'household-post-limit', limit: 1 });

    const same = await rotate({ personId: leaving, ...nextTerm });
    expect(same.status).toBe(409);
    expect(await same.json()).toMatchObject({
      code: 'rotation-same-person',
      errors: [{ path: 'json.personId', code: 'rotation-same-person' }],
    });
    const backwards = await rotate({ personId: next, endOn: '2026-11-15' });
    expect(backwards.status).toBe(400);
    expect((await rotate({ personId: next, ...nextTerm }, otherWorker)).status).toBe(404);
    // None of the refusals ended the current term.
    const still = await ctx.db
      .selectFrom('welfarePostAssignments')
      .select('endedOn')
      .where('id', '=', current.id)
      .executeTakeFirstOrThrow();
    expect(still.endedOn).toBeNull();

    const rotated = await rotate({ personId: next, ...nextTerm });
    expect(rotated.status, await rotated.clone().text()).toBe(201);
    expect(await rotated.json()).toMatchObject({
      postId: post.id,
      personId: next,
      startOn: '2026-12-01',
      endOn: '2027-11-30',
      endedOn: null,
    });
    const detail = (await (await call(ctx.app, 'GET', `/api/welfare-posts/${post.id}`, { cookie: worker })).json()) as {
      assignments: { id: string; endedOn: string | null }[];
    };
    expect(detail.assignments.find((a) => a.id === current.id)?.endedOn).toBe('2026-11-30');
    expect(await card()).toHaveLength(0);
    const again = await rotate({ personId: busySpouse, ...nextTerm });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'ended' });
  });
});
