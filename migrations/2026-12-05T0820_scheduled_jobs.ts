import { type Kysely, sql } from 'kysely';

/**
 * Scheduled work (计划任务): `job_runs` records every run of a scheduled job (pg-boss, in its own
 * `pgboss` schema, queues and schedules them), so the admin page shows last run and outcome for
 * as long as we keep them. `job_deletions` gets the time of each deletion, so the nightly trim
 * can drop rows older than any open-jobs snapshot may be (api/src/matching/open-jobs.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('job_name', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull().check(sql`trigger in ('schedule', 'manual')`))
    .addColumn('requested_by', 'bigint', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('running', 'succeeded', 'failed', 'interrupted')`),
    )
    .addColumn('summary', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  await sql`create index job_runs_name_started_idx on job_runs (job_name, started_at desc)`.execute(db);
  await sql`alter table job_deletions add column deleted_at timestamptz not null default now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table job_deletions drop column deleted_at`.execute(db);
  await db.schema.dropTable('job_runs').execute();
}
