import { type Kysely, sql } from 'kysely';

/**
 * Applications (求职申请), course enrolments (培训报名) and project sign-ups, with every step
 * kept as an event. `opportunity_id` has no foreign key yet: jobs, trainings and projects land
 * from the opportunities branch, and a later migration adds the keys per kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('job', 'training', 'project')`))
    .addColumn('opportunity_id', 'bigint', (col) => col.notNull())
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id'))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('applied', 'viewed', 'interview', 'hired', 'rejected', 'withdrawn', 'enrolled', 'attending', 'completed', 'dropped')`,
        ),
    )
    .addColumn('created_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'applications_state_fits_kind',
      sql`(kind = 'training') = (state in ('enrolled', 'attending', 'completed', 'dropped'))`,
    )
    .execute();
  // One open application per person and opportunity; after a withdrawal or a refusal one may apply again.
  await sql`create unique index applications_open_unique on applications (kind, opportunity_id, person_id)
    where state not in ('withdrawn', 'rejected', 'dropped')`.execute(db);
  await db.schema.createIndex('applications_person_idx').on('applications').column('person_id').execute();
  await db.schema
    .createIndex('applications_opportunity_idx')
    .on('applications')
    .columns(['kind', 'opportunity_id', 'state'])
    .execute();
  await db.schema.createIndex('applications_household_idx').on('applications').column('household_id').execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'bigint', (col) => col.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (col) => col.notNull())
    .addColumn('actor_user_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('actor_role', 'text')
    .addColumn('note', 'text')
    /** For a completed course: the certificate number awarded. */
    .addColumn('certificate', 'text')
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('application_events_application_idx')
    .on('application_events')
    .columns(['application_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_events').execute();
  await db.schema.dropTable('applications').execute();
}
