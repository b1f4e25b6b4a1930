import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableOpportunitySource } from '../../api/src/matching/table-source.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, jobBody, linkEmployerAccount, seedTaxonomy } from '../support/opportunity-fixtures.ts';

/** Issue 18: the job fields matching reads are stored, returned and read back by matching. */
let ctx: TestContext;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  const employer = await createEmployer(ctx, { verified: true });
  const user = await createUser(ctx.db, { role: 'employer' });
  await linkEmployerAccount(ctx, user.id, employer.id);
  cookie = await signIn(ctx.app, user.login);
});
afterAll(() => ctx.close());

const fields = {
  employmentType: 'home_piecework',
  payMin: 1.2,
  payMax: 1.2,
  payUnit: 'piece',
  piecesPerMonth: 1500,
  piecesPerMonthMax: 2200,
  schedule: ['two_shifts', 'night'],
  hoursPerWeek: 40,
  materialsDelivered: true,
  publicWelfare: false,
  certificateRequired: true,
  demands: ['standing_all_day'],
  shuttleMinutes: 45,
};

describe('job fields for matching', () => {
  it('stores and returns schedule, output, delivery, certificate and physical facts', async () => {
    const response = await call(ctx.app, 'POST', '/api/jobs', { cookie, body: jobBody(fields) });
    expect(response.status).toBe(201);
    const created = await response.json();
    const read = await (await call(ctx.app, 'GET', `/api/jobs/${created.id}`, { cookie })).json();
    expect(read).toMatchObject({ ...fields, payMin: expect.anything() });

    const job = await tableOpportunitySource().job(ctx.db, created.id);
    expect(job).toMatchObject({
      workMode: 'piecework_home',
      pay: { unit: 'piece', piecesPerMonth: 1500, piecesPerMonthMax: 2200 },
      schedule: ['two_shifts', 'night'],
      hoursPerWeek: 40,
      materialsDelivered: true,
      certificateRequired: true,
      demands: ['standing_all_day'],
      shuttleMinutes: 45,
    });
  });

  it('refuses a schedule or physical fact it does not know, naming the field', async () => {
    const response = await call(ctx.app, 'POST', '/api/jobs', {
      cookie,
      body: jobBody({ schedule: ['sometimes'], demands: ['juggling'] }),
    });
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['json.schedule.0', 'json.demands.0']));
  });

  it('refuses a field it does not know with a 400 naming it, and stores nothing', async () => {
    const before = await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await call(ctx.app, 'POST', '/api/jobs', {
      cookie,
      body: { ...jobBody(fields), piecesPerDay: 40, bonus: 'yes' },
    });
    expect(response.status).toBe(400);
    const errors = ((await response.json()) as { errors: { path: string; code: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'json.piecesPerDay', code: 'unknown-field' }),
        expect.objectContaining({ path: 'json.bonus', code: 'unknown-field' }),
      ]),
    );
    const after = await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
