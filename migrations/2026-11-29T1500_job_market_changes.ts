import { type Kysely, sql } from 'kysely';

/**
 * Matching keeps the open jobs in each API process (api/src/matching/open-jobs.ts): at 100k open
 * jobs, reading a few thousand candidate rows per request from PostgreSQL cost more than ranking
 * them. The process must still see every write at once, from any process or tool, so every job
 * and employer row records the transaction that last wrote it (`changed_xid`, set on insert by
 * the default and on update by a trigger), and deleted jobs are logged with theirs. A process
 * that last read the market in snapshot S re-reads exactly the rows whose writer was not yet
 * visible in S: committed late or not, nothing is skipped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`create function record_changed_xid() returns trigger language plpgsql as $$
    begin
      new.changed_xid := pg_current_xact_id();
      return new;
    end $$`.execute(db);
  for (const table of ['jobs', 'employers']) {
    await sql`alter table ${sql.table(table)} add column changed_xid xid8 not null default pg_current_xact_id()`.execute(
      db,
    );
    await sql`create index ${sql.id(`${table}_changed_xid_idx`)} on ${sql.table(table)} (changed_xid)`.execute(db);
    await sql`create trigger ${sql.id(`${table}_changed_xid`)} before update on ${sql.table(table)}
      for each row execute function record_changed_xid()`.execute(db);
  }
  await sql`create table job_deletions (
    job_id bigint not null,
    employer_id bigint not null,
    changed_xid xid8 not null default pg_current_xact_id()
  )`.execute(db);
  await sql`create index job_deletions_changed_xid_idx on job_deletions (changed_xid)`.execute(db);
  await sql`create function record_job_deletions() returns trigger language plpgsql as $$
    begin
      insert into job_deletions (job_id, employer_id) select id, employer_id from deleted_jobs;
      return null;
    end $$`.execute(db);
  await sql`create trigger jobs_deleted after delete on jobs referencing old table as deleted_jobs
    for each statement execute function record_job_deletions()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger jobs_deleted on jobs`.execute(db);
  await sql`drop function record_job_deletions()`.execute(db);
  await sql`drop table job_deletions`.execute(db);
  for (const table of ['jobs', 'employers']) {
    await sql`drop trigger ${sql.id(`${table}_changed_xid`)} on ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop column changed_xid`.execute(db);
  }
  await sql`drop function record_changed_xid()`.execute(db);
}
