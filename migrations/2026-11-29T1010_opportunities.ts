import { type Kysely, sql } from 'kysely';

/**
 * Opportunities (机会): employers (企业, 扶贫车间, 合作社, 个体), jobs (岗位), training courses
 * (技能培训) and industry projects (产业项目), plus saved searches and in-app notifications.
 * Every posting carries `version`, bumped on each write, so search drift can be checked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('employers')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('enterprise', 'workshop', 'cooperative', 'individual')`),
    )
    .addColumn('credit_code', 'text', (col) => col.unique())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('region_id', 'bigint', (col) => col.references('regions.id'))
    .addColumn('verified', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('employer_id', 'bigint', (col) => col.references('employers.id'))
    .execute();

  const status = sql`status in ('draft', 'open', 'filled', 'closed')`;
  const common = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('employer_id', 'bigint', (col) => col.notNull().references('employers.id'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('requirements', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft').check(status))
      .addColumn('address', 'text')
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('start_date', 'date')
      .addColumn('deadline', 'date')
      .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('created_by', 'bigint', (col) => col.references('users.id'))
      .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`));

  await common('jobs')
    .addColumn('occupation_code', 'text')
    // [{ code, minLevel }]: skill codes of the taxonomy with the minimum grade 1–5.
    .addColumn('required_skills', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('optional_skills', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('headcount', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('pay_min', 'numeric(12, 2)')
    .addColumn('pay_max', 'numeric(12, 2)')
    .addColumn('pay_unit', 'text', (col) => col.notNull().check(sql`pay_unit in ('month', 'day', 'hour', 'piece')`))
    .addColumn('pay_frequency', 'text', (col) =>
      col.notNull().check(sql`pay_frequency in ('monthly', 'semimonthly', 'weekly', 'daily', 'on_completion')`),
    )
    .addColumn('hours', 'text')
    .addColumn('shifts', 'text')
    .addColumn('employment_type', 'text', (col) =>
      col
        .notNull()
        .check(sql`employment_type in ('full_time', 'part_time', 'home_piecework', 'public_welfare', 'labour_export')`),
    )
    .addColumn('destination', 'text')
    .addColumn('shuttle_site_ids', sql`bigint[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('accommodation', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('age_min', 'integer')
    .addColumn('age_max', 'integer')
    .addColumn('physical_demand', 'text', (col) => col.check(sql`physical_demand in ('light', 'medium', 'heavy')`))
    .execute();

  await common('trainings')
    // [{ code, level }]: skills taught and the grade reached.
    .addColumn('skills_taught', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('certificate', 'text')
    .addColumn('schedule', 'text')
    .addColumn('end_date', 'date')
    .addColumn('seats', 'integer', (col) => col.notNull().defaultTo(20))
    .addColumn('cost', 'numeric(12, 2)', (col) => col.notNull().defaultTo(0))
    .addColumn('subsidy_eligible', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('childcare', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();

  await common('projects')
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(sql`kind in ('planting', 'livestock', 'processing', 'tourism', 'workshop', 'pv', 'ecommerce', 'other')`),
    )
    .addColumn('site_ids', sql`bigint[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('required_skills', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('positions', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('participation_modes', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('expected_income_min', 'numeric(12, 2)')
    .addColumn('expected_income_max', 'numeric(12, 2)')
    .addColumn('income_unit', 'text', (col) =>
      col.notNull().defaultTo('year').check(sql`income_unit in ('month', 'year')`),
    )
    .execute();

  for (const table of ['jobs', 'trainings', 'projects']) {
    await db.schema.createIndex(`${table}_employer_idx`).on(table).column('employer_id').execute();
    await db.schema.createIndex(`${table}_status_idx`).on(table).column('status').execute();
  }

  // 订阅: a saved search whose new matches raise notifications for `user_id` (the resident).
  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('index_name', 'text', (col) => col.notNull().check(sql`index_name in ('jobs', 'trainings', 'projects')`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('params', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('saved_searches_index_idx').on('saved_searches').column('index_name').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (col) => col.notNull().defaultTo('in_app'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('link', 'text')
    // The (saved search, posting) pair that raised it: one alert per match, however often re-indexed.
    .addColumn('dedupe_key', 'text', (col) => col.unique())
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('saved_searches').execute();
  await db.schema.dropTable('projects').execute();
  await db.schema.dropTable('trainings').execute();
  await db.schema.dropTable('jobs').execute();
  await db.schema.alterTable('users').dropColumn('employer_id').execute();
  await db.schema.dropTable('employers').execute();
}
