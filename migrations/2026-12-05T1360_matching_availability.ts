import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: what matching needs to understand availability, real pay, reach and health.
 *
 * jobs: `schedule` (班次: full_time, part_time_morning/afternoon, school_hours, two_shifts,
 * three_shifts, night, weekends), `hours_per_week`, `pieces_per_month` (and the fast worker's
 * `pieces_per_month_max`) turning a piece rate into a monthly range, `materials_delivered`
 * (送料上门), `public_welfare` (公益性岗位, also when employment_type says so),
 * `certificate_required` (持证上岗 for this job), `demands` (heavy_lifting, standing_all_day,
 * night_work, heights) and `shuttle_minutes` (one way on the 班车).
 *
 * persons: availability — `available_where` (home / site / commute / away; null: not said),
 * `available_hours`, `available_from` — the trade (`primary_skill`), the structured health and
 * disability encrypted like the notes (`health_encrypted`), and `work_limits`: the limits
 * matching applies (no_heavy_lifting, no_standing_all_day, no_night_work, no_heights, plus
 * `stay_close` for a disability or chronic illness), kept in clear so ranking thousands of
 * candidates needs no decryption; they say what work to avoid, not why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('schedule', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('hours_per_week', 'integer', (c) => c.check(sql`hours_per_week between 1 and 84`))
    .addColumn('pieces_per_month', 'integer', (c) => c.check(sql`pieces_per_month > 0`))
    .addColumn('pieces_per_month_max', 'integer', (c) => c.check(sql`pieces_per_month_max > 0`))
    .addColumn('materials_delivered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('public_welfare', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('certificate_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('demands', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('shuttle_minutes', 'integer', (c) => c.check(sql`shuttle_minutes between 1 and 600`))
    .execute();
  await db.schema
    .alterTable('persons')
    .addColumn('available_where', 'text', (c) => c.check(sql`available_where in ('home', 'site', 'commute', 'away')`))
    .addColumn('available_hours', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('available_from', 'date')
    .addColumn('primary_skill', 'text')
    .addColumn('health_encrypted', 'text')
    .addColumn('work_limits', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  // A commute limit must accept 0.5 km.
  await sql`alter table persons alter column max_commute_km type double precision`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table persons alter column max_commute_km type integer using round(max_commute_km)`.execute(db);
  await db.schema
    .alterTable('persons')
    .dropColumn('available_where')
    .dropColumn('available_hours')
    .dropColumn('available_from')
    .dropColumn('primary_skill')
    .dropColumn('health_encrypted')
    .dropColumn('work_limits')
    .execute();
  await db.schema
    .alterTable('jobs')
    .dropColumn('schedule')
    .dropColumn('hours_per_week')
    .dropColumn('pieces_per_month')
    .dropColumn('pieces_per_month_max')
    .dropColumn('materials_delivered')
    .dropColumn('public_welfare')
    .dropColumn('certificate_required')
    .dropColumn('demands')
    .dropColumn('shuttle_minutes')
    .execute();
}
