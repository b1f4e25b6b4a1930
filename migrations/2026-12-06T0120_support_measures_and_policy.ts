import { type Kysely, sql } from 'kysely';

/**
 * Issue 20 part B: support measures (帮扶措施) as records, dated risk facts (风险类型) and essential
 * spending (刚性支出), 三保障 + 饮水安全 checks, and policy values by year and place (政策参数).
 * Every household-scoped table carries `county_code`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('support_measures')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('person_id', 'bigint', (col) => col.references('persons.id'))
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('industry', 'employment', 'training', 'dibao', 'medical', 'education', 'housing', 'finance', 'public_welfare_post')`,
        ),
    )
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('amount_yuan', sql`numeric(12,2)`, (col) => col.check(sql`amount_yuan >= 0`))
    .addColumn('responsible_unit', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('support_measures_period', sql`ended_on is null or ended_on >= started_on`)
    .execute();
  await db.schema
    .createIndex('support_measures_household_idx')
    .on('support_measures')
    .columns(['household_id', 'started_on'])
    .execute();

  await db.schema
    .createTable('household_risks')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('illness', 'disability', 'schooling', 'disaster', 'accident', 'unemployment')`),
    )
    .addColumn('from_on', 'date', (col) => col.notNull())
    .addColumn('to_on', 'date')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('household_risks_period', sql`to_on is null or to_on >= from_on`)
    .execute();
  await db.schema.createIndex('household_risks_household_idx').on('household_risks').column('household_id').execute();

  await db.schema
    .createTable('essential_spending')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('medical', 'schooling')`))
    .addColumn('amount_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`amount_yuan > 0`))
    // A month's spending starts on the 1st; a dated payment keeps its day.
    .addColumn('period_kind', 'text', (col) => col.notNull().check(sql`period_kind in ('month', 'day')`))
    .addColumn('spent_on', 'date', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('essential_spending_month_start', sql`period_kind = 'day' or extract(day from spent_on) = 1`)
    .execute();
  await db.schema
    .createIndex('essential_spending_household_idx')
    .on('essential_spending')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('guarantee_checks')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('dimension', 'text', (col) =>
      col
        .notNull()
        .check(sql`dimension in ('compulsory_education', 'basic_medical', 'housing_safety', 'drinking_water')`),
    )
    .addColumn('checked_on', 'date', (col) => col.notNull())
    .addColumn('ok', 'boolean', (col) => col.notNull())
    .addColumn('evidence', 'text', (col) => col.notNull())
    .addColumn('checked_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('guarantee_checks_latest_idx')
    .on('guarantee_checks')
    .columns(['household_id', 'dimension', 'checked_on', 'id'])
    .execute();

  // 政策参数: a value for a key, a place (null = everywhere) and the year it starts to apply.
  await db.schema
    .createTable('policy_values')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('key', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`key ~ '^(monitoring_line_yearly|dibao_standard_monthly|visit_interval_days:[a-z_]+|subsidy:[a-z_]+)$'`,
        ),
    )
    .addColumn('region_code', 'text')
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('value', sql`numeric(14,2)`, (col) => col.notNull().check(sql`value >= 0`))
    .addColumn('note', 'text')
    .addColumn('updated_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index policy_values_key_place_year on policy_values (key, coalesce(region_code, ''), year)`.execute(
    db,
  );
  // Today's behaviour as the defaults everywhere: the visit intervals of visit_schedules.
  await sql`insert into policy_values (key, region_code, year, value, note)
    select 'visit_interval_days:' || monitoring_category, null, 2000, interval_days, '默认 / default'
    from visit_schedules`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'policy_values',
    'guarantee_checks',
    'essential_spending',
    'household_risks',
    'support_measures',
  ])
    await db.schema.dropTable(table).execute();
}
