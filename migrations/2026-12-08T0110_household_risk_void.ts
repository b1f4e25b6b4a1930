import { type Kysely, sql } from 'kysely';

/**
 * Issue 20: a risk fact (风险类型) recorded by mistake is voided, not deleted: it keeps who voided
 * it, when and why (the reason is required), and drops out of the household's current risks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('household_risks')
    .addColumn('voided_at', 'timestamptz')
    .addColumn('voided_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .alterTable('household_risks')
    .addCheckConstraint(
      'household_risks_void_complete',
      sql`(voided_at is null and voided_by is null and void_reason is null) or (voided_at is not null and voided_by is not null and length(trim(void_reason)) > 0)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('household_risks').dropConstraint('household_risks_void_complete').execute();
  await db.schema
    .alterTable('household_risks')
    .dropColumn('voided_at')
    .dropColumn('voided_by')
    .dropColumn('void_reason')
    .execute();
}
