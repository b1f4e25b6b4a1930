import type { Kysely } from 'kysely';

/**
 * Issue 21: a labour-export batch may name its destination employer as a registered employer
 * (`destination_employer_id`), so that employer's account sees the migrants it took on (its own
 * labour-export people) and nothing else. The name stays text for employers not registered here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('labor_export_batches')
    .addColumn('destination_employer_id', 'bigint', (col) => col.references('employers.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('labor_export_batches_destination_employer_idx')
    .on('labor_export_batches')
    .column('destination_employer_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('labor_export_batches').dropColumn('destination_employer_id').execute();
}
