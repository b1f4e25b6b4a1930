import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { policyValueSql } from './policy-values.ts';

/**
 * A household's next visit due date: the due date its last visit set, else the last visit +
 * its category's interval (policy value `visit_interval_days:<category>` for its county and year), else its registration + the interval. Derived on
 * every read, never stored, so changing a schedule moves every due date at once.
 */
const dueOnSql = sql<string>`coalesce(lv.next_visit_due, lv.visited_on + coalesce(vs.interval_days, 90),
  (households.created_at at time zone 'Asia/Shanghai')::date + coalesce(vs.interval_days, 90))`;

/**
 * The same due date read from the household summary (`hs`, joined with `visitIntervalJoin` as
 * `vs`): what the dashboards, the worklist and the alert rules use, one row per household.
 * The summary also stores it (`household_summary.visit_due_on`, for the policy year
 * `visitDueYear`, kept by triggers on visits, households and policy values: migration
 * 2026-12-12T0200) for the worklist counts, which compare it to this.
 */
export const summaryDueOnSql = sql<string>`coalesce(hs.last_next_visit_due, hs.last_visited_on + coalesce(vs.interval_days, 90),
  hs.created_on + coalesce(vs.interval_days, 90))`;

/** The policy year the stored visit due dates (`household_summary.visit_due_on`) were computed for. */
export async function visitDueYear(db: Db): Promise<number | undefined> {
  const basis = await db.selectFrom('visitDueBasis').select('year').executeTakeFirst();
  return basis?.year;
}

/**
 * Moves the stored visit due dates to today's policy year (a new year may bring its own visit
 * intervals): every due date again, once a year; true when they moved.
 */
export async function setVisitDueYear(db: Db, today: string): Promise<boolean> {
  const { rows } = await sql<{
    moved: boolean;
  }>`select set_visit_due_year(${Number(today.slice(0, 4))}::int) as moved`.execute(db);
  return rows[0]?.moved === true;
}

export async function visitDueQuery(
  db: Db,
  actor: Actor,
  today: string,
  options: { overdueOnly?: boolean; householdId?: string } & PageRequest,
) {
  let base = db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .leftJoinLateral(
      sql<{ intervalDays: number | null }>`(select ${policyValueSql(
        sql`'visit_interval_days:' || households.monitoring_category`,
        sql`households.county_code`,
        Number(today.slice(0, 4)),
      )}::int as interval_days)`.as('vs'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('visits')
          .select(['visits.visitedOn', 'visits.nextVisitDue'])
          .whereRef('visits.householdId', '=', 'households.id')
          .orderBy('visits.visitedOn', 'desc')
          .orderBy('visits.id', 'desc')
          .limit(1)
          .as('lv'),
      (join) => join.onTrue(),
    )
    .where(householdVisible(actor));
  if (options.householdId) base = base.where('households.id', '=', options.householdId);
  if (options.overdueOnly) base = base.where(sql<boolean>`${dueOnSql} < ${today}::date`);
  const page = await paged(
    base,
    (filtered) =>
      filtered
        .select([
          'households.id as householdId',
          'households.householdNumber',
          'households.monitoringCategory',
          'lv.visitedOn as lastVisitOn',
          sql<number>`coalesce(vs.interval_days, 90)`.as('intervalDays'),
          sql<string>`to_char(${dueOnSql}, 'YYYY-MM-DD')`.as('dueOn'),
        ])
        .orderBy(sql`${dueOnSql}`)
        .orderBy('households.id'),
    options,
  );
  return mapPage(page, (row) => {
    const daysOverdue = Math.round((Date.parse(today) - Date.parse(row.dueOn)) / 86_400_000);
    return {
      ...row,
      lastVisitOn: row.lastVisitOn ?? null,
      intervalDays: Number(row.intervalDays),
      overdue: daysOverdue > 0,
      daysOverdue: Math.max(daysOverdue, 0),
    };
  });
}
