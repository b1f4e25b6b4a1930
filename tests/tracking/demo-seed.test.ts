import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTracking } from '../../api/src/tracking/demo-seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const count = async (table: 'incomeRecords' | 'monitoringLines' | 'visits' | 'alerts' | 'integrationAssessments') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the tracking demo seeder', () => {
  it('does nothing while there are no households', async () => {
    await seedDemoTracking(ctx.deps);
    expect(await count('monitoringLines')).toBe(0);
  });

  it('fills lines, income, visits and assessments for existing households, evaluates alerts, and never twice', async () => {
    const tree = await createRegionTree(ctx.db);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    for (let i = 0; i < 20; i++)
      await createHousehold(ctx.db, { siteId: tree.siteA1.id, responsibleWorkerId: worker.id });
    await seedDemoTracking(ctx.deps);
    expect(await count('monitoringLines')).toBe(3);
    expect(await count('incomeRecords')).toBeGreaterThanOrEqual(20 * 18);
    expect(await count('visits')).toBeGreaterThanOrEqual(20);
    expect(await count('integrationAssessments')).toBe(40);
    const before = await count('incomeRecords');
    await seedDemoTracking(ctx.deps);
    expect(await count('incomeRecords')).toBe(before);
  });
});
