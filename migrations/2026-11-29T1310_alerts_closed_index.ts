import { type Kysely, sql } from 'kysely';

/**
 * Alert evaluation skips a rule a worker closed in the last 30 days (the quiet period): it looks
 * closed alerts up per household and rule, for every firing alert of a run. Without this index
 * that lookup scanned the alerts table once per row: quadratic on a city's nightly run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index alerts_closed_by_worker_idx on alerts (household_id, rule_id, closed_at)
    where state in ('resolved', 'dismissed') and closed_by is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index alerts_closed_by_worker_idx`.execute(db);
}
