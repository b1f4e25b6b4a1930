import type { Kysely } from 'kysely';

/**
 * The resettlement site (安置点) a resident account belongs to. Kept apart from `region_id`
 * (an official's or admin's scope) so a resident never gains region-wide access: it only
 * tells which community workers may manage the account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('home_site_id', 'bigint', (col) => col.references('regions.id'))
    .execute();
  await db.schema.createIndex('users_home_site_idx').on('users').column('home_site_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_home_site_idx').execute();
  await db.schema.alterTable('users').dropColumn('home_site_id').execute();
}
