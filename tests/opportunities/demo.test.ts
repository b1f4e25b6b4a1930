import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, signIn } from '../support/fixtures.ts';
import { drain } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedOnEmptyDatabase(ctx.deps);
  await drain(ctx);
});
afterAll(() => ctx.close());

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('demo opportunities', { timeout: 120_000 }, () => {
  it('links demo-employer to its verified workshop and fills ~30 jobs, trainings and projects once', async () => {
    const employer = await signIn(ctx.app, 'demo-employer', DEMO_PASSWORD);
    const mine = await (await call(ctx.app, 'GET', '/api/jobs?pageSize=100', { cookie: employer })).json();
    expect(mine.items.some((job: { employerName: string }) => job.employerName.startsWith('青山扶贫车间'))).toBe(true);
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(jobs.n)).toBeGreaterThanOrEqual(30);
    await seedOnEmptyDatabase(ctx.deps);
    const again = await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(again.n).toBe(jobs.n);
  });

  it('lets the demo resident find 缝纫 near 幸福家园安置点', async () => {
    const resident = await signIn(ctx.app, 'demo-resident', DEMO_PASSWORD);
    const result = await (
      await call(
        ctx.app,
        'GET',
        `/api/search/jobs?q=${encodeURIComponent('缝纫')}&lat=26.6&lng=106.7&radiusKm=10&sort=distance`,
        {
          cookie: resident,
        },
      )
    ).json();
    expect(result.hits[0].title).toBe('缝纫机操作工');
    const trainings = await (
      await call(ctx.app, 'GET', `/api/search/trainings?q=${encodeURIComponent('电工')}`, { cookie: resident })
    ).json();
    expect(trainings.total).toBeGreaterThanOrEqual(1);
    const projects = await (
      await call(ctx.app, 'GET', `/api/search/projects?q=${encodeURIComponent('蘑菇')}`, { cookie: resident })
    ).json();
    expect(projects.hits[0].title).toBe('食用菌产业基地');
  });
});
