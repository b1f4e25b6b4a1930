import { chinaMonth, chinaToday, resetClock, setClock } from '@anju/domain/clock';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, placeSite, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHouseholdWithPerson, insertOpenJob } from '../support/matching-fixtures.ts';
import { createEmployer, jobBody, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';

/**
 * One clock: "today" is the day in China, whatever the UTC day. 23:59 on 10 March in China is
 * 15:59 UTC; one minute past midnight on 11 March is 16:01 UTC, still 10 March in UTC. Between
 * 00:00 and 08:00 China time the UTC day (`toISOString().slice(0, 10)`) is a day behind.
 */
const lastMinute = new Date('2027-03-10T15:59:00Z'); // 2027-03-10 23:59 in China
const firstMinute = new Date('2027-03-10T16:01:00Z'); // 2027-03-11 00:01 in China

let ctx: TestContext;
let tree: RegionTree;
let employerId: string;
let employerCookie: string;
let residentCookie: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  await ensureSeedSkills(ctx.db);
  tree = await createRegionTree(ctx.db);
  await placeSite(ctx.db, tree.siteA1.id, 26.58, 106.71);
  const employer = await createEmployer(ctx, { verified: true });
  employerId = employer.id;
  const employerUser = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, employerUser.id, employer.id);
  employerCookie = await signIn(ctx.app, employerUser.login);
  residentCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

describe('the clock', () => {
  it('gives the day and the month in China, not in UTC', () => {
    expect(chinaToday(lastMinute)).toBe('2027-03-10');
    expect(chinaToday(firstMinute)).toBe('2027-03-11');
    expect(firstMinute.toISOString().slice(0, 10)).toBe('2027-03-10');
    expect(chinaMonth(new Date('2027-03-31T15:59:00Z'))).toBe('2027-03');
    expect(chinaMonth(new Date('2027-03-31T16:01:00Z'))).toBe('2027-04');
    setClock(firstMinute);
    expect(chinaToday()).toBe('2027-03-11');
  });

  it('runs the database session in China time, so current_date is the offices’ day', async () => {
    const { rows } = await sql<{ zone: string; agrees: boolean }>`
      select current_setting('TimeZone') as zone,
             (timestamptz '2027-03-10 16:01:00+00')::date = date '2027-03-11' as agrees`.execute(ctx.db);
    expect(rows[0]).toEqual({ zone: 'Asia/Shanghai', agrees: true });
    const today = await sql<{ day: string }>`select current_date::text as day`.execute(ctx.db);
    expect(today.rows[0].day).toBe(chinaToday(new Date()));
  });
});

describe('postings across midnight in China', () => {
  it('accepts a deadline of today at 23:59 and refuses it as past at 00:01', async () => {
    setClock(lastMinute);
    const accepted = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: employerCookie,
      body: jobBody({ deadline: '2027-03-10' }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(201);

    setClock(firstMinute);
    const refused = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: employerCookie,
      body: jobBody({ deadline: '2027-03-10' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const { errors } = (await refused.json()) as { errors: { path: string }[] };
    expect(errors.map((e) => e.path)).toContain('json.deadline');
  });

  it('shows residents a posting on its deadline day and hides it once the day is over', async () => {
    const job = await insertOpenJob(ctx.db, employerId, { title: '截止当天的岗位', deadline: '2027-03-10' });
    setClock(lastMinute);
    const open = await call(ctx.app, 'GET', `/api/jobs/${job.id}`, { cookie: residentCookie });
    expect(open.status, await open.clone().text()).toBe(200);
    setClock(firstMinute);
    const expired = await call(ctx.app, 'GET', `/api/jobs/${job.id}`, { cookie: residentCookie });
    expect(expired.status).toBe(404);
  });
});

describe('matching across midnight in China', () => {
  type Match = { id: string };
  const matchIds = async (cookie: string, personId: string) => {
    const response = await call(ctx.app, 'GET', `/api/persons/${personId}/matches?kind=job&limit=50`, { cookie });
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { items: Match[] }).items.map((m) => m.id);
  };

  it('drops a job after its deadline day and counts a birthday from midnight in China', async () => {
    // Turns 18 on 11 March 2027: 17 at 23:59 on the 10th, 18 at 00:01 on the 11th.
    const person = await createHouseholdWithPerson(ctx.db, tree.siteA1, tree.countyA.code, {
      name: '杨小梅',
      birthDate: '2009-03-11',
    });
    await ctx.db
      .insertInto('personSkills')
      .values({
        personId: person.personId,
        skillCode: 'garment.sewing',
        countyCode: tree.countyA.code,
        level: 2,
        certificate: null,
        certifiedOn: null,
      })
      .execute();
    const user = await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id });
    await ctx.db.updateTable('users').set({ personId: person.personId }).where('id', '=', user.id).execute();
    const cookie = await signIn(ctx.app, user.login);

    const endsToday = (await insertOpenJob(ctx.db, employerId, { title: '缝纫工（10日截止）', deadline: '2027-03-10' }))
      .id;
    const adultsOnly = (
      await insertOpenJob(ctx.db, employerId, { title: '缝纫工（年满18岁）', deadline: '2027-04-30', ageMin: 18 })
    ).id;

    setClock(lastMinute);
    const before = await matchIds(cookie, person.personId);
    expect(before).toContain(endsToday);
    expect(before).not.toContain(adultsOnly);

    setClock(firstMinute);
    const after = await matchIds(cookie, person.personId);
    expect(after).not.toContain(endsToday);
    expect(after).toContain(adultsOnly);
  });
});
