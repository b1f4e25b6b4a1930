import { type Kysely, sql } from 'kysely';

/**
 * The skill taxonomy (技能): registry (people's skills) and opportunities (what jobs need)
 * both refer to skills by code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skills')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name_zh', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('aliases', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('parent_code', 'text', (col) => col.references('skills.code'))
    .addColumn('occupation_code', 'text')
    .addColumn('occupation_edition', 'text')
    .addColumn('certificate_required', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('skills_occupation_edition', sql`occupation_code is null or occupation_edition is not null`)
    .execute();
  await db.schema.createIndex('skills_parent_idx').on('skills').column('parent_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skills').execute();
}
