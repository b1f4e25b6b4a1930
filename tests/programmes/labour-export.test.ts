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
let resident: string;
let employer: string;
let household: TestHousehold;
let outside: TestHousehold;

// Noon in China on 2026-11-05: the 1-month follow-up of a 2026-10-01 departure is past due.
const NOV_5 = new Date('2026-11-05T04:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const workerUser = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  worker = await signIn(ctx.app, workerUser.login);
  official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login);
  otherWorker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] })).login,
  );
  employer = await signIn(ctx.app, (await createUser(ctx.db, { role: 'employer' })).login);
  household = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: workerUser.id,
    members: [
      { name: '王外出', relation: 'head' },
      { name: '王二', relation: 'child' },
      { name: '王三', relation: 'child' },
    ],
  });
  outside = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
  const residentUser = await createUser(ctx.db, { role: 'resident' });
  await ctx.db
    .updateTable('users')
    .set({ personId: household.personIds[0] })
    .where('id', '=', residentUser.id)
    .execute();
  resident = await signIn(ctx.app, residentUser.login);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

const batchBody = (overrides: Record<string, unknown> = {}) => ({
  siteId: tree.siteA1.id,
  destinationEmployer: '东莞市某电子厂',
  destinationRegion: '广东省东莞市',
  departureDate: '2026-10-01',
  transport: 'chartered_bus',
  organiser: '甲县人社局',
  ...overrides,
});

async function createBatch(overrides: Record<string, unknown> = {}) {
  const response = await call(ctx.app, 'POST', '/api/labour-export/batches', {
    cookie: worker,
    body: batchBody(overrides),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; memberCount: number; siteName: string };
}

async function addMember(batchId: string, personId: string, body: Record<string, unknown> = {}) {
  return call(ctx.app, 'POST', `/api/labour-export/batches/${batchId}/members`, {
    cookie: worker,
    body: { personId, workplace: '东莞长安镇', contractStart: '2026-10-02', monthlyPayYuan: 4800, ...body },
  });
}

const followUp = (memberId: string, body: Record<string, unknown>, cookie = worker) =>
  call(ctx.app, 'POST', `/api/labour-export/members/${memberId}/followups`, { cookie, body });

describe('labour-export batches and members', () => {
  it('creates a batch at a site in scope and refuses one outside it', async () => {
    const batch = await createBatch();
    expect(batch).toMatchObject({ siteName: '甲一安置点', memberCount: 0, transport: 'chartered_bus' });
    const outsideSite = await call(ctx.app, 'POST', '/api/labour-export/batches', {
      cookie: worker,
      body: batchBody({ siteId: tree.siteB1.id }),
    });
    expect(outsideSite.status).toBe(404);
    const asOfficial = await call(ctx.app, 'POST', '/api/labour-export/batches', {
      cookie: official,
      body: batchBody(),
    });
    expect(asOfficial.status).toBe(403);
  });

  it('rejects unknown fields and a bad transport, naming them', async () => {
    const response = await call(ctx.app, 'POST', '/api/labour-export/batches', {
      cookie: worker,
      body: batchBody({ transport: 'plane', bonus: 1 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { path: string }[] };
    const paths = problem.errors.map((error) => error.path).join(' ');
    expect(paths).toContain('transport');
    expect(JSON.stringify(problem)).toContain('bonus');
  });

  it('adds members in scope once, with contract and pay; refuses a person out of scope', async () => {
    const batch = await createBatch();
    const added = await addMember(batch.id, household.personIds[0] as string, { contractEnd: '2027-10-01' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ personName: '王外出', monthlyPayYuan: 4800, contractEnd: '2027-10-01' });
    const again = await addMember(batch.id, household.personIds[0] as string);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'already-member' });
    const badContract = await addMember(batch.id, household.personIds[1] as string, {
      contractStart: '2026-12-01',
      contractEnd: '2026-11-01',
    });
    expect(badContract.status).toBe(400);
    const stranger = await addMember(batch.id, outside.personIds[0] as string);
    expect(stranger.status).toBe(404);
  });

  it('lists batches by scope: the other county’s worker sees none of them, an official reads masked names', async () => {
    const batch = await createBatch({ destinationEmployer: '仅本县可见厂' });
    await addMember(batch.id, household.personIds[0] as string);
    const list = async (cookie: string) =>
      (await (await call(ctx.app, 'GET', '/api/labour-export/batches?pageSize=100', { cookie })).json()) as {
        items: { id: string }[];
      };
    expect((await list(worker)).items.map((item) => item.id)).toContain(batch.id);
    expect((await list(official)).items.map((item) => item.id)).toContain(batch.id);
    expect((await list(otherWorker)).items.map((item) => item.id)).not.toContain(batch.id);
    expect((await call(ctx.app, 'GET', `/api/labour-export/batches/${batch.id}`, { cookie: otherWorker })).status).toBe(
      404,
    );
    expect((await call(ctx.app, 'GET', '/api/labour-export/batches', { cookie: employer })).status).toBe(403);
    const detail = (await (
      await call(ctx.app, 'GET', `/api/labour-export/batches/${batch.id}`, { cookie: official })
    ).json()) as { members: { personName: string }[] };
    expect(detail.members[0]?.personName).toBe('王**');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'fields'])
      .where('resourceType', '=', 'labour_export_batch')
      .where('resourceId', '=', batch.id)
      .where('action', '=', 'read')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('稳岗 follow-ups at 1, 3 and 6 months', () => {
  it('derives due dates from the departure, shows due ones on the worklist, and takes them off once recorded', async () => {
    setClock(NOV_5);
    const batch = await createBatch({ destinationEmployer: '回访测试厂', departureDate: '2026-10-01' });
    const member = (await (await addMember(batch.id, household.personIds[1] as string)).json()) as {
      id: string;
      due: { milestoneMonths: number; dueOn: string; overdue: boolean }[];
    };
    expect(member.due).toEqual([
      { milestoneMonths: 1, dueOn: '2026-11-01', overdue: true },
      { milestoneMonths: 3, dueOn: '2027-01-01', overdue: false },
      { milestoneMonths: 6, dueOn: '2027-04-01', overdue: false },
    ]);
    const worklist = async () =>
      (
        (await (
          await call(ctx.app, 'GET', '/api/worklist?kind=retention_followup&pageSize=100', { cookie: worker })
        ).json()) as { items: { refId: string; dueOn: string; overdue: boolean; explanationZh: string }[] }
      ).items.filter((item) => item.refId === member.id);
    const due = await worklist();
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ dueOn: '2026-11-01', overdue: true });
    expect(due[0]?.explanationZh).toContain('第1个月稳岗回访');
    // Not on the worklist of a worker elsewhere.
    const elsewhere = (await (
      await call(ctx.app, 'GET', '/api/worklist?kind=retention_followup&pageSize=100', { cookie: otherWorker })
    ).json()) as { items: { refId: string }[] };
    expect(elsewhere.items.some((item) => item.refId === member.id)).toBe(false);

    const recorded = await followUp(member.id, {
      milestoneMonths: 1,
      followedUpOn: '2026-11-04',
      outcome: 'still_there',
    });
    expect(recorded.status, await recorded.clone().text()).toBe(201);
    expect(await worklist()).toHaveLength(0);
    const twice = await followUp(member.id, { milestoneMonths: 1, followedUpOn: '2026-11-05', outcome: 'still_there' });
    expect(twice.status).toBe(409);

    // A week before the 3-month call it shows up again, not yet overdue.
    setClock(new Date('2026-12-26T04:00:00Z'));
    expect(await worklist()).toEqual([expect.objectContaining({ dueOn: '2027-01-01', overdue: false })]);
  });

  it('needs a reason for anything but still-there, refuses future dates, and stops after coming home', async () => {
    setClock(NOV_5);
    const batch = await createBatch({ destinationEmployer: '返乡测试厂', departureDate: '2026-07-01' });
    const member = (await (await addMember(batch.id, household.personIds[2] as string)).json()) as { id: string };
    const noReason = await followUp(member.id, {
      milestoneMonths: 1,
      followedUpOn: '2026-08-02',
      outcome: 'came_home',
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('reason');
    const future = await followUp(member.id, {
      milestoneMonths: 1,
      followedUpOn: '2026-11-06',
      outcome: 'still_there',
    });
    expect(future.status).toBe(400);
    const home = await followUp(member.id, {
      milestoneMonths: 1,
      followedUpOn: '2026-08-02',
      outcome: 'came_home',
      reason: '家中老人生病',
    });
    expect(home.status).toBe(201);
    const detail = (await (
      await call(ctx.app, 'GET', `/api/labour-export/batches/${batch.id}`, { cookie: worker })
    ).json()) as {
      members: { id: string; due: unknown[]; followups: { outcome: string }[] }[];
    };
    const row = detail.members.find((item) => item.id === member.id);
    expect(row?.followups.map((item) => item.outcome)).toEqual(['came_home']);
    expect(row?.due).toEqual([]);
    // Out of scope: the other county's worker cannot record it.
    expect(
      (
        await followUp(
          member.id,
          { milestoneMonths: 3, followedUpOn: '2026-10-02', outcome: 'still_there' },
          otherWorker,
        )
      ).status,
    ).toBe(404);
  });
});

describe('the retention figure', () => {
  it('gives the share still working at each milestone, by employer and by destination', async () => {
    setClock(NOV_5);
    const tree2 = tree;
    const people = await createHousehold(ctx.db, {
      siteId: tree2.siteA1.id,
      members: [
        { name: '甲' },
        { name: '乙', relation: 'child' },
        { name: '丙', relation: 'child' },
        { name: '丁', relation: 'child' },
      ],
    });
    const batch = await createBatch({
      destinationEmployer: '稳岗率测试厂',
      destinationRegion: '浙江省宁波市',
      departureDate: '2026-04-01',
    });
    const outcomes = ['still_there', 'still_there', 'changed_job', 'came_home'] as const;
    for (const [index, personId] of people.personIds.entries()) {
      const member = (await (await addMember(batch.id, personId)).json()) as { id: string };
      const outcome = outcomes[index] as string;
      const response = await followUp(member.id, {
        milestoneMonths: 1,
        followedUpOn: '2026-05-02',
        outcome,
        reason: outcome === 'still_there' ? null : '原因',
      });
      expect(response.status).toBe(201);
    }
    const byEmployer = (await (
      await call(ctx.app, 'GET', '/api/labour-export/retention?by=employer', { cookie: official })
    ).json()) as {
      items: {
        group: string;
        members: number;
        milestones: { months: number; followedUp: number; workingShare: number | null; retainedShare: number | null }[];
      }[];
    };
    const row = byEmployer.items.find((item) => item.group === '稳岗率测试厂');
    expect(row?.members).toBe(4);
    expect(row?.milestones[0]).toMatchObject({ months: 1, followedUp: 4, workingShare: 0.75, retainedShare: 0.5 });
    expect(row?.milestones[1]).toMatchObject({ months: 3, followedUp: 0, workingShare: null });
    const byDestination = (await (
      await call(ctx.app, 'GET', '/api/labour-export/retention?by=destination', { cookie: worker })
    ).json()) as {
      items: { group: string }[];
    };
    expect(byDestination.items.map((item) => item.group)).toContain('浙江省宁波市');
    const elsewhere = (await (
      await call(ctx.app, 'GET', '/api/labour-export/retention', { cookie: otherWorker })
    ).json()) as {
      items: { group: string }[];
    };
    expect(elsewhere.items.map((item) => item.group)).not.toContain('稳岗率测试厂');
  });
});

describe('a resident', () => {
  it('sees only their own memberships', async () => {
    const batch = await createBatch({ destinationEmployer: '本人批次厂' });
    await addMember(batch.id, household.personIds[0] as string);
    const mine = (await (await call(ctx.app, 'GET', '/api/labour-export/mine', { cookie: resident })).json()) as {
      items: { personId: string; batchId: string }[];
    };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((item) => item.personId === household.personIds[0])).toBe(true);
    expect((await call(ctx.app, 'GET', '/api/labour-export/batches', { cookie: resident })).status).toBe(403);
  });
});
