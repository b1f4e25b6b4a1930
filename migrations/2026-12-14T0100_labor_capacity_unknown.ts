import { type Kysely, sql } from 'kysely';

/**
 * 劳动能力未登记: a fourth value `unknown` for persons.labor_capacity, for people whose roster had no
 * 劳动能力 column or an empty cell. They were stored as 'none' (无劳动能力), which kept a whole
 * imported site out of job matching. Existing rows stay as they are: nothing tells which 'none'
 * were defaulted. The column's default becomes 'unknown' too: a person written without a value
 * (the roster import's new persons, a member added through the API without one) is not recorded,
 * not unable to work. The household summaries and worklist counts count only 'full' and 'weak' as
 * able, so 'unknown' is not able there (no zero-employment alert for a household no one assessed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table persons drop constraint persons_labor_capacity_check`.execute(db);
  await sql`alter table persons add constraint persons_labor_capacity_check
    check (labor_capacity in ('full', 'weak', 'none', 'unknown'))`.execute(db);
  await sql`alter table persons alter column labor_capacity set default 'unknown'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update persons set labor_capacity = 'none' where labor_capacity = 'unknown'`.execute(db);
  await sql`alter table persons alter column labor_capacity set default 'none'`.execute(db);
  await sql`alter table persons drop constraint persons_labor_capacity_check`.execute(db);
  await sql`alter table persons add constraint persons_labor_capacity_check
    check (labor_capacity in ('full', 'weak', 'none'))`.execute(db);
}
