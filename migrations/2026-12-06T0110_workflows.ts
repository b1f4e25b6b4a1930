import { type Kysely, sql } from 'kysely';

/**
 * Issue 20: policy workflows (监测识别, 风险消除, 低保申请, 低保复核) with ordered approval steps.
 * A household's monitoring category and its 低保 state change only through them: a trigger refuses
 * any UPDATE of `households.monitoring_category` or `dibao_enrolments.state` unless the transaction
 * set `anju.workflow` to 'on' (`set local`), which only the workflow engine (and seeders) do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(sql`kind in ('monitoring_identification', 'risk_elimination', 'dibao_application', 'dibao_review')`),
    )
    .addColumn('state', 'text', (col) =>
      col.notNull().defaultTo('open').check(sql`state in ('open', 'approved', 'rejected', 'withdrawn')`),
    )
    .addColumn('origin', 'text', (col) => col.notNull().check(sql`origin in ('worker', 'alert', 'resident')`))
    .addColumn('alert_id', 'bigint', (col) => col.references('alerts.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('target_category', 'text')
    .addColumn('terms', 'jsonb')
    .addColumn('current_step', 'text')
    .addColumn('started_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('closed_on', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // One open workflow of a kind per household.
  await sql`create unique index workflows_open_kind_idx on workflows (household_id, kind) where state = 'open'`.execute(
    db,
  );
  await db.schema.createIndex('workflows_household_idx').on('workflows').column('household_id').execute();

  await db.schema
    .createTable('workflow_steps')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('workflow_id', 'bigint', (col) => col.notNull().references('workflows.id'))
    .addColumn('step_key', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('publicity_days', 'integer')
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('passed', 'failed', 'objection')`))
    .addColumn('note', 'text')
    .addColumn('documents', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('completed_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('completed_on', 'date')
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('workflow_steps_workflow_idx').on('workflow_steps').column('workflow_id').execute();
  await sql`create index workflow_steps_open_due_idx on workflow_steps (due_on) where completed_on is null`.execute(db);

  // 督办: a step overdue past the grace days, raised to the county officials once.
  await db.schema
    .createTable('workflow_escalations')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('workflow_id', 'bigint', (col) => col.notNull().references('workflows.id'))
    .addColumn('step_id', 'bigint', (col) => col.notNull().unique().references('workflow_steps.id'))
    .addColumn('escalated_on', 'date', (col) => col.notNull())
    .addColumn('days_overdue', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`create function refuse_change_outside_workflow() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('anju.workflow', true), '') <> 'on' then
        raise exception 'workflow-required: % of % changes only through a workflow (帮扶流程)', tg_argv[0], tg_table_name
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger households_category_workflow before update of monitoring_category on households
    for each row when (old.monitoring_category is distinct from new.monitoring_category)
    execute function refuse_change_outside_workflow('monitoring_category')`.execute(db);
  await sql`create trigger dibao_state_workflow before update of state on dibao_enrolments
    for each row when (old.state is distinct from new.state)
    execute function refuse_change_outside_workflow('state')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger dibao_state_workflow on dibao_enrolments`.execute(db);
  await sql`drop trigger households_category_workflow on households`.execute(db);
  await sql`drop function refuse_change_outside_workflow()`.execute(db);
  await db.schema.dropTable('workflow_escalations').execute();
  await db.schema.dropTable('workflow_steps').execute();
  await db.schema.dropTable('workflows').execute();
}
