import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoProgrammes } from '../../api/src/seed/programmes-demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer } from '../support/opportunity-fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const tables = [
  'laborExportBatches',
  'laborExportMembers',
  'retentionFollowups',
  'welfarePosts',
  'welfarePostAssignments',
  'welfarePostMonths',
  'workshopRecognitions',
  'workshopEmploymentMonths',
  'subsidyEntries',
] as const;
const counts = async () => {
  const out: Record<string, number> = {};
  for (const table of tables)
    out[table] = Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
};

describe('the programmes demo seeder', () => {
  it('does nothing while there are no households', async () => {
    await seedDemoProgrammes(ctx.deps);
    expect((await counts()).laborExportBatches).toBe(0);
  });

  it('fills each programme at the demo worker’s site, which the worker then sees, and never twice', async () => {
    const tree = await createRegionTree(ctx.db);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    for (let i = 0; i < 8; i++)
      await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{ laborCapacity: i % 2 ? 'weak' : 'full' }] });
    await createEmployer(ctx, { kind: 'workshop', name: '演示帮扶车间' });
    await seedDemoProgrammes(ctx.deps);
    const seeded = await counts();
    expect(seeded).toEqual({
      laborExportBatches: 1,
      laborExportMembers: 3,
      retentionFollowups: 3,
      welfarePosts: 1,
      welfarePostAssignments: 1,
      welfarePostMonths: 1,
      workshopRecognitions: 1,
      workshopEmploymentMonths: 2,
      subsidyEntries: 2,
    });
    const cookie = await signIn(ctx.app, worker.login);
    const batches = await call(ctx.app, 'GET', '/api/labour-export/batches', { cookie });
    expect(((await batches.json()) as { items: { memberCount: number }[] }).items).toMatchObject([{ memberCount: 3 }]);
    const worklist = await call(ctx.app, 'GET', '/api/worklist?pageSize=100', { cookie });
    expect(worklist.status).toBe(200);
    const kinds = ((await worklist.json()) as { items: { kind: string }[] }).items.map((item) => item.kind);
    expect(kinds).toContain('retention_followup');

    await seedDemoProgrammes(ctx.deps);
    expect(await counts()).toEqual(seeded);
  });
});
