import { type Kysely, sql } from 'kysely';

/**
 * Tracking (防返贫监测): home visits, the income ledger, monitoring lines, 低保 enrolment history,
 * community integration assessments and the early-warning alerts. Every household-scoped table
 * carries `county_code`. Records are dated and kept: corrections supersede, they never erase.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 监测线: yuan per person per year, for a province (2-digit code) or a county (6-digit code).
  await db.schema
    .createTable('monitoring_lines')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('region_code', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull().check(sql`level in ('province', 'county')`))
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('amount_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`amount_yuan > 0`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('monitoring_lines_region_year', ['region_code', 'year'])
    .execute();

  // How often a household of each monitoring category is visited.
  await db.schema
    .createTable('visit_schedules')
    .addColumn('monitoring_category', 'text', (col) => col.primaryKey())
    .addColumn('interval_days', 'integer', (col) => col.notNull().check(sql`interval_days between 1 and 730`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('visit_schedules')
    .values([
      { monitoring_category: 'none', interval_days: 90 },
      { monitoring_category: 'unstable', interval_days: 30 },
      { monitoring_category: 'marginal', interval_days: 30 },
      { monitoring_category: 'sudden_hardship', interval_days: 30 },
    ])
    .execute();

  // 走访
  await db.schema
    .createTable('visits')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('worker_id', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('visited_on', 'date', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('routine', 'alert_follow_up', 'dibao_check')`))
    .addColumn('notes', 'text')
    .addColumn('findings', 'text')
    .addColumn('measures', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('next_visit_due', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('visits_household_idx').on('visits').columns(['household_id', 'visited_on']).execute();

  // 收入台账: one row per household, period and source; a correction supersedes the old row.
  await db.schema
    .createTable('income_records')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('period_kind', 'text', (col) => col.notNull().check(sql`period_kind in ('month', 'year')`))
    // First day of the month, or 1 January for a yearly figure.
    .addColumn('period_start', 'date', (col) => col.notNull())
    .addColumn('source', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`source in ('wages', 'business', 'property', 'transfer_dibao', 'transfer_pension', 'transfer_subsidy', 'transfer_other')`,
        ),
    )
    .addColumn('amount_yuan', sql`numeric(12,2)`, (col) => col.notNull())
    .addColumn('production_costs_yuan', sql`numeric(12,2)`, (col) =>
      col.notNull().defaultTo(0).check(sql`production_costs_yuan >= 0`),
    )
    .addColumn('visit_id', 'bigint', (col) => col.references('visits.id'))
    .addColumn('recorded_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('superseded_at', 'timestamptz')
    .addCheckConstraint(
      'income_records_period_start',
      sql`extract(day from period_start) = 1 and (period_kind = 'month' or extract(month from period_start) = 1)`,
    )
    .execute();
  await sql`create unique index income_records_current_idx on income_records (household_id, period_start, period_kind, source)
    where superseded_at is null`.execute(db);

  // 低保: the current state per household, and every transition as dated history.
  await db.schema
    .createTable('dibao_enrolments')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().unique().references('households.id'))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('not_applied', 'applied', 'under_review', 'enrolled', 'refused', 'review_due', 'renewed', 'exited')`,
        ),
    )
    .addColumn('class', 'text', (col) => col.check(sql`class in ('A', 'B', 'C')`))
    .addColumn('monthly_amount_yuan', sql`numeric(10,2)`, (col) => col.check(sql`monthly_amount_yuan >= 0`))
    .addColumn('valid_until', 'date')
    .addColumn('state_since', 'date', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('dibao_events')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('enrolment_id', 'bigint', (col) => col.notNull().references('dibao_enrolments.id'))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (col) => col.notNull())
    .addColumn('on_date', 'date', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('class', 'text')
    .addColumn('monthly_amount_yuan', sql`numeric(10,2)`)
    .addColumn('valid_until', 'date')
    .addColumn('recorded_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('dibao_events_household_idx').on('dibao_events').column('household_id').execute();

  // 社区融入 assessments: five dimensions scored 1–5 plus facts.
  await db.schema
    .createTable('integration_assessments')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('assessed_on', 'date', (col) => col.notNull())
    .addColumn('assessor_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('economic', 'smallint', (col) => col.notNull().check(sql`economic between 1 and 5`))
    .addColumn('social_ties', 'smallint', (col) => col.notNull().check(sql`social_ties between 1 and 5`))
    .addColumn('daily_life_services', 'smallint', (col) =>
      col.notNull().check(sql`daily_life_services between 1 and 5`),
    )
    .addColumn('cultural_participation', 'smallint', (col) =>
      col.notNull().check(sql`cultural_participation between 1 and 5`),
    )
    .addColumn('psychological_belonging', 'smallint', (col) =>
      col.notNull().check(sql`psychological_belonging between 1 and 5`),
    )
    .addColumn('children_in_local_school', 'boolean')
    .addColumn('medical_insurance_transferred', 'boolean')
    .addColumn('household_registration_moved', 'boolean')
    .addColumn('returns_to_origin_village', 'boolean')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('integration_assessments_household_idx')
    .on('integration_assessments')
    .columns(['household_id', 'assessed_on'])
    .execute();

  // 预警: one row per (household, rule) episode; at most one active per pair.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('open', 'acknowledged', 'resolved', 'dismissed')`),
    )
    .addColumn('explanation_zh', 'text', (col) => col.notNull())
    .addColumn('explanation_en', 'text', (col) => col.notNull())
    .addColumn('facts', 'jsonb', (col) => col.notNull())
    .addColumn('responsible_worker_id', 'bigint', (col) => col.references('users.id'))
    .addColumn('deadline', 'date', (col) => col.notNull())
    .addColumn('opened_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('measure', 'text')
    .addColumn('close_note', 'text')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('escalated_to', 'bigint', (col) => col.references('users.id'))
    .execute();
  await sql`create unique index alerts_active_idx on alerts (household_id, rule_id)
    where state in ('open', 'acknowledged')`.execute(db);
  await sql`create index alerts_worker_idx on alerts (responsible_worker_id, deadline)
    where state in ('open', 'acknowledged')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'alerts',
    'integration_assessments',
    'dibao_events',
    'dibao_enrolments',
    'income_records',
    'visits',
    'visit_schedules',
    'monitoring_lines',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
