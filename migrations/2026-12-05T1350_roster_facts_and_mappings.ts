import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: what rosters (花名册) carry beyond the person's core fields, kept as the roster's own
 * facts, and the column mappings workers choose for headers Anju does not recognise.
 *
 * - `person_roster_facts`: one row per person, the roster's facts as written: 残疾 (the text
 *   encrypted like health notes, with the kind and grade parsed where written, so matching may
 *   join on `person_id` later), the 技能/特长 text the skill taxonomy did not recognise (the rest
 *   go to person_skills) and 务工地点. 健康状况 goes to persons.health_notes_encrypted and 月收入
 *   to the income ledger (income_records), where those facts already live.
 * - `roster_column_mappings`: per site and header signature (sha256 of the file's headers in
 *   order), the worker's reading of each header (header → field, or null for 不读取).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_roster_facts')
    .addColumn('person_id', 'bigint', (col) => col.primaryKey().references('persons.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('disability_encrypted', 'text')
    .addColumn('disability_kind', 'text', (col) =>
      col.check(
        sql`disability_kind in ('visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple')`,
      ),
    )
    .addColumn('disability_grade', 'smallint', (col) => col.check(sql`disability_grade between 1 and 4`))
    .addColumn('skills_text', 'text')
    .addColumn('work_place', 'text')
    .addColumn('import_id', 'bigint', (col) => col.references('roster_imports.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('roster_column_mappings')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id').onDelete('cascade'))
    .addColumn('header_signature', 'text', (col) => col.notNull())
    .addColumn('headers', 'jsonb', (col) => col.notNull())
    .addColumn('mapping', 'jsonb', (col) => col.notNull())
    .addColumn('user_id', 'bigint', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('roster_column_mappings_site_signature_key', ['site_id', 'header_signature'])
    .execute();
  await db.schema
    .createIndex('roster_column_mappings_signature_idx')
    .on('roster_column_mappings')
    .column('header_signature')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('roster_column_mappings').execute();
  await db.schema.dropTable('person_roster_facts').execute();
}
