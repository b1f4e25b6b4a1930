import { type Kysely, sql } from 'kysely';

/**
 * Issue 23: the city dashboard sorted every household's 12-month per-capita income of every month
 * of its range on each request (12 × 50,000 rows at city scale, 4× that at 4× city) to answer a
 * median. `income_month_rollup` counts the household month summaries per (site, county, month,
 * value bucket): `bucket = floor(window_per_capita / 500)`, households with income data only.
 * A region's distribution is the sum of its sites' rows; a median or a count below the line is
 * then exact with only the rows of one bucket read back from `household_month_summary` (through
 * `household_month_summary_value_idx`): the buckets say in which bucket the middle rank or the
 * line falls and how many households lie below it.
 *
 * Kept by statement-level triggers on `household_month_summary` itself, so it follows everything
 * that refreshes the summaries (income, late-entered income of past months, members, moves).
 * Writers only ever append delta rows (−n for the rows a statement removed, +n for those it added),
 * never update a shared row: two transactions writing households of one site take no lock on
 * each other, and readers sum the deltas. A statement of more than 50,000 month rows (the full
 * rebuild, which holds the summaries' exclusive lock) compacts the table to one row per key.
 *
 * The value index replaces `household_month_summary_month_value_idx` (2026-11-29T1450), on
 * `per_capita_month`, which no query reads any more (the trend moved to `window_per_capita`):
 * writes keep the same number of indexes.
 */

// Frozen copies: the bucket width (yuan per person per year) and the compaction threshold.
const width = 500;
const compactAbove = 50_000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`create table income_month_rollup (
    site_id bigint not null,
    county_code text not null,
    month date not null,
    bucket integer not null,
    households integer not null
  )`.execute(db);
  await sql`create index income_month_rollup_site_idx on income_month_rollup (site_id, month)
    include (county_code, bucket, households)`.execute(db);
  await sql`create index household_month_summary_value_idx on household_month_summary (month, window_per_capita)
    include (site_id, county_code) where window_per_capita is not null`.execute(db);
  await sql`drop index household_month_summary_month_value_idx`.execute(db);

  await sql
    .raw(`create function compact_income_month_rollup() returns void language sql as $$
    with gone as (delete from income_month_rollup returning *)
    insert into income_month_rollup (site_id, county_code, month, bucket, households)
    select site_id, county_code, month, bucket, sum(households)::int from gone
    group by site_id, county_code, month, bucket having sum(households) <> 0
  $$`)
    .execute(db);
  await sql
    .raw(`create function income_month_rollup_on_write() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        insert into income_month_rollup (site_id, county_code, month, bucket, households)
        select site_id, county_code, month, floor(window_per_capita / ${width})::int, -count(*)::int
        from old_rows where window_per_capita is not null group by 1, 2, 3, 4;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into income_month_rollup (site_id, county_code, month, bucket, households)
        select site_id, county_code, month, floor(window_per_capita / ${width})::int, count(*)::int
        from new_rows where window_per_capita is not null group by 1, 2, 3, 4;
        if (select count(*) from new_rows) > ${compactAbove} then perform compact_income_month_rollup(); end if;
      end if;
      return null;
    end $$`)
    .execute(db);
  for (const event of ['insert', 'update', 'delete']) {
    const referencing =
      event === 'insert'
        ? 'new table as new_rows'
        : event === 'update'
          ? 'old table as old_rows new table as new_rows'
          : 'old table as old_rows';
    await sql
      .raw(`create trigger household_month_summary_rollup_${event} after ${event} on household_month_summary
        referencing ${referencing} for each statement execute function income_month_rollup_on_write()`)
      .execute(db);
  }
  // Existing data: fill once.
  await sql
    .raw(`insert into income_month_rollup (site_id, county_code, month, bucket, households)
    select site_id, county_code, month, floor(window_per_capita / ${width})::int, count(*)::int
    from household_month_summary where window_per_capita is not null group by 1, 2, 3, 4`)
    .execute(db);
  await sql`analyze income_month_rollup`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update', 'delete'])
    await sql.raw(`drop trigger household_month_summary_rollup_${event} on household_month_summary`).execute(db);
  await sql`drop function income_month_rollup_on_write()`.execute(db);
  await sql`drop function compact_income_month_rollup()`.execute(db);
  await sql`create index household_month_summary_month_value_idx
    on household_month_summary (month, per_capita_month) include (site_id)
    where per_capita_month is not null`.execute(db);
  await sql`drop index household_month_summary_value_idx`.execute(db);
  await sql`drop table income_month_rollup`.execute(db);
}
