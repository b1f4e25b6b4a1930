import { type Kysely, sql } from 'kysely';

/**
 * Where each account last signed in successfully (its usual places). A lock on an account
 * never keeps the right password out for long from one of them, so guessing against an
 * account cannot lock its owner out of their office.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_places')
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('last_success_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_places_pkey', ['user_id', 'ip'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_places').execute();
}
