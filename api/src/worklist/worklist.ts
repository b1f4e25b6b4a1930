import { addDays } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdReach, householdVisible, regionScopeSql } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, selfCountedPage, windowTotalSql } from '../http/paging.ts';
import {
  type ProgrammeWorklistKind,
  programmeWorklistRows,
  programmeWorklistSeverity,
} from '../programmes/worklist-items.ts';
import type { AlertRuleId } from '../tracking/alert-rules.ts';
import { visitIntervalsOf } from '../tracking/policy-values.ts';
import { headNameSql } from '../tracking/reports.queries.ts';
import { summaryDueOnSql, visitDueYear } from '../tracking/visit-due.ts';
import { overdueWorkflowSteps } from '../workflows/worklist.ts';

/**
 * How urgent each kind of work is when deadlines tie (1 first): money below the line and no
 * safety net before a missed visit, before a review date or a softer score.
 */
export const worklistSeverity: Record<WorklistKind, number> = {
  below_line_without_dibao: 1,
  income_below_or_near_line: 1,
  income_drop: 2,
  zero_employment: 2,
  visit_overdue: 2,
  dibao_review_due: 3,
  integration_drop: 3,
  workflow_step: 2,
  guarantee_failed: 2,
  ...programmeWorklistSeverity,
};

/**
 * What the worklist holds: alerts by rule, 帮扶流程 steps past their legal deadline, and the
 * employment programmes' work (稳岗回访, 公益性岗位 rotation).
 */
export type WorklistKind = AlertRuleId | 'workflow_step' | ProgrammeWorklistKind;

export interface WorklistFilter {
  kind?: string;
  site?: string;
  due: 'overdue' | 'week' | 'all';
}

/** The households the actor sees (with the site filter), each with its site's name: the worklist's `hh`. */
function householdsInScope(db: Db, actor: Actor, filter: WorklistFilter) {
  let households = db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select([
      'households.id',
      'households.householdNumber',
      'households.siteId',
      'site.name as siteName',
      'households.responsibleWorkerId',
    ])
    .where(householdVisible(actor));
  if (filter.site) households = households.where('households.siteId', '=', filter.site);
  return households;
}

/** The kind and due filters, as conditions on rows with `kind` and `due_on`. */
function filterConditions(today: string, filter: WorklistFilter) {
  const conditions = [sql`true`];
  if (filter.kind) conditions.push(sql`kind = ${filter.kind}`);
  if (filter.due === 'overdue') conditions.push(sql`due_on < ${today}::date`);
  if (filter.due === 'week') conditions.push(sql`due_on < ${addDays(today, 7)}::date`);
  return sql.join(conditions, sql` and `);
}

/**
 * The worklist (预警清单) as one SQL select: every active alert in the actor's scope, plus every
 * household whose visit is overdue and has no active 走访逾期 alert yet (the nightly run has not
 * opened it), each with its household's site, 户主 and responsible worker.
 */
function worklistItems(db: Db, actor: Actor, today: string, filter: WorklistFilter) {
  const severity = sql.raw(
    `case kind ${Object.entries(worklistSeverity)
      .map(([kind, rank]) => `when '${kind}' then ${rank}`)
      .join(' ')} else 9 end`,
  );
  return sql`
    with hh as materialized (${householdsInScope(db, actor, filter)}),
    -- The visit facts of those households, and each (county, category) pair's visit interval
    -- looked up once (not once per household: issue 23).
    visit_facts as materialized (
      select hs.household_id, hs.county_code, hs.monitoring_category, hs.last_next_visit_due, hs.last_visited_on, hs.created_on
      from household_summary hs join hh on hh.id = hs.household_id
    ),
    visit_intervals as materialized (${visitIntervalsOf(sql`visit_facts`, Number(today.slice(0, 4)))}),
    items as (
      -- A 走访逾期 alert is due when the visit was (its facts), any other alert by its deadline.
      select 'alert' as source, a.id::text as alert_id, null::text as workflow_id, a.household_id, a.rule_id as kind, a.state,
        case when a.rule_id = 'visit_overdue' then coalesce((a.facts->>'dueOn')::date, a.deadline) else a.deadline end as due_on,
        a.explanation_zh, a.explanation_en, a.escalated_at is not null as escalated, null::date as last_visit_on,
        null::text as ref_id
      from alerts a join hh on hh.id = a.household_id
      where a.state in ('open', 'acknowledged')
      union all
      select 'visit', null, null, hs.household_id, 'visit_overdue', 'open', ${summaryDueOnSql}, null, null, false, hs.last_visited_on, null
      from visit_facts hs
      left join visit_intervals vs on vs.county_code = hs.county_code and vs.monitoring_category = hs.monitoring_category
      where ${summaryDueOnSql} < ${today}::date
        and not exists (select 1 from alerts a where a.household_id = hs.household_id
          and a.rule_id = 'visit_overdue' and a.state in ('open', 'acknowledged'))
      union all
      ${overdueWorkflowSteps(actor, today)}
      union all ${programmeWorklistRows(today)}
    ),
    filtered as (select items.*, ${severity} as severity from items where ${filterConditions(today, filter)})`;
}

export async function worklistPage(db: Db, actor: Actor, today: string, filter: WorklistFilter, request: PageRequest) {
  const page = await selfCountedPage(
    async (limit, offset) =>
      (
        await sql<{
          source: 'alert' | 'visit' | 'workflow_step' | ProgrammeWorklistKind;
          alertId: string | null;
          workflowId: string | null;
          householdId: string;
          householdNumber: string;
          headName: string | null;
          siteId: string;
          site: string;
          kind: WorklistKind;
          state: string;
          dueOn: string;
          lastVisitOn: string | null;
          explanationZh: string | null;
          explanationEn: string | null;
          escalated: boolean;
          responsibleWorkerName: string | null;
          refId: string | null;
          total: number;
        }>`${worklistItems(db, actor, today, filter)}
    select f.source, f.alert_id as "alertId", f.workflow_id as "workflowId", f.household_id::text as "householdId", hh.household_number as "householdNumber",
      ${headNameSql(sql`f.household_id`)} as "headName", hh.site_id::text as "siteId", hh.site_name as site,
      f.kind, f.state, to_char(f.due_on, 'YYYY-MM-DD') as "dueOn", to_char(f.last_visit_on, 'YYYY-MM-DD') as "lastVisitOn",
      f.explanation_zh as "explanationZh", f.explanation_en as "explanationEn", f.escalated,
      u.name as "responsibleWorkerName", f.ref_id as "refId", ${windowTotalSql} as total
    from filtered f join hh on hh.id = f.household_id left join users u on u.id = hh.responsible_worker_id
    order by (f.due_on < ${today}::date) desc, f.severity, f.due_on, f.household_id, f.alert_id
    limit ${limit} offset ${offset}`.execute(db)
      ).rows,
    request,
  );
  return mapPage(page, (row) => ({
    ...row,
    overdue: row.dueOn < today,
    daysOverdue: Math.max(0, Math.round((Date.parse(today) - Date.parse(row.dueOn)) / 86_400_000)),
  }));
}

/** Counts per kind of the rows of `counted` (columns `kind`, `due_on`, `n`): in all, past due, due within a week. */
function countsByKind(today: string) {
  return sql`select kind, sum(n)::int as total, coalesce(sum(n) filter (where due_on < ${today}::date), 0)::int as overdue,
      coalesce(sum(n) filter (where due_on < ${addDays(today, 7)}::date), 0)::int as week
    from counted group by kind order by kind`;
}

/**
 * The counts from the stored state (issue 23: at city scale, counting the worklist's own rows
 * read every active alert and every household in scope): active alerts per site, rule and due
 * date (`worklist_alert_counts`) and overdue visits without an alert (`household_summary`'s
 * stored `visit_due_on`, a partial index per site), summed over the sites in scope, both kept on
 * write by triggers (migration 2026-12-12T0200). The 帮扶流程 steps and the programmes' work are
 * few and read as the worklist reads them. For actors whose scope is regions (admin, official,
 * worker).
 */
function storedCountsSql(db: Db, actor: Actor, today: string, filter: WorklistFilter) {
  const inScope = householdReach(actor).kind === 'all' ? sql`true` : regionScopeSql(actor, 'scope_site.path');
  const site = filter.site ? sql`and scope_site.id = ${filter.site}` : sql``;
  return sql<{ kind: string; total: number; overdue: number; week: number }>`
    with hh as not materialized (${householdsInScope(db, actor, filter)}),
    sites as materialized (select scope_site.id from regions scope_site where ${inScope} ${site}),
    items as (
      select c.rule_id as kind, c.due_on, c.n from worklist_alert_counts c where c.site_id in (select id from sites)
      union all
      select 'visit_overdue', hs.visit_due_on, 1 from household_summary hs
      where hs.site_id in (select id from sites) and not hs.visit_alert_open and hs.visit_due_on < ${today}::date
      union all
      select w.kind, w.due_on, 1 from (${overdueWorkflowSteps(actor, today)} union all ${programmeWorklistRows(today)})
        as w(source, alert_id, workflow_id, household_id, kind, state, due_on, explanation_zh, explanation_en, escalated, last_visit_on, ref_id)
    ),
    counted as (select * from items where ${filterConditions(today, filter)})
    ${countsByKind(today)}`;
}

/**
 * The SQL of `worklistCounts`, one row per kind (the bench EXPLAINs it): from the stored counts
 * when the actor's scope is regions and the stored due dates are of today's policy year (else,
 * e.g. on New Year's morning before the nightly job moves them, by counting the worklist's rows).
 */
export async function worklistCountsSql(db: Db, actor: Actor, today: string, filter: WorklistFilter = { due: 'all' }) {
  const reach = householdReach(actor).kind;
  if ((reach === 'all' || reach === 'regions') && (await visitDueYear(db)) === Number(today.slice(0, 4)))
    return storedCountsSql(db, actor, today, filter);
  return sql<{ kind: string; total: number; overdue: number; week: number }>`${worklistItems(db, actor, today, filter)},
    counted as (select kind, due_on, 1 as n from filtered)
    ${countsByKind(today)}`;
}

/** The counts the home page shows: everything, past due, due within a week, and per kind. */
export async function worklistCounts(db: Db, actor: Actor, today: string, filter: WorklistFilter = { due: 'all' }) {
  const { rows } = await (await worklistCountsSql(db, actor, today, filter)).execute(db);
  const sum = (key: 'total' | 'overdue' | 'week') => rows.reduce((n, row) => n + row[key], 0);
  return {
    total: sum('total'),
    overdue: sum('overdue'),
    dueWithinWeek: sum('week'),
    byKind: Object.fromEntries(rows.map((row) => [row.kind, row.total])),
  };
}
