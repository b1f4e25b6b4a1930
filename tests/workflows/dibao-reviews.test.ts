import { resetClock } from '@anju/domain/clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../api/src/jobs/catalog.ts';
import { SCHEDULED_REVIEW_REASON, startDueDibaoReviews } from '../../api/src/workflows/dibao-reviews.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, type RegionTree } from '../support/fixtures.ts';
import { createHousehold, setDibao, type TestHousehold } from '../support/tracking-fixtures.ts';
import { onChinaDay, startWorkflow, type WorkflowCast, walk, workflowCast } from '../support/workflow-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cast: WorkflowCast;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  cast = await workflowCast(ctx.db, ctx.app, tree);
});
afterEach(() => resetClock());
afterAll(() => ctx.close());

const reviewsOf = (h: TestHousehold) =>
  ctx.db
    .selectFrom('workflows')
    .select(['id', 'state', 'origin', 'startedBy', 'startedOn', 'currentStep', 'reason'])
    .where('householdId', '=', h.id)
    .where('kind', '=', 'dibao_review')
    .orderBy('id')
    .execute();
const stateOf = async (h: TestHousehold) =>
  (await ctx.db.selectFrom('dibaoEnrolments').select('state').where('householdId', '=', h.id).executeTakeFirstOrThrow())
    .state;
const runJob = () => {
  const job = jobDefinitions(ctx.deps).find((j) => j.name === 'dibao-reviews');
  if (!job) throw new Error('the dibao-reviews job is not in the catalog');
  return job.run(ctx.deps);
};

describe('the yearly 低保复核 starts by itself', () => {
  it('opens one review per enrolment due (a year on, or near the end of validity), once', async () => {
    const yearOn = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, yearOn, 'enrolled', { since: '2025-06-01', validUntil: '2026-12-31' });
    const ending = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, ending, 'renewed', { since: '2026-01-10', validUntil: '2026-06-20' });
    const fresh = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
    await setDibao(ctx.db, fresh, 'enrolled', { since: '2026-01-10', validUntil: '2027-01-31' });
    const exited = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, exited, 'exited', { since: '2024-01-10' });
    const applied = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, applied, 'applied', { since: '2024-01-10' });

    onChinaDay('2026-05-20');
    expect(await startDueDibaoReviews(ctx.db, '2026-05-20')).toEqual({ started: 0, skipped: 0 });

    onChinaDay('2026-06-01');
    expect(await runJob()).toEqual({ started: 2, skipped: 0 });
    for (const h of [yearOn, ending]) {
      expect(await reviewsOf(h)).toEqual([
        expect.objectContaining({
          state: 'open',
          origin: 'schedule',
          startedBy: null,
          startedOn: '2026-06-01',
          currentStep: 'investigation',
          reason: SCHEDULED_REVIEW_REASON,
        }),
      ]);
      expect(await stateOf(h)).toBe('review_due');
    }
    for (const h of [fresh, exited, applied]) expect(await reviewsOf(h)).toEqual([]);
    expect(await stateOf(fresh)).toBe('enrolled');

    // Idempotent: the next nights open nothing more.
    expect(await runJob()).toEqual({ started: 0, skipped: 0 });
    onChinaDay('2026-06-02');
    expect(await runJob()).toEqual({ started: 0, skipped: 0 });
    expect(await reviewsOf(yearOn)).toHaveLength(1);
  });

  it('the scheduled review is walked like any other; renewed, it comes round again a year later', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, h, 'enrolled', { since: '2025-07-01', validUntil: '2026-12-31' });
    onChinaDay('2026-07-01');
    expect((await runJob()).started).toBeGreaterThanOrEqual(1);
    const [review] = await reviewsOf(h);
    const shown = await (await call(ctx.app, 'GET', `/api/workflows/${review.id}`, { cookie: cast.worker })).json();
    expect(shown).toMatchObject({
      origin: 'schedule',
      startedBy: null,
      trail: [{ key: 'apply', completedBy: null }, {}],
    });
    const last = await walk(ctx.app, review.id, [
      ['investigation', cast.worker],
      ['township_review', cast.township],
      ['county_approval', cast.county, { outcome: 'passed', terms: { validUntil: '2027-12-31' } }],
    ]);
    expect(await last.json()).toMatchObject({ state: 'approved' });
    expect(await stateOf(h)).toBe('renewed');

    onChinaDay('2027-06-30');
    await runJob();
    expect(await reviewsOf(h)).toHaveLength(1);
    onChinaDay('2027-07-01');
    await runJob();
    expect((await reviewsOf(h)).map((w) => w.state)).toEqual(['approved', 'open']);
  });

  it('does not open a second review beside one a worker opened by hand', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await setDibao(ctx.db, h, 'enrolled', { since: '2025-08-01', validUntil: '2026-12-31' });
    onChinaDay('2026-08-01');
    const byHand = await startWorkflow(ctx.app, cast.worker, h.id, { kind: 'dibao_review', reason: '提前复核' });
    expect(byHand.status).toBe(201);
    await runJob();
    expect(await reviewsOf(h)).toEqual([expect.objectContaining({ origin: 'worker', state: 'open' })]);
  });
});
