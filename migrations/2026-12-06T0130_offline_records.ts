import { type Kysely, sql } from 'kysely';

/**
 * Issue 22: records captured on a phone without signal (离线采集) and sent later in a batch.
 *
 * One row per (user, client id): the phone's uuid for the record makes a retry answer the same
 * result and never write a second visit (the unique index, not a check-then-insert). The row keeps
 * what was captured (kind, payload, capture time, the base version the phone saw), the outcome
 * (applied, conflict waiting for the worker's choice, discarded when the worker kept the server's
 * version) and the ids it wrote, so a later conflict check can tell the worker's own offline
 * writes from someone else's. A photo (a small data URL) and a location taken with consent ride along.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offline_records')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('visit', 'income', 'assessment')`))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('captured_at', 'timestamptz', (col) => col.notNull())
    .addColumn('base_household_version', 'integer', (col) => col.notNull())
    .addColumn('base_facts_at', 'timestamptz', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('applied', 'conflict', 'discarded')`))
    .addColumn('conflict', 'jsonb')
    .addColumn('visit_id', 'bigint', (col) => col.references('visits.id').onDelete('set null'))
    .addColumn('assessment_id', 'bigint', (col) => col.references('integration_assessments.id').onDelete('set null'))
    .addColumn('income_record_ids', sql`bigint[]`, (col) => col.notNull().defaultTo(sql`'{}'::bigint[]`))
    .addColumn('photo_data_url', 'text', (col) => col.check(sql`length(photo_data_url) <= 400000`))
    .addColumn('location', 'jsonb')
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('offline_records_client_uq')
    .on('offline_records')
    .columns(['user_id', 'client_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('offline_records_household_idx')
    .on('offline_records')
    .columns(['household_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offline_records').execute();
}
