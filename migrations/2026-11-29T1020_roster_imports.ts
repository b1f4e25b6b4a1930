import { type Kysely, sql } from 'kysely';

/** Roster imports (花名册导入) as a record, and the duplicate pairs a worker dismissed. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roster_imports')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('file_sha256', 'text', (col) => col.notNull())
    .addColumn('committed', 'boolean', (col) => col.notNull())
    .addColumn('row_count', 'integer', (col) => col.notNull())
    .addColumn('created_count', 'integer', (col) => col.notNull())
    .addColumn('updated_count', 'integer', (col) => col.notNull())
    .addColumn('unchanged_count', 'integer', (col) => col.notNull())
    .addColumn('rejected_count', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('roster_imports_user_idx').on('roster_imports').column('user_id').execute();

  // A pair (lower id first) judged "not the same person" stays off the review list.
  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('first_person_id', 'bigint', (col) => col.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('second_person_id', 'bigint', (col) => col.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('dismissed_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('dismissed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['first_person_id', 'second_person_id'])
    .addCheckConstraint('duplicate_dismissals_order', sql`first_person_id < second_person_id`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duplicate_dismissals').execute();
  await db.schema.dropTable('roster_imports').execute();
}
