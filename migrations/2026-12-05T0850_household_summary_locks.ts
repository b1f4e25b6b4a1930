import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: concurrent writes to one household answered 500. Each writing transaction's
 * statement-level trigger (migration 2026-11-29T1230) refreshes the household's summary rows by
 * delete-then-insert; two transactions doing so at once both deleted the old row and both
 * inserted a new one, and the second insert hit the primary key (`household_summary_pkey`,
 * `household_month_summary_pkey`).
 *
 * Now every refresh first locks the households' own rows (`for no key update`, in id order, so
 * two multi-household statements cannot deadlock on each other): refreshes of one household
 * serialise, the later one waits until the earlier transaction ends, and its following
 * statements (fresh snapshots, READ COMMITTED) see what that one committed, so its rows are both
 * conflict-free and complete. The households row is the lock because it is never deleted by a
 * refresh (a summary row is, so a waiter on it would be let through by the delete), row locks take
 * no room in the shared lock table however many households an import touches, and the mode does
 * not conflict with the key-share locks that inserting a visit or income row takes on it.
 * A full rebuild (ids null, or more households than the per-household path handles) takes one
 * advisory lock exclusively; per-household refreshes hold it shared, so the two never interleave.
 *
 * The old functions stay as they were, renamed `*_unlocked`; the names the triggers and
 * `rebuildHouseholdSummaries` call now lock first and then call them.
 */

// Frozen copy of 2026-11-29T1230's threshold: above it a statement refreshes every household.
const fullRefreshAbove = 5000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function lock_household_summaries(ids bigint[]) returns void language plpgsql as $$
    declare
      rebuild constant int := hashtext('anju:household-summaries');
    begin
      if ids is null or cardinality(ids) > ${sql.lit(fullRefreshAbove)} then
        perform pg_advisory_xact_lock(rebuild, -1);
      else
        perform pg_advisory_xact_lock_shared(rebuild, -1);
        perform 1 from households where id = any(ids) order by id for no key update;
      end if;
    end $$`.execute(db);
  for (const name of ['refresh_household_facts', 'refresh_household_months']) {
    await sql.raw(`alter function ${name}(bigint[]) rename to ${name}_unlocked`).execute(db);
    await sql
      .raw(`create function ${name}(ids bigint[]) returns void language plpgsql as $$
        begin
          if ids is null or cardinality(ids) > 0 then
            perform lock_household_summaries(ids);
            perform ${name}_unlocked(ids);
          end if;
        end $$`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['refresh_household_facts', 'refresh_household_months']) {
    await sql.raw(`drop function ${name}(bigint[])`).execute(db);
    await sql.raw(`alter function ${name}_unlocked(bigint[]) rename to ${name}`).execute(db);
  }
  await sql`drop function lock_household_summaries(bigint[])`.execute(db);
}
