import { type Kysely, sql } from 'kysely';

/**
 * Issue 21 (part B): the employment programmes a 人社 bureau runs around the postings.
 *
 * - 劳务输出 (labour export): `labor_export_batches` (a group leaving for one destination
 *   employer, organised from a site or region), `labor_export_members` (who went, where they
 *   work, contract and pay) and `retention_followups` (稳岗回访 at 1, 3 and 6 months after
 *   departure; the due dates are derived from the departure date, only what was found is stored).
 * - 公益性岗位 (public-welfare posts): `welfare_posts` (per site, quota, monthly pay, eligibility
 *   rules as data), `welfare_post_assignments` (a person on a post for a term),
 *   `welfare_post_months` (attendance days and pay per month) and `programme_settings` (the
 *   policy numbers, e.g. how many posts one household may hold).
 * - 帮扶车间 (workshops): `workshop_recognitions` (认定 of an employer with its criteria and
 *   status) and `workshop_employment_months` (the relocated people it employed each month).
 * - Subsidy ledgers: `subsidy_entries` (培训/吸纳就业/交通补贴, qualified → applied → approved →
 *   paid), unique per kind, beneficiary, basis and period so nothing is paid twice.
 *
 * Every row about a person or household carries `county_code` (distribution by county); every
 * programme record hangs off a region (`site_id`), which is what the access policy scopes by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().generatedAlwaysAsIdentity();
  const now = (col: any) => col.notNull().defaultTo(sql`now()`);
  const month = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`;

  await db.schema
    .createTable('labor_export_batches')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addColumn('destination_employer', 'text', (col) => col.notNull())
    .addColumn('destination_region', 'text', (col) => col.notNull())
    .addColumn('departure_date', 'date', (col) => col.notNull())
    .addColumn('transport', 'text', (col) =>
      col.notNull().check(sql`transport in ('chartered_bus', 'special_train', 'self')`),
    )
    .addColumn('organiser', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('labor_export_batches_site_idx').on('labor_export_batches').column('site_id').execute();

  await db.schema
    .createTable('labor_export_members')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('batch_id', 'bigint', (col) => col.notNull().references('labor_export_batches.id').onDelete('cascade'))
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id'))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('workplace', 'text')
    .addColumn('contract_start', 'date')
    .addColumn('contract_end', 'date')
    .addColumn('monthly_pay_yuan', sql`numeric(12,2)`, (col) => col.check(sql`monthly_pay_yuan >= 0`))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('labor_export_members_batch_person', ['batch_id', 'person_id'])
    .addCheckConstraint(
      'labor_export_members_contract',
      sql`contract_end is null or contract_start is null or contract_end >= contract_start`,
    )
    .execute();
  await db.schema
    .createIndex('labor_export_members_person_idx')
    .on('labor_export_members')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('retention_followups')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('member_id', 'bigint', (col) => col.notNull().references('labor_export_members.id').onDelete('cascade'))
    .addColumn('milestone_months', 'integer', (col) => col.notNull().check(sql`milestone_months in (1, 3, 6)`))
    .addColumn('followed_up_on', 'date', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('still_there', 'changed_job', 'came_home', 'unreachable')`),
    )
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('retention_followups_member_milestone', ['member_id', 'milestone_months'])
    .execute();

  await db.schema
    .createTable('programme_settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.insertInto('programme_settings').values({ key: 'household_post_limit', value: 1 }).execute();

  await db.schema
    .createTable('welfare_posts')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('duties', 'text')
    .addColumn('quota', 'integer', (col) => col.notNull().check(sql`quota between 1 and 10000`))
    .addColumn('monthly_pay_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`monthly_pay_yuan >= 0`))
    .addColumn('eligibility', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('welfare_posts_site_idx').on('welfare_posts').column('site_id').execute();

  await db.schema
    .createTable('welfare_post_assignments')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('post_id', 'bigint', (col) => col.notNull().references('welfare_posts.id'))
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id'))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('start_on', 'date', (col) => col.notNull())
    .addColumn('end_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('welfare_post_assignments_term', sql`end_on >= start_on`)
    .execute();
  await db.schema
    .createIndex('welfare_post_assignments_household_idx')
    .on('welfare_post_assignments')
    .columns(['household_id', 'end_on'])
    .execute();
  await db.schema
    .createIndex('welfare_post_assignments_post_idx')
    .on('welfare_post_assignments')
    .columns(['post_id', 'end_on'])
    .execute();

  await db.schema
    .createTable('welfare_post_months')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('assignment_id', 'bigint', (col) => col.notNull().references('welfare_post_assignments.id'))
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id'))
    .addColumn('month', 'text', (col) => col.notNull().check(month('month')))
    .addColumn('attendance_days', 'integer', (col) => col.notNull().check(sql`attendance_days between 0 and 31`))
    .addColumn('pay_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`pay_yuan >= 0`))
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('welfare_post_months_assignment_month', ['assignment_id', 'month'])
    .execute();

  await db.schema
    .createTable('workshop_recognitions')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('employer_id', 'bigint', (col) => col.notNull().unique().references('employers.id'))
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addColumn('min_relocated_employed', 'integer', (col) => col.notNull().check(sql`min_relocated_employed >= 0`))
    .addColumn('min_relocated_share', sql`numeric(5,4)`, (col) =>
      col.notNull().check(sql`min_relocated_share between 0 and 1`),
    )
    .addColumn('total_employed', 'integer', (col) => col.notNull().check(sql`total_employed >= 0`))
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`status in ('pending', 'recognised', 'revoked')`),
    )
    .addColumn('decided_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('decided_on', 'date')
    .addColumn('note', 'text')
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('workshop_employment_months')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('workshop_id', 'bigint', (col) => col.notNull().references('workshop_recognitions.id'))
    .addColumn('person_id', 'bigint', (col) => col.notNull().references('persons.id'))
    .addColumn('household_id', 'bigint', (col) => col.notNull().references('households.id'))
    .addColumn('month', 'text', (col) => col.notNull().check(month('month')))
    .addColumn('pay_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`pay_yuan >= 0`))
    .addColumn('recorded_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('workshop_employment_months_once', ['workshop_id', 'person_id', 'month'])
    .execute();

  await db.schema
    .createTable('subsidy_entries')
    .addColumn('id', 'bigint', id)
    .addColumn('county_code', 'text', (col) => col.notNull())
    .addColumn('site_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('training', 'employment', 'transport')`))
    .addColumn('person_id', 'bigint', (col) => col.references('persons.id'))
    .addColumn('household_id', 'bigint', (col) => col.references('households.id'))
    .addColumn('employer_id', 'bigint', (col) => col.references('employers.id'))
    .addColumn('basis', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull().check(sql`period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'`))
    .addColumn('amount_yuan', sql`numeric(12,2)`, (col) => col.notNull().check(sql`amount_yuan > 0`))
    .addColumn('state', 'text', (col) =>
      col.notNull().defaultTo('qualified').check(sql`state in ('qualified', 'applied', 'approved', 'paid')`),
    )
    .addColumn('applied_on', 'date')
    .addColumn('approved_on', 'date')
    .addColumn('paid_on', 'date')
    .addColumn('created_by', 'bigint', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint(
      'subsidy_entries_beneficiary',
      sql`(person_id is not null and household_id is not null and employer_id is null) or (person_id is null and household_id is null and employer_id is not null)`,
    )
    .execute();
  // The rule against double payment: one entry per kind, beneficiary, basis and period.
  await sql`create unique index subsidy_entries_once on subsidy_entries
    (kind, coalesce(person_id, 0), coalesce(employer_id, 0), basis, period)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'subsidy_entries',
    'workshop_employment_months',
    'workshop_recognitions',
    'welfare_post_months',
    'welfare_post_assignments',
    'welfare_posts',
    'programme_settings',
    'retention_followups',
    'labor_export_members',
    'labor_export_batches',
  ])
    await db.schema.dropTable(table).execute();
}
