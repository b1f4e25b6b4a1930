import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, signIn } from '../support/fixtures.ts';

/** Issue 18: the demo shows the product — recommendations for the demo resident, candidates for every demo job. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedOnEmptyDatabase(ctx.deps);
});
afterAll(() => ctx.close());

describe('demo matching', { timeout: 120_000 }, () => {
  it('the demo resident has a home site and gets job recommendations', async () => {
    const user = await ctx.db
      .selectFrom('users')
      .select('personId')
      .where('login', '=', 'demo-resident')
      .executeTakeFirstOrThrow();
    expect(user.personId).not.toBeNull();
    const site = await ctx.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .innerJoin('sites', 'sites.regionId', 'households.siteId')
      .select(['sites.lat', 'sites.lng'])
      .where('persons.id', '=', user.personId as string)
      .executeTakeFirstOrThrow();
    expect(site.lat).not.toBeNull();
    const cookie = await signIn(ctx.app, 'demo-resident', DEMO_PASSWORD);
    const response = await call(ctx.app, 'GET', `/api/persons/${user.personId}/matches?kind=job`, { cookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);
  });
  it('every open demo job has ranked candidates', async () => {
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select(['id', 'title'])
      .where('status', '=', 'open')
      .orderBy('id')
      .execute();
    expect(jobs.length).toBeGreaterThan(10);
    const cookie = await signIn(ctx.app, 'demo-admin', DEMO_PASSWORD);
    const without: string[] = [];
    for (const job of jobs) {
      const response = await call(ctx.app, 'GET', `/api/jobs/${job.id}/candidates`, { cookie });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: unknown[] };
      if (body.items.length === 0) without.push(`${job.id} ${job.title}`);
    }
    expect(without).toEqual([]);
  });
});
