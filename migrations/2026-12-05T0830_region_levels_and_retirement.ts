import { type Kysely, sql } from 'kysely';

/**
 * The whole administrative ladder (行政区划): province → city → county → township → village
 * (村/社区) → grid (网格), with a resettlement site (安置点) under any of them. A region is
 * retired (撤销), never deleted: households' history and audit entries keep pointing at it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table regions drop constraint regions_level_check`.execute(db);
  await sql`alter table regions add constraint regions_level_check
    check (level in ('province', 'city', 'county', 'township', 'village', 'grid', 'site'))`.execute(db);
  await db.schema.alterTable('regions').addColumn('retired_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('regions').dropColumn('retired_at').execute();
  await sql`alter table regions drop constraint regions_level_check`.execute(db);
  await sql`alter table regions add constraint regions_level_check
    check (level in ('province', 'city', 'county', 'township', 'site'))`.execute(db);
}
