import { type Kysely, sql } from 'kysely';

/**
 * The registry (花名册): resettlement sites, households, people, their skills, and dated history.
 * Every household-scoped table carries `county_code`, the key a distributed PostgreSQL (Citus)
 * would shard by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 安置点: the site-specific facts of a region whose level is 'site'.
  await db.schema
    .createTable('sites')
    .addColumn('region_id', 'bigint', (col) => col.primaryKey().references('regions.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('concentrated', 'scattered')`))
    .addColumn('setting', 'text', (col) => col.notNull().check(sql`setting in ('urban', 'rural')`))
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision', (col) => col.check(sql`lat between -90 and 90`))
    .addColumn('lng', 'double precision', (col) => col.check(sql`lng between -180 and 180`))
    .addColumn('capacity_households', 'integer', (col) => col.check(sql`capacity_households >= 0`))
    .addColumn('facilities', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // 搬迁户
  await db.schema
    .createTable('households')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('household_number', 'text', (col) => col.notNull().unique())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addColumn('building', 'text')
    .addColumn('unit', 'text')
    .addColumn('room', 'text')
    .addColumn('origin_county', 'text')
    .addColumn('origin_township', 'text')
    .addColumn('origin_village', 'text')
    .addColumn('relocation_date', 'date')
    .addColumn('monitoring_category', 'text', (col) =>
      col
        .notNull()
        .defaultTo('none')
        .check(sql`monitoring_category in ('none', 'unstable', 'marginal', 'sudden_hardship')`),
    )
    .addColumn('responsible_worker_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('households_site_idx').on('households').column('site_id').execute();
  await db.schema.createIndex('households_county_idx').on('households').column('county_code').execute();
  await db.schema.createIndex('households_worker_idx').on('households').column('responsible_worker_id').execute();

  // 家庭成员
  await db.schema
    .createTable('persons')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    // 身份证号: encrypted (AES-256-GCM), a keyed hash for lookups and uniqueness, and the masked form.
    .addColumn('id_number_encrypted', 'text')
    .addColumn('id_number_hash', 'text', (col) => col.unique())
    .addColumn('id_number_masked', 'text')
    .addColumn('birth_date', 'date')
    .addColumn('sex', 'text', (col) => col.check(sql`sex in ('male', 'female')`))
    .addColumn('phone', 'text')
    .addColumn('relation', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`relation in ('head', 'spouse', 'child', 'child_in_law', 'parent', 'grandparent', 'grandchild', 'sibling', 'other')`,
        ),
    )
    .addColumn('education', 'text', (col) =>
      col.check(sql`education in ('none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor_plus')`),
    )
    .addColumn('labor_capacity', 'text', (col) =>
      col.notNull().defaultTo('none').check(sql`labor_capacity in ('full', 'weak', 'none')`),
    )
    .addColumn('health_notes_encrypted', 'text')
    .addColumn('employment_status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('not_seeking')
        .check(
          sql`employment_status in ('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed', 'unemployed_seeking', 'not_seeking')`,
        ),
    )
    .addColumn('max_commute_km', 'integer', (col) => col.check(sql`max_commute_km between 0 and 2000`))
    .addColumn('work_modes', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('willing_to_work_away', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('has_care_duties', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('visible_to_employers', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('persons_household_idx').on('persons').column('household_id').execute();
  await db.schema.createIndex('persons_name_birth_idx').on('persons').columns(['name', 'birth_date']).execute();

  await db.schema
    .createTable('person_skills')
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('skill_code', 'text', (col) => col.notNull().references('skills.code'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('level', 'smallint', (col) => col.notNull().defaultTo(1).check(sql`level between 1 and 5`))
    .addColumn('certificate', 'text')
    .addColumn('certified_on', 'date')
    .addPrimaryKeyConstraint('person_skills_pk', ['person_id', 'skill_code'])
    .execute();
  await db.schema.createIndex('person_skills_skill_idx').on('person_skills').column('skill_code').execute();

  // Dated history of registry attributes (employment, site, labour capacity, monitoring
  // category…): a change adds a row, never overwrites, so "who was employed on 2026-03-31"
  // is a query.
  await db.schema
    .createTable('registry_history')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('person_id', 'bigint', (col) => col.references('persons.id'))
    .addColumn('attribute', 'text', (col) => col.notNull())
    .addColumn('value', 'text')
    .addColumn('detail', 'jsonb')
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by', 'bigint', (col) => col.references('users.id'))
    .execute();
  await db.schema
    .createIndex('registry_history_person_idx')
    .on('registry_history')
    .columns(['person_id', 'attribute', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('registry_history_household_idx')
    .on('registry_history')
    .columns(['household_id', 'attribute', 'valid_from'])
    .execute();

  // A resident's account is one person; a helper (帮扶干部) acts for assigned households.
  await db.schema
    .alterTable('users')
    .addColumn('person_id', 'bigint', (col) => col.references('persons.id').unique())
    .execute();
  await db.schema
    .createTable('helper_assignments')
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('helper_assignments_pk', ['user_id', 'household_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('helper_assignments').execute();
  await db.schema.alterTable('users').dropColumn('person_id').execute();
  await db.schema.dropTable('registry_history').execute();
  await db.schema.dropTable('person_skills').execute();
  await db.schema.dropTable('persons').execute();
  await db.schema.dropTable('households').execute();
  await db.schema.dropTable('sites').execute();
}
