import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, giveSkill, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let employerCookie: string;
let jobId: string;

interface Consent {
  given: boolean;
  dated: string | null;
  givenBy: string | null;
  history: { given: boolean; givenBy: string; note: string | null; recordedByName: string | null }[];
}

const inAMonth = () => new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

/** A sewer on site A1 (fits the job), with a resident account of their own. */
async function sewer(name: string) {
  const { personId, householdId } = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
    name,
    willingToWorkAway: false,
  });
  await giveSkill(ctx.db, personId, tree.countyA.code, 'garment.sewing', 2);
  const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
  await ctx.db.updateTable('users').set({ personId }).where('id', '=', user.id).execute();
  return { personId, householdId, cookie: await signIn(ctx.app, user.login) };
}

const candidateIds = async () => {
  const response = await call(ctx.app, 'GET', `/api/jobs/${jobId}/candidates`, { cookie: employerCookie });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { personId: string }[] }).items.map((i) => i.personId);
};
const consent = async (cookie: string, given: boolean) => {
  const response = await call(ctx.app, 'POST', '/api/me/consent', { cookie, body: { given } });
  expect(response.status).toBe(200);
  return (await response.json()) as Consent;
};

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await ensureSeedSkills(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const employer = await createEmployer(ctx);
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, employer.id);
  employerCookie = await signIn(ctx.app, user.login);
  jobId = (await insertOpenJob(ctx.db, employer.id, { title: '缝纫工', deadline: inAMonth() })).id;
});
afterAll(() => ctx.close());

describe('consent to be shown to employers (授权)', () => {
  it('an employer sees a fitting resident only while they consent, and applicants always', async () => {
    const consenting = await sewer('王秀英');
    const silent = await sewer('李桂兰');
    const applicant = await sewer('张丽');
    expect(await candidateIds()).not.toContain(consenting.personId);

    const given = await consent(consenting.cookie, true);
    expect(given).toMatchObject({ given: true, givenBy: 'self', dated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const applied = await call(ctx.app, 'POST', '/api/applications', {
      cookie: applicant.cookie,
      body: { kind: 'job', opportunityId: jobId },
    });
    expect(applied.status).toBe(201);

    let seen = await candidateIds();
    expect(seen).toContain(consenting.personId);
    expect(seen).toContain(applicant.personId);
    expect(seen).not.toContain(silent.personId);

    const withdrawn = await consent(consenting.cookie, false);
    expect(withdrawn.given).toBe(false);
    expect(withdrawn.history.map((h) => h.given)).toEqual([false, true]);
    seen = await candidateIds();
    expect(seen).not.toContain(consenting.personId);
    expect(seen).toContain(applicant.personId);
  });

  it('a helper records consent on a resident’s behalf with a note; a worker outside the site cannot', async () => {
    const person = await sewer('赵敏');
    const helper = await createUser(ctx.db, { role: 'helper', name: '帮扶干部刘' });
    await ctx.db
      .insertInto('helperAssignments')
      .values({ userId: helper.id, householdId: person.householdId, countyCode: tree.countyA.code })
      .execute();
    const helperCookie = await signIn(ctx.app, helper.login);
    const noNote = await call(ctx.app, 'POST', `/api/persons/${person.personId}/consent`, {
      cookie: helperCookie,
      body: { given: true },
    });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(await noNote.json())).toContain('note');
    const recorded = await call(ctx.app, 'POST', `/api/persons/${person.personId}/consent`, {
      cookie: helperCookie,
      body: { given: true, note: '入户时本人口头同意' },
    });
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toMatchObject({
      given: true,
      givenBy: 'helper',
      history: [{ given: true, givenBy: 'helper', note: '入户时本人口头同意', recordedByName: '帮扶干部刘' }],
    });
    expect(await candidateIds()).toContain(person.personId);

    const mine = (await (await call(ctx.app, 'GET', '/api/me/consent', { cookie: person.cookie })).json()) as Consent;
    expect(mine).toMatchObject({ given: true, givenBy: 'helper' });

    const outsider = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] });
    const refused = await call(ctx.app, 'POST', `/api/persons/${person.personId}/consent`, {
      cookie: await signIn(ctx.app, outsider.login),
      body: { given: false, note: '试图撤回' },
    });
    expect(refused.status).toBe(404);
    expect(await candidateIds()).toContain(person.personId);
  });

  it('refuses unknown fields and non-residents on /me/consent', async () => {
    const person = await sewer('钱多');
    const bad = await call(ctx.app, 'POST', '/api/me/consent', {
      cookie: person.cookie,
      body: { given: true, by: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('by');
    const employerAsk = await call(ctx.app, 'GET', '/api/me/consent', { cookie: employerCookie });
    expect(employerAsk.status).toBe(403);
  });
});
