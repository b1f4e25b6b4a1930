import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, rolledBack } from '../../api/src/db/database.ts';
import {
  type EvaluationResult,
  evaluateAlerts,
  evaluateAllAlerts,
  NightlyEvaluationError,
} from '../../api/src/tracking/evaluate-alerts.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/fixtures.ts';
import {
  addIncome,
  addLine,
  addVisit,
  createHousehold,
  monthlyIncome,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

/**
 * The nightly run evaluates county by county in batches, each its own transaction (issue 23). It
 * must leave the alerts (opened, refreshed, auto-resolved, escalated, quiet after a dismissal) and
 * the escalation messages exactly as one pass over every household in one transaction does; a
 * batch that fails must leave the others' work committed, and a rerun must converge.
 */
let ctx: TestContext;
let tree: RegionTree;
let workerId: string;
const households: Record<'A' | 'B', TestHousehold[]> = { A: [], B: [] };
// Batches of 2: county A's 12 households are 6 batches, county B's 6 are 3.
const nightly = (asOf: string) => evaluateAllAlerts({ db: ctx.db }, asOf, { batchSize: 2, parallel: 2 });

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 10000);
  await addLine(ctx.db, tree.countyB.code, 2026, 8000);
  workerId = (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).id;
  // Late alerts go to county A's official, and to the city's for county B (it has none of its own).
  await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
  await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
  for (const [county, siteId] of [
    ['A', tree.siteA1.id],
    ['A', tree.siteA2.id],
    ['B', tree.siteB1.id],
  ] as const) {
    const make = (createdOn: string, employmentStatus: 'employed_local' | 'unemployed_seeking' = 'employed_local') =>
      createHousehold(ctx.db, {
        siteId,
        responsibleWorkerId: workerId,
        createdOn,
        members: [{ relation: 'head', laborCapacity: 'full', employmentStatus }],
      });
    const zero = await make('2026-07-10', 'unemployed_seeking'); // 零就业
    const neverVisited = await make('2025-01-01'); // 走访逾期
    const alsoNeverVisited = await make('2025-03-01');
    const dueLater = await make('2026-05-01'); // its first visit falls due on 07-30
    const poor = await make('2026-07-10'); // below the line, no 低保
    await addIncome(ctx.db, poor, monthlyIncome('2025-07', 12, 400));
    const fine = await make('2026-07-10');
    await addIncome(ctx.db, fine, monthlyIncome('2025-07', 12, 3000));
    households[county].push(zero, neverVisited, alsoNeverVisited, poor, fine, dueLater);
  }
});
afterAll(() => ctx.close());

/** Every alert and every escalation message, without ids and times (they differ between runs). */
async function snapshot(db: Db) {
  const { rows: alerts } = await sql<Record<string, unknown>>`
    select county_code, household_id::text, rule_id, state, facts, explanation_zh, explanation_en, deadline::text,
      escalated_to::text, escalated_at is not null as escalated, closed_by::text, close_note
    from alerts order by household_id, rule_id, state, facts::text`.execute(db);
  const { rows: messages } = await sql<Record<string, unknown>>`
    select a.county_code, a.household_id::text, a.rule_id, n.user_id::text, n.title, n.body, n.link
    from notifications n join alerts a on n.dedupe_key = 'alert-escalation:' || a.id
    order by a.household_id, a.rule_id, n.user_id`.execute(db);
  return { alerts, messages };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;
const ofCounty = (snap: Snapshot, code: string): Snapshot => ({
  alerts: snap.alerts.filter((row) => row.countyCode === code),
  messages: snap.messages.filter((row) => row.countyCode === code),
});
const counts = ({
  firing,
  opened,
  refreshed,
  autoResolved,
  escalated,
}: Omit<EvaluationResult, 'households' | 'ms'>) => ({
  firing,
  opened,
  refreshed,
  autoResolved,
  escalated,
});

/** What one pass over every household in one transaction would leave, rolled back afterwards. */
function singlePass(asOf: string): Promise<{ result: EvaluationResult; after: Snapshot }> {
  return rolledBack(ctx.db, async (trx) => {
    const result = await evaluateAlerts(trx, { asOf });
    return { result, after: await snapshot(trx) };
  });
}

describe('the nightly evaluation in batches', () => {
  it('gives the alerts and escalations that one pass over every household gives', async () => {
    await evaluateAlerts(ctx.db, { asOf: '2026-07-15' }); // the night before
    // Since then: county A's first 零就业 household found work (its alert resolves), county B's
    // first overdue household was visited, and a worker dismissed county B's below-line alert
    // (it stays quiet for 30 days).
    await ctx.db
      .updateTable('persons')
      .set({ employmentStatus: 'employed_local' })
      .where('householdId', '=', households.A[0].id)
      .execute();
    await addVisit(ctx.db, households.B[1], workerId, '2026-08-01');
    await sql`update alerts set state = 'dismissed', closed_by = ${workerId}, closed_at = '2026-08-02', close_note = '误报'
      where household_id = ${households.B[3].id} and rule_id = 'below_line_without_dibao'`.execute(ctx.db);

    const reference = await singlePass('2026-08-10');
    // The night has all four kinds of work, in both counties.
    expect(reference.result.opened).toBeGreaterThan(0);
    expect(reference.result.autoResolved).toBeGreaterThanOrEqual(2);
    expect(reference.result.escalated).toBeGreaterThan(0);
    for (const code of [tree.countyA.code, tree.countyB.code])
      expect(ofCounty(reference.after, code).messages.length, code).toBeGreaterThan(0);

    const result = await nightly('2026-08-10');
    expect(result.batches).toBe(9);
    expect(result.households).toBe(18);
    expect(result.failed).toEqual([]);
    expect(Object.keys(result.byCounty).sort()).toEqual([tree.countyA.code, tree.countyB.code].sort());
    expect(result.byCounty[tree.countyA.code]).toMatchObject({ households: 12, batches: 6, failedBatches: 0 });
    expect(counts(result)).toEqual(counts(reference.result));
    expect(await snapshot(ctx.db)).toEqual(reference.after);
  });

  it('keeps the other batches’ work when one fails, and a rerun converges on the single pass', async () => {
    const reference = await singlePass('2026-08-20');
    const before = await snapshot(ctx.db);
    // County B's alerts cannot be written tonight (a real failure inside PostgreSQL).
    await sql`create function refuse_county_b_alerts() returns trigger language plpgsql as $$
      begin raise exception 'alerts of county B refused for the test'; end $$`.execute(ctx.ownerDb);
    await sql`create trigger refuse_county_b_alerts before insert or update on alerts for each row
      when (new.county_code = ${sql.lit(tree.countyB.code)}) execute function refuse_county_b_alerts()`.execute(
      ctx.ownerDb,
    );
    const failed = await nightly('2026-08-20').catch((error: unknown) => error);
    await sql`drop trigger refuse_county_b_alerts on alerts`.execute(ctx.ownerDb);

    expect(failed).toBeInstanceOf(NightlyEvaluationError);
    const { result } = failed as NightlyEvaluationError;
    expect(result.failed.length).toBeGreaterThan(0);
    expect(new Set(result.failed.map((batch) => batch.countyCode))).toEqual(new Set([tree.countyB.code]));
    expect(result.failed[0].error).toContain('refused for the test');
    expect(result.byCounty[tree.countyA.code]).toMatchObject({ households: 12, failedBatches: 0 });
    const after = await snapshot(ctx.db);
    // County A moved on to the 20th (its facts and escalations differ from before); B is untouched.
    expect(ofCounty(after, tree.countyA.code)).not.toEqual(ofCounty(before, tree.countyA.code));
    expect(ofCounty(after, tree.countyA.code)).toEqual(ofCounty(reference.after, tree.countyA.code));
    expect(ofCounty(after, tree.countyB.code)).toEqual(ofCounty(before, tree.countyB.code));

    const rerun = await nightly('2026-08-20');
    expect(rerun.failed).toEqual([]);
    expect(await snapshot(ctx.db)).toEqual(reference.after);
    // Once more changes nothing: no alert opened, refreshed or escalated twice.
    expect(counts(await nightly('2026-08-20'))).toMatchObject({
      opened: 0,
      refreshed: 0,
      autoResolved: 0,
      escalated: 0,
    });
    expect(await snapshot(ctx.db)).toEqual(reference.after);
  });
});
