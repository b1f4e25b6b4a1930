import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import { type Db, inBatchTransaction } from '../db/database.ts';
import { notifyAll } from '../notifications/notify.ts';
import { type AlertRuleId, alertRules, explainAlert, quietDaysAfterClose } from './alert-rules.ts';
import { allHouseholds, type HouseholdSet, householdsById, lineInForceSql, twelveMonthWindow } from './income.ts';
import { visitIntervalJoin } from './policy-values.ts';
import { rebuildHouseholdSummaries } from './summaries.ts';

export interface EvaluationResult {
  households: 'all' | number;
  firing: number;
  opened: number;
  refreshed: number;
  autoResolved: number;
  escalated: number;
  ms: number;
}

interface FiringRow {
  householdId: string;
  ruleId: AlertRuleId;
  facts: Record<string, number | string | null>;
}

const activeStates = sql`('open', 'acknowledged')`;
const dibaoCovered = sql`('enrolled', 'review_due', 'renewed')`;
const dibaoPending = sql`('applied', 'under_review')`;

/**
 * Every rule as one set-based query over the given households: one row per (household,
 * rule) whose condition holds on `asOf`, with the numbers that explain it.
 */
async function firingConditions(db: Db, households: HouseholdSet, asOf: string): Promise<FiringRow[]> {
  const { to, lineYear } = twelveMonthWindow(asOf);
  const r = alertRules;
  const seriesFrom = monthStart(asOf, -24);
  const recentFrom = monthStart(asOf, -r.income_drop.windowMonths);
  const parts = [];
  if (r.income_below_or_near_line.enabled)
    parts.push(sql`select household_id, 'income_below_or_near_line' as rule_id,
      jsonb_build_object('perCapita', round(per_capita, 2), 'line', line, 'monthsWithData', months) as facts
      from pc where per_capita < line * ${1 + r.income_below_or_near_line.nearShare}`);
  if (r.income_drop.enabled)
    parts.push(sql`select cur.household_id, 'income_drop',
      jsonb_build_object('current', round(sum(cur.net), 2), 'previous', round(sum(prev.net), 2), 'months', count(*),
        'dropShare', round(1 - sum(cur.net) / sum(prev.net), 4))
      from series cur join series prev on prev.household_id = cur.household_id
        and prev.month = (cur.month - interval '12 months')::date
      where cur.month >= ${recentFrom}::date and cur.month < ${to}::date
      group by cur.household_id
      having sum(prev.net) > 0 and sum(cur.net) < sum(prev.net) * ${1 - r.income_drop.dropShare}`);
  if (r.zero_employment.enabled)
    parts.push(sql`select household_id, 'zero_employment', jsonb_build_object('ableToWork', able)
      from people where able > 0 and employed = 0`);
  if (r.below_line_without_dibao.enabled)
    parts.push(sql`select pc.household_id, 'below_line_without_dibao',
      jsonb_build_object('perCapita', round(pc.per_capita, 2), 'line', pc.line, 'dibaoState', d.state)
      from pc left join dibao_enrolments d on d.household_id = pc.household_id
      where pc.per_capita < pc.line and (d.state is null or d.state not in ${dibaoCovered} and d.state not in ${dibaoPending})`);
  if (r.dibao_review_due.enabled)
    parts.push(sql`select d.household_id, 'dibao_review_due',
      jsonb_build_object('validUntil', d.valid_until, 'dibaoState', d.state)
      from dibao_enrolments d join hh on hh.id = d.household_id
      where d.state = 'review_due'
        or (d.state in ('enrolled', 'renewed') and d.valid_until <= ${asOf}::date + ${r.dibao_review_due.withinDays}::int)`);
  if (r.visit_overdue.enabled)
    parts.push(sql`select household_id, 'visit_overdue',
      jsonb_build_object('dueOn', due_on, 'daysOverdue', ${asOf}::date - due_on, 'lastVisitOn', last_visit_on,
        'intervalDays', interval_days)
      from visit_due where due_on < ${asOf}::date`);
  if (r.integration_drop.enabled)
    parts.push(sql`select household_id, 'integration_drop',
      jsonb_build_object('latestTotal', latest_total, 'previousTotal', previous_total, 'latestOn', latest_on,
        'previousOn', previous_on)
      from integration where previous_total - latest_total >= ${r.integration_drop.minTotalDrop}`);
  if (r.guarantee_failed.enabled)
    parts.push(sql`select household_id, 'guarantee_failed',
      jsonb_build_object('dimensions', string_agg(dimension, ',' order by dimension), 'checkedOn', max(checked_on))
      from guarantee_latest where not ok group by household_id`);
  if (parts.length === 0) return [];

  // Read from the household summaries (kept on write): one row per household for the facts,
  // one per household and month for income, so the whole city is a few index range scans.
  const { rows } = await sql<FiringRow>`with hh as (${households}),
    series as (
      select s.household_id, s.month, s.net from household_month_summary s join hh on hh.id = s.household_id
      where s.month >= ${seriesFrom}::date and s.month < ${to}::date and s.net is not null
    ),
    lines as (
      select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line
      from (select distinct county_code from hh) c
    ),
    pc as (
      select hh.id as household_id, l.line, coalesce(s.window_months, 0) as months, s.window_per_capita as per_capita
      from hh
      left join lines l on l.county_code = hh.county_code
      left join household_month_summary s on s.household_id = hh.id and s.month = ${monthStart(to, -1)}::date
    ),
    people as (
      select f.household_id, f.able, f.employed_any as employed from household_summary f join hh on hh.id = f.household_id
    ),
    visit_due as (
      select f.household_id, f.last_visited_on as last_visit_on, coalesce(vs.interval_days, 90) as interval_days,
        coalesce(f.last_next_visit_due, f.last_visited_on + coalesce(vs.interval_days, 90),
          f.created_on + coalesce(vs.interval_days, 90)) as due_on
      from household_summary f join hh on hh.id = f.household_id
      ${visitIntervalJoin(sql`f.monitoring_category`, sql`f.county_code`, Number(asOf.slice(0, 4)))}
    ),
    -- The latest two assessments of each household, ranked in one pass (not a lookup per household).
    ranked as (
      select a.household_id, a.assessed_on,
        a.economic + a.social_ties + a.daily_life_services + a.cultural_participation + a.psychological_belonging as total,
        row_number() over (partition by a.household_id order by a.assessed_on desc, a.id desc) as rn
      from integration_assessments a join hh on hh.id = a.household_id
    ),
    integration as (
      select household_id,
        max(total) filter (where rn = 1) as latest_total, max(assessed_on) filter (where rn = 1) as latest_on,
        max(total) filter (where rn = 2) as previous_total, max(assessed_on) filter (where rn = 2) as previous_on
      from ranked where rn <= 2 group by household_id having count(*) = 2
    ),
    -- 三保障 + 饮水: the latest check of each dimension up to the evaluation day.
    guarantee_latest as (
      select distinct on (g.household_id, g.dimension) g.household_id, g.dimension, g.ok, g.checked_on
      from guarantee_checks g join hh on hh.id = g.household_id
      where g.checked_on <= ${asOf}::date
      order by g.household_id, g.dimension, g.checked_on desc, g.id desc
    )
    select household_id::text as "householdId", rule_id as "ruleId", facts from (
      ${sql.join(parts, sql` union all `)}
    ) firing`.execute(db);
  return rows;
}

/**
 * Evaluates the rules for some households (after a write) or for all (nightly), and brings the
 * alerts in line: a newly firing (household, rule) opens one alert, a still-firing one keeps its
 * alert (facts refreshed, never duplicated), an active alert whose condition no longer holds is
 * resolved with a note, and an active alert past its deadline escalates to the region's official.
 */
export async function evaluateAlerts(
  db: Db,
  options: { householdIds?: readonly string[]; asOf?: string } = {},
): Promise<EvaluationResult> {
  const started = performance.now();
  const asOf = options.asOf ?? chinaToday();
  const households = options.householdIds ? householdsById(options.householdIds) : allHouseholds;
  const scopeSql = options.householdIds
    ? sql`a.household_id = any(${sql.val(options.householdIds)}::bigint[])`
    : sql`true`;

  // After a write the caller's transaction is reused, so the alerts change with the write.
  const run = (work: (trx: Db) => Promise<EvaluationResult>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return run(async (trx) => {
    const firing = await firingConditions(trx, households, asOf);
    const ids = firing.map((row) => row.householdId);
    const rules = firing.map((row) => row.ruleId);
    const zh: string[] = [];
    const en: string[] = [];
    const facts: string[] = [];
    const deadlines: string[] = [];
    for (const row of firing) {
      const text = explainAlert(row.ruleId, row.facts);
      zh.push(text.zh);
      en.push(text.en);
      facts.push(JSON.stringify(row.facts));
      deadlines.push(addDays(asOf, alertRules[row.ruleId].deadlineDays));
    }

    // The quiet set is read once, before the insert: a lookup into `alerts` per inserted row was
    // planned as a scan of a table this very statement grows (a fresh city: minutes, quadratic).
    const upserted = await sql<{ inserted: boolean }>`
      with quiet as materialized (
        select closed.household_id, closed.rule_id from alerts closed
        where closed.state in ('resolved', 'dismissed') and closed.closed_by is not null
          and (closed.closed_at at time zone 'Asia/Shanghai')::date > ${asOf}::date - ${quietDaysAfterClose}::int)
      insert into alerts (county_code, household_id, rule_id, state, explanation_zh, explanation_en, facts,
        responsible_worker_id, deadline)
      select h.county_code, h.id, f.rule_id, 'open', f.zh, f.en, f.facts::jsonb, h.responsible_worker_id, f.deadline::date
      from unnest(${sql.val(ids)}::bigint[], ${sql.val(rules)}::text[], ${sql.val(zh)}::text[], ${sql.val(en)}::text[],
        ${sql.val(facts)}::text[], ${sql.val(deadlines)}::text[]) as f(household_id, rule_id, zh, en, facts, deadline)
      join households h on h.id = f.household_id
      where not exists (select 1 from quiet q where q.household_id = f.household_id and q.rule_id = f.rule_id)
      on conflict (household_id, rule_id) where state in ('open', 'acknowledged')
      do update set facts = excluded.facts, explanation_zh = excluded.explanation_zh,
        explanation_en = excluded.explanation_en
      where alerts.facts is distinct from excluded.facts
      returning (xmax = 0) as inserted`.execute(trx);

    const resolved = await sql`
      update alerts a set state = 'resolved', closed_at = now(),
        close_note = ${`条件已不满足，系统于${asOf}自动解除 / Condition no longer holds: resolved automatically on ${asOf}`}
      where a.state in ${activeStates} and ${scopeSql}
        and not exists (select 1 from unnest(${sql.val(ids)}::bigint[], ${sql.val(rules)}::text[]) as f(household_id, rule_id)
          where f.household_id = a.household_id and f.rule_id = a.rule_id)`.execute(trx);

    const escalated = await sql<{
      id: string;
      officialId: string;
      householdId: string;
      explanationZh: string;
      explanationEn: string;
      householdNumber: string;
    }>`
      update alerts a set escalated_at = now(), escalated_to = late.official_id
      from (
        select a2.id, (select u.id from users u join regions r on r.id = u.region_id
            where u.role = 'official' and u.status = 'active' and site.path like r.path || '%'
            order by length(r.path) desc, u.id limit 1) as official_id
        from alerts a2 join households h on h.id = a2.household_id join regions site on site.id = h.site_id
        where a2.state in ${activeStates} and a2.deadline < ${asOf}::date and a2.escalated_at is null
          and ${options.householdIds ? sql`a2.household_id = any(${sql.val(options.householdIds)}::bigint[])` : sql`true`}
      ) late
      where a.id = late.id and late.official_id is not null
      returning a.id::text as id, a.escalated_to::text as official_id, a.household_id::text, a.explanation_zh, a.explanation_en,
        (select hn.household_number from households hn where hn.id = a.household_id) as household_number`.execute(trx);
    // 上报: the official the alert went to hears of it (inbox and SMS), once per alert.
    await notifyAll(
      trx,
      escalated.rows.map((row) => ({
        userId: row.officialId,
        template: 'escalation' as const,
        params: {
          subject: '预警逾期未处理',
          detail: `户号 ${row.householdNumber}：${row.explanationZh}`,
          subjectEn: 'Alert past its deadline',
          detailEn: `Household ${row.householdNumber}: ${row.explanationEn}`,
        },
        link: `/tracking/households/${row.householdId}`,
        dedupeKey: `alert-escalation:${row.id}`,
      })),
    );

    const opened = upserted.rows.filter((row) => row.inserted).length;
    return {
      households: options.householdIds ? options.householdIds.length : 'all',
      firing: firing.length,
      opened,
      refreshed: upserted.rows.length - opened,
      autoResolved: Number(resolved.numAffectedRows ?? 0),
      escalated: escalated.rows.length,
      ms: Math.round(performance.now() - started),
    };
  });
}

/**
 * The nightly full evaluation over every household. The summaries it reads are kept on write;
 * `rebuildSummaries` first redoes them from the ledgers as a safety net (minutes at city
 * scale, so a separate, less frequent run: `pnpm alerts:evaluate --rebuild-summaries`).
 */
export function evaluateAllAlerts(
  deps: { db: Db },
  asOf?: string,
  options: { rebuildSummaries?: boolean } = {},
): Promise<EvaluationResult & { rebuildMs?: number }> {
  return inBatchTransaction(deps.db, async (trx) => {
    const rebuild = options.rebuildSummaries ? await rebuildHouseholdSummaries(trx) : undefined;
    return { ...(await evaluateAlerts(trx, { asOf })), rebuildMs: rebuild?.ms };
  });
}
