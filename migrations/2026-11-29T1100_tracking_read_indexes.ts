import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the household timeline and the region dashboards at city scale (issue 7):
 * - every alert of a household, newest first (the timeline lists closed alerts too; the
 *   existing partial index covers only open ones);
 * - the current income ledger by household and month with the amounts included, so the
 *   per-capita series is read from the index alone;
 * - open alerts and visits by household for the per-worker figures.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index alerts_household_idx on alerts (household_id, opened_at desc)`.execute(db);
  await sql`create index income_records_series_idx on income_records (household_id, period_kind, period_start)
    include (amount_yuan, production_costs_yuan, source) where superseded_at is null`.execute(db);
  await sql`create index visits_household_latest_idx on visits (household_id, visited_on desc, id desc)
    include (next_visit_due)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index visits_household_latest_idx`.execute(db);
  await sql`drop index income_records_series_idx`.execute(db);
  await sql`drop index alerts_household_idx`.execute(db);
}
