import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/src/seed/access-demo.ts';
import { seedOnEmptyDatabase } from '../../api/src/seed/demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

/**
 * The home page's counts (`/api/worklist/counts`) are their own SQL, cheaper than the worklist's
 * rows (issue 23): they must still say exactly what the worklist pages hold, for every role and
 * every filter the counts stand for. Checked on the whole demo, which has work of every source
 * (alerts, visits overdue without an alert yet, 帮扶流程 steps, the programmes' follow-ups).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedOnEmptyDatabase(ctx.deps);
  const today = chinaToday();
  // Visits overdue that the nightly run has not opened an alert for yet: one on the default
  // interval, one on a county's own shorter interval for its category (a policy value).
  const site = await ctx.db
    .selectFrom('regions')
    .select('id')
    .where('code', '=', '529901001001')
    .executeTakeFirstOrThrow();
  await createHousehold(ctx.db, { siteId: site.id, createdOn: addDays(today, -200) });
  await ctx.db
    .insertInto('policyValues')
    .values({
      key: 'visit_interval_days:unstable',
      regionCode: '529901',
      year: 2000,
      value: 20,
      note: null,
      updatedBy: null,
    })
    .execute();
  await createHousehold(ctx.db, { siteId: site.id, createdOn: addDays(today, -25), monitoringCategory: 'unstable' });
  // A 公益性岗位 term ending within the month.
  await ctx.db
    .updateTable('welfarePostAssignments')
    .set({ endOn: addDays(today, 10) })
    .where('endedOn', 'is', null)
    .execute();
});
afterAll(() => ctx.close());

const json = async (path: string, cookie: string) => {
  const response = await call(ctx.app, 'GET', path, { cookie });
  expect(response.status).toBe(200);
  return response.json();
};

describe('the worklist counts', () => {
  it('equal the worklist page totals for each due filter and each kind, for every role that has a worklist', async () => {
    const kindsSeen = new Set<string>();
    const sourcesSeen = new Set<string>();
    for (const login of ['demo-admin', 'demo-official', 'demo-county', 'demo-township', 'demo-worker', 'demo-helper']) {
      const cookie = await signIn(ctx.app, login, DEMO_PASSWORD);
      const counts = await json('/api/worklist/counts', cookie);
      const total = async (query: string) => (await json(`/api/worklist?pageSize=1${query}`, cookie)).total;
      expect({ login, total: counts.total }).toEqual({ login, total: await total('') });
      expect({ login, overdue: counts.overdue }).toEqual({ login, overdue: await total('&due=overdue') });
      expect({ login, week: counts.dueWithinWeek }).toEqual({ login, week: await total('&due=week') });
      const byKind: Record<string, number> = {};
      // Every kind the worklist shows is counted, and nothing else.
      const all = await json('/api/worklist?pageSize=100', cookie);
      expect(all.total).toBeLessThanOrEqual(100);
      for (const item of all.items as { kind: string; source: string }[]) {
        byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
        sourcesSeen.add(item.source);
      }
      expect({ login, byKind: counts.byKind }).toEqual({ login, byKind });
      for (const kind of Object.keys(byKind)) {
        expect({ login, kind, n: counts.byKind[kind] }).toEqual({ login, kind, n: await total(`&kind=${kind}`) });
        kindsSeen.add(kind);
      }
    }
    // The demo holds work of each source, so each branch of the counts is compared.
    expect([...sourcesSeen].sort()).toEqual([
      'alert',
      'retention_followup',
      'visit',
      'welfare_term_end',
      'workflow_step',
    ]);
    expect(kindsSeen.size).toBeGreaterThanOrEqual(8);
  });
});
