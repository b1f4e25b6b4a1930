import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, giveSkill, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let employerId: string;
let employerCookie: string;
let otherEmployerCookie: string;
let residentCookie: string;
let emptyCookie: string;
let skilled: { personId: string; householdId: string };
let empty: { personId: string; householdId: string };
const jobs: Record<string, string> = {};

const inAMonth = () => new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

/** An open job with a deadline a month away (so it stays open whenever the suite runs). */
async function insertJob(owner: string, title: string, overrides: Record<string, unknown> = {}) {
  const row = await insertOpenJob(ctx.db, owner, { title, deadline: inAMonth(), ...overrides });
  return row.id;
}

async function residentFor(personId: string) {
  const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
  await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  return signIn(ctx.app, user.login);
}

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const employer = await createEmployer(ctx);
  const unverified = await createEmployer(ctx, { verified: false });
  employerId = employer.id;
  const employerUser = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, employerUser.id, employer.id);
  employerCookie = await signIn(ctx.app, employerUser.login);
  const otherUser = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, otherUser.id, (await createEmployer(ctx)).id);
  otherEmployerCookie = await signIn(ctx.app, otherUser.login);

  jobs.near = await insertJob(employerId, '缝纫工（近）');
  jobs.far = await insertJob(employerId, '缝纫工（远）', { lat: 27.6, lng: 107.9 });
  jobs.unverified = await insertJob(unverified.id, '缝纫工（未认证）');
  jobs.export = await insertJob(employerId, '缝纫工（劳务输出）', {
    employmentType: 'labour_export',
    lat: 22.5,
    lng: 113.9,
    accommodation: true,
  });
  jobs.closed = await insertJob(employerId, '缝纫工（已关闭）', { status: 'closed' });
  jobs.forklift = await insertJob(employerId, '叉车司机', {
    requiredSkills: JSON.stringify([{ code: 'machinery.forklift', minLevel: 1 }]),
  });
  jobs.general = await insertJob(employerId, '保洁员', { requiredSkills: JSON.stringify([]) });

  skilled = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
    name: '王秀英',
    phone: '13812345678',
    visibleToEmployers: true,
    willingToWorkAway: false,
  });
  await ctx.db
    .insertInto('personSkills')
    .values({
      personId: skilled.personId,
      skillCode: 'garment.sewing',
      countyCode: tree.countyA.code,
      level: 2,
      certificate: null,
      certifiedOn: null,
    })
    .execute();
  empty = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, { name: '李四' });
  residentCookie = await residentFor(skilled.personId);
  emptyCookie = await residentFor(empty.personId);
});
afterAll(() => ctx.close());

type Match = { id: string; kind: string; title: string; score: number; reasons: { code: string }[] };
const matches = async (cookie: string, personId: string) => {
  const response = await call(ctx.app, 'GET', `/api/persons/${personId}/matches?kind=job&limit=20`, { cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: Match[] }).items;
};

describe('GET /api/persons/{id}/matches', () => {
  it('ranks reachable open jobs of verified employers, best first, each with reasons', async () => {
    const items = await matches(residentCookie, skilled.personId);
    const ids = items.map((m) => m.id);
    expect(ids[0]).toBe(jobs.near);
    expect(ids).not.toContain(jobs.far);
    expect(ids).not.toContain(jobs.unverified);
    expect(ids).not.toContain(jobs.export);
    expect(ids).not.toContain(jobs.closed);
    for (const item of items) {
      expect(item.kind).toBe('job');
      expect(item.reasons.length).toBeGreaterThan(0);
    }
    expect(items[0].reasons.map((r) => r.code)).toContain('skill.met');
    const scores = items.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('brings labour-export jobs to people willing to work away', async () => {
    await ctx.db.updateTable('persons').set({ willingToWorkAway: true }).where('id', '=', skilled.personId).execute();
    const ids = (await matches(residentCookie, skilled.personId)).map((m) => m.id);
    await ctx.db.updateTable('persons').set({ willingToWorkAway: false }).where('id', '=', skilled.personId).execute();
    expect(ids).toContain(jobs.export);
  });

  it('answers someone with no skills who is willing to work away (work away asks none of them)', async () => {
    await ctx.db.updateTable('persons').set({ willingToWorkAway: true }).where('id', '=', empty.personId).execute();
    const response = await call(ctx.app, 'GET', `/api/persons/${empty.personId}/matches?kind=job`, {
      cookie: emptyCookie,
    });
    await ctx.db.updateTable('persons').set({ willingToWorkAway: false }).where('id', '=', empty.personId).execute();
    expect(response.status).toBe(200);
  });

  it('gives an empty profile no skilled job and no inflated score, and claims no skill', async () => {
    const items = await matches(emptyCookie, empty.personId);
    const ids = items.map((m) => m.id);
    expect(ids).not.toContain(jobs.near);
    expect(ids).not.toContain(jobs.forklift);
    const best = (await matches(residentCookie, skilled.personId))[0];
    for (const item of items) {
      expect(item.score).toBeLessThan(best.score);
      expect(item.reasons.map((r) => r.code)).not.toContain('skill.met');
    }
  });

  it('refuses someone else’s person with a 404', async () => {
    const response = await call(ctx.app, 'GET', `/api/persons/${skilled.personId}/matches?kind=job`, {
      cookie: emptyCookie,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers pathways for the person', async () => {
    const response = await call(ctx.app, 'GET', `/api/persons/${skilled.personId}/pathways`, {
      cookie: residentCookie,
    });
    expect(response.status).toBe(200);
    expect(Array.isArray(((await response.json()) as { items: unknown[] }).items)).toBe(true);
  });
});

describe('GET /api/jobs/{id}/candidates', () => {
  it('lists fitting visible residents to the job’s employer, masked and without income', async () => {
    const response = await call(ctx.app, 'GET', `/api/jobs/${jobs.near}/candidates`, { cookie: employerCookie });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const items = (JSON.parse(text) as { items: { personId: string; name: string; phone: string | null }[] }).items;
    const candidate = items.find((i) => i.personId === skilled.personId);
    expect(candidate?.name).toBe('王**');
    expect(candidate?.phone).not.toBe('13812345678');
    expect(text).not.toContain('13812345678');
    expect(text.toLowerCase()).not.toContain('income');
    expect(items.map((i) => i.personId)).not.toContain(empty.personId);
  });

  it('lists someone whose labour capacity is not recorded for physical work, with the reason to check first', async () => {
    const heavy = await insertJob(employerId, '缝纫工（搬运）', { physicalDemand: 'heavy' });
    const sewer = async (name: string, laborCapacity: 'unknown' | 'none' | 'full') => {
      const { personId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
        name,
        laborCapacity,
        visibleToEmployers: true,
      });
      await giveSkill(ctx.db, personId, tree.countyA.code, 'garment.sewing', 2);
      return personId;
    };
    const unknown = await sewer('赵未登', 'unknown');
    const unable = await sewer('钱无力', 'none');
    const able = await sewer('孙有力', 'full');
    const response = await call(ctx.app, 'GET', `/api/jobs/${heavy}/candidates`, { cookie: employerCookie });
    expect(response.status).toBe(200);
    type Listed = { personId: string; score: number; reasons: { code: string; text: { zh: string; en: string } }[] };
    const items = ((await response.json()) as { items: Listed[] }).items;
    const ids = items.map((i) => i.personId);
    expect(ids).toContain(unknown);
    expect(ids).toContain(able);
    expect(ids).not.toContain(unable);
    const listed = items.find((i) => i.personId === unknown) as Listed;
    expect(listed.reasons.find((r) => r.code === 'fit.capacity_unknown')?.text).toEqual({
      zh: '劳动能力未登记，请先核实',
      en: 'Labour capacity not recorded: check it first',
    });
    // The able sewer has no such reason. Their household (no one in work, one able) is a priority;
    // so is the 未登记 sewer's (no one in work, no one known able, someone 未登记: to verify).
    const fit = items.find((i) => i.personId === able) as Listed;
    expect(fit.reasons.map((r) => r.code)).not.toContain('fit.capacity_unknown');
    expect(fit.reasons.map((r) => r.code)).toContain('need.priority_household');
    expect(listed.reasons.map((r) => r.code)).toContain('need.priority_household');
    await ctx.db.updateTable('jobs').set({ status: 'closed' }).where('id', '=', heavy).execute();
  });

  it('is refused to another employer', async () => {
    const response = await call(ctx.app, 'GET', `/api/jobs/${jobs.near}/candidates`, { cookie: otherEmployerCookie });
    expect([403, 404]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('/api/applications over HTTP', () => {
  let applicationId: string;

  it('a resident applies for themselves; the employer sees it', async () => {
    const response = await call(ctx.app, 'POST', '/api/applications', {
      cookie: residentCookie,
      body: { kind: 'job', opportunityId: jobs.near },
    });
    const body = (await response.json()) as { id: string; state: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    expect(body.state).toBe('applied');
    applicationId = body.id;
    const list = await call(ctx.app, 'GET', '/api/applications?kind=job', { cookie: employerCookie });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(applicationId);
    const other = await call(ctx.app, 'GET', '/api/applications?kind=job', { cookie: otherEmployerCookie });
    expect(((await other.json()) as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(applicationId);
  });

  it('refuses a closed posting with 409', async () => {
    const response = await call(ctx.app, 'POST', '/api/applications', {
      cookie: residentCookie,
      body: { kind: 'job', opportunityId: jobs.closed },
    });
    expect(response.status).toBe(409);
  });

  it('the applicant may not make the employer’s moves', async () => {
    const response = await call(ctx.app, 'POST', `/api/applications/${applicationId}/transitions`, {
      cookie: residentCookie,
      body: { state: 'viewed' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the employer moves it to a hire, which updates employment and its history', async () => {
    for (const state of ['viewed', 'interview', 'hired']) {
      const response = await call(ctx.app, 'POST', `/api/applications/${applicationId}/transitions`, {
        cookie: employerCookie,
        body: { state },
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const person = await ctx.db
      .selectFrom('persons')
      .select('employmentStatus')
      .where('id', '=', skilled.personId)
      .executeTakeFirstOrThrow();
    expect(person.employmentStatus).toBe('employed_local');
    const history = await ctx.db
      .selectFrom('registryHistory')
      .select(['value'])
      .where('personId', '=', skilled.personId)
      .where('attribute', '=', 'employment_status')
      .execute();
    expect(history.map((h) => h.value)).toContain('employed_local');
  });

  it('refuses an illegal transition with 409 problem+json', async () => {
    const response = await call(ctx.app, 'POST', `/api/applications/${applicationId}/transitions`, {
      cookie: employerCookie,
      body: { state: 'interview' },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
