import { type Kysely, sql } from 'kysely';

/**
 * Issue 20: the yearly 低保复核 starts by itself. A workflow may be opened by the schedule
 * (origin `schedule`), and then no user started it (`started_by` null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table workflows drop constraint workflows_origin_check`.execute(db);
  await sql`alter table workflows add constraint workflows_origin_check
    check (origin in ('worker', 'alert', 'resident', 'schedule'))`.execute(db);
  await sql`alter table workflows alter column started_by drop not null`.execute(db);
  await sql`alter table workflows add constraint workflows_starter_check
    check (started_by is not null or origin = 'schedule')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table workflows drop constraint workflows_starter_check`.execute(db);
  await sql`delete from workflow_escalations where workflow_id in (select id from workflows where origin = 'schedule')`.execute(
    db,
  );
  await sql`delete from workflow_steps where workflow_id in (select id from workflows where origin = 'schedule')`.execute(
    db,
  );
  await sql`delete from workflows where origin = 'schedule'`.execute(db);
  await sql`alter table workflows alter column started_by set not null`.execute(db);
  await sql`alter table workflows drop constraint workflows_origin_check`.execute(db);
  await sql`alter table workflows add constraint workflows_origin_check
    check (origin in ('worker', 'alert', 'resident'))`.execute(db);
}
