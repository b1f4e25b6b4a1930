import { addDays } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible } from '../access/policy.ts';
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
import { summaryDueOnSql } from '../tracking/visit-due.ts';
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

/**
 * The worklist (预警清单) as one SQL select: every active alert in the actor's scope, plus every
 * household whose visit is overdue and has no active 走访逾期 alert yet (the nightly run has not
 * opened it), each with its household's site, 户主 and responsible worker.
 */
function worklistItems(db: Db, actor: Actor, today: string, filter: WorklistFilter) {
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
  const severity = sql.raw(
    `case kind ${Object.entries(worklistSeverity)
      .map(([kind, rank]) => `when '${kind}' then ${rank}`)
      .join(' ')} else 9 end`,
  );
  const conditions = [sql`true`];
  if (filter.kind) conditions.push(sql`kind = ${filter.kind}`);
  if (filter.due === 'overdue') conditions.push(sql`due_on < ${today}::date`);
  if (filter.due === 'week') conditions.push(sql`due_on < ${addDays(today, 7)}::date`);
  return sql`
    with hh as materialized (${households}),
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
    filtered as (select items.*, ${severity} as severity from items where ${sql.join(conditions, sql` and `)})`;
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

/** The SQL of `worklistCounts`: one row per kind (the bench EXPLAINs it). */
export function worklistCountsSql(db: Db, actor: Actor, today: string, filter: WorklistFilter = { due: 'all' }) {
  return sql<{ kind: string; total: number; overdue: number; week: number }>`${worklistItems(db, actor, today, filter)}
    select kind, count(*)::int as total, (count(*) filter (where due_on < ${today}::date))::int as overdue,
      (count(*) filter (where due_on < ${addDays(today, 7)}::date))::int as week
    from filtered group by kind order by kind`;
}

/** The counts the home page shows: everything, past due, due within a week, and per kind. */
export async function worklistCounts(db: Db, actor: Actor, today: string, filter: WorklistFilter = { due: 'all' }) {
  const { rows } = await worklistCountsSql(db, actor, today, filter).execute(db);
  const sum = (key: 'total' | 'overdue' | 'week') => rows.reduce((n, row) => n + row[key], 0);
  return {
    total: sum('total'),
    overdue: sum('overdue'),
    dueWithinWeek: sum('week'),
    byKind: Object.fromEntries(rows.map((row) => [row.kind, row.total])),
  };
}
