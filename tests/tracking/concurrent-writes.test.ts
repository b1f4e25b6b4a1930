import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildHouseholdSummaries } from '../../api/src/tracking/summaries.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addVisit, createHousehold } from '../support/tracking-fixtures.ts';

/**
 * Issue 15: a burst of writes to ONE household from many workers at once. Each write refreshes
 * the household's summaries in its own transaction (statement-level triggers); concurrent
 * refreshes must serialise instead of colliding on the summary's primary key (which answered 500).
 */
const BURST = 12;

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let workerId: string;
beforeAll(async () => {
  // As many connections as writers, so all of them are in flight in PostgreSQL at once.
  ctx = await createTestContext({}, { poolSize: BURST });
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  workerId = worker.id;
  cookie = await signIn(ctx.app, worker.login);
});
afterAll(() => ctx.close());

const today = chinaToday();
/** 'YYYY-MM' of the month `offset` months from this one. */
const monthOf = (offset: number) => monthStart(today, offset).slice(0, 7);

async function burst(requests: (() => Promise<Response>)[]): Promise<{ status: number; body: string }[]> {
  const responses = await Promise.all(requests.map((send) => send()));
  return Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text() })));
}

/** Thrown to roll a transaction back, carrying what it read. */
class RolledBack extends Error {
  constructor(readonly result: unknown) {
    super('rolled back');
  }
}

/** The household's summary rows as the triggers left them, and as a fresh rebuild computes them. */
async function summariesOf(householdId: string) {
  const read = async (db: typeof ctx.db) => {
    const facts = await sql`select * from household_summary where household_id = ${householdId}`.execute(db);
    const months = await sql`select * from household_month_summary where household_id = ${householdId}
      order by month`.execute(db);
    return JSON.parse(JSON.stringify({ facts: facts.rows, months: months.rows }));
  };
  const kept = await read(ctx.db);
  const rebuilt = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await sql`select refresh_household_summaries(array[${householdId}]::bigint[])`.execute(trx);
      throw new RolledBack(await read(trx));
    })
    .catch((error) => {
      if (error instanceof RolledBack) return error.result;
      throw error;
    });
  return { kept, rebuilt };
}

describe(`${BURST} concurrent writes to one household`, () => {
  it('visits with income on the visit: every one 201, summaries equal to a rebuild', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const results = await burst(
      Array.from(
        { length: BURST },
        (_, i) => () =>
          call(ctx.app, 'POST', '/api/visits', {
            cookie,
            body: {
              householdId: h.id,
              visitedOn: addDays(today, -1 - i),
              kind: 'routine',
              income: { month: monthOf(-1 - i), items: [{ source: 'wages', amountYuan: 1000 + i }] },
            },
          }),
      ),
    );
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const { kept, rebuilt } = await summariesOf(h.id);
    expect(kept).toEqual(rebuilt);
    expect(kept.facts[0]).toMatchObject({ lastVisitedOn: addDays(today, -1) });
    // The latest month's 12-month window holds all twelve months of income.
    const latest = kept.months.find((m: { month: string }) => m.month === monthStart(today, -1));
    expect(latest).toMatchObject({ windowMonths: BURST });
  });

  it('income records: every one 201, month summaries equal to a rebuild', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const results = await burst(
      Array.from(
        { length: BURST },
        (_, i) => () =>
          call(ctx.app, 'POST', '/api/income-records', {
            cookie,
            body: { householdId: h.id, periodKind: 'month', period: monthOf(-1 - i), source: 'wages', amountYuan: 500 },
          }),
      ),
    );
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const { kept, rebuilt } = await summariesOf(h.id);
    expect(kept).toEqual(rebuilt);
    const latest = kept.months.find((m: { month: string }) => m.month === monthStart(today, -1));
    expect(latest).toMatchObject({ windowMonths: BURST });
  });

  it('a full rebuild of every summary waits for a write in flight, then includes it', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    let rebuilding: Promise<unknown> = Promise.resolve();
    await ctx.db.transaction().execute(async (trx) => {
      await addVisit(trx, h, workerId, addDays(today, -3));
      rebuilding = rebuildHouseholdSummaries(ctx.db);
      // The rebuild is blocked by this uncommitted write (before the fix it went ahead, and then
      // collided with this write's summary row on the primary key).
      await expect
        .poll(async () => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'
              and query like '%refresh_household_summaries(null)%'`.execute(ctx.db);
          return rows[0].n;
        })
        .toBe(1);
    });
    await rebuilding;
    const { kept, rebuilt } = await summariesOf(h.id);
    expect(kept).toEqual(rebuilt);
    expect(kept.facts[0]).toMatchObject({ lastVisitedOn: addDays(today, -3) });
  });

  it('低保 enrolments: one is created, the others are refused with 409, never 500', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const results = await burst(
      Array.from(
        { length: BURST },
        () => () =>
          call(ctx.app, 'POST', '/api/dibao-enrolments', {
            cookie,
            body: { householdId: h.id, state: 'not_applied', on: addDays(today, -1) },
          }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(BURST - 1).fill(409)]);
    const { kept, rebuilt } = await summariesOf(h.id);
    expect(kept).toEqual(rebuilt);
    expect(kept.facts[0]).toMatchObject({ dibaoState: 'not_applied' });
  });
});
