import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { type RawBuilder, sql } from 'kysely';
import { type Db, inBatchTransaction } from '../db/database.ts';
import { notifyAll } from '../notifications/notify.ts';
import { type AlertRuleId, alertRules, explainAlert, quietDaysAfterClose } from './alert-rules.ts';
import { allHouseholds, type HouseholdSet, householdsById, lineInForceSql, twelveMonthWindow } from './income.ts';
import { visitIntervalsOf } from './policy-values.ts';
import { rebuildHouseholdSummaries } from './summaries.ts';
import { summaryDueOnSql } from './visit-due.ts';

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
  /** The household's active alert of the rule has these very facts: nothing to write. */
  unchanged: boolean;
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
  const recentFrom = monthStart(asOf, -r.income_drop.windowMonths);
  const yearBeforeFrom = monthStart(asOf, -r.income_drop.windowMonths - 12);
  const yearBeforeTo = monthStart(asOf, -12);
  const parts = [];
  if (r.income_below_or_near_line.enabled)
    parts.push(sql`select household_id, 'income_below_or_near_line' as rule_id,
      jsonb_build_object('perCapita', round(per_capita, 2), 'line', line, 'monthsWithData', months) as facts
      from pc where per_capita < line * ${1 + r.income_below_or_near_line.nearShare}`);
  if (r.income_drop.enabled)
    parts.push(sql`select cur.household_id, 'income_drop',
      jsonb_build_object('current', round(sum(cur.net), 2), 'previous', round(sum(prev.net), 2), 'months', count(*),
        'dropShare', round(1 - sum(cur.net) / sum(prev.net), 4))
      from recent cur join year_before prev on prev.household_id = cur.household_id
        and prev.month = (cur.month - interval '12 months')::date
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
    -- The last months and the same months a year before, each read once (not one 24-month series joined to itself).
    recent as (
      select s.household_id, s.month, s.net from household_month_summary s join hh on hh.id = s.household_id
      where s.month >= ${recentFrom}::date and s.month < ${to}::date and s.net is not null
    ),
    year_before as (
      select s.household_id, s.month, s.net from household_month_summary s join hh on hh.id = s.household_id
      where s.month >= ${yearBeforeFrom}::date and s.month < ${yearBeforeTo}::date and s.net is not null
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
    -- The visit interval of each (county, category) pair looked up once, not once per household
    -- (a per-row policy lookup: issue 23, as in the worklist).
    visit_facts as materialized (
      select hs.household_id, hs.county_code, hs.monitoring_category, hs.last_next_visit_due, hs.last_visited_on, hs.created_on
      from household_summary hs join hh on hh.id = hs.household_id
    ),
    visit_intervals as materialized (${visitIntervalsOf(sql`visit_facts`, Number(asOf.slice(0, 4)))}),
    visit_due as (
      select hs.household_id, hs.last_visited_on as last_visit_on, coalesce(vs.interval_days, 90) as interval_days,
        ${summaryDueOnSql} as due_on
      from visit_facts hs
      left join visit_intervals vs on vs.county_code = hs.county_code and vs.monitoring_category = hs.monitoring_category
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
    select firing.household_id::text as "householdId", firing.rule_id as "ruleId", firing.facts,
      coalesce(active.facts = firing.facts, false) as unchanged
    from (${sql.join(parts, sql` union all `)}) firing
    left join alerts active on active.household_id = firing.household_id and active.rule_id = firing.rule_id
      and active.state in ${activeStates}`.execute(db);
  return rows;
}

/**
 * Evaluates the rules for some households (after a write) or for all at once, and brings the
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
  // After a write the caller's transaction is reused, so the alerts change with the write.
  const counts = await (db.isTransaction
    ? alignAlerts(db, households, asOf)
    : db.transaction().execute((trx) => alignAlerts(trx, households, asOf)));
  return {
    households: options.householdIds ? options.householdIds.length : 'all',
    ...counts,
    ms: Math.round(performance.now() - started),
  };
}

export type EvaluationCounts = Omit<EvaluationResult, 'households' | 'ms'>;

/**
 * The work of `evaluateAlerts` for one set of households, in `trx`: every statement reads and
 * writes only the alerts of those households, so disjoint sets can run in separate transactions
 * (the nightly batches) and give what one pass over their union gives.
 */
async function alignAlerts(trx: Db, households: HouseholdSet, asOf: string): Promise<EvaluationCounts> {
  const inScope = (householdId: RawBuilder<unknown>) =>
    households === allHouseholds ? sql`true` : sql`${householdId} in (select scope.id from (${households}) scope)`;
  const firing = await firingConditions(trx, households, asOf);
  const ids = firing.map((row) => row.householdId);
  const rules = firing.map((row) => row.ruleId);
  // Only new and changed conditions are written: an upsert that finds its alert unchanged still
  // locks (writes) the row, every alert every night (issue 23).
  const changed = firing.filter((row) => !row.unchanged);
  const changedIds = changed.map((row) => row.householdId);
  const changedRules = changed.map((row) => row.ruleId);
  const zh: string[] = [];
  const en: string[] = [];
  const facts: string[] = [];
  const deadlines: string[] = [];
  for (const row of changed) {
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
        and (closed.closed_at at time zone 'Asia/Shanghai')::date > ${asOf}::date - ${quietDaysAfterClose}::int
        and ${inScope(sql`closed.household_id`)})
    insert into alerts (county_code, household_id, rule_id, state, explanation_zh, explanation_en, facts,
      responsible_worker_id, deadline)
    select h.county_code, h.id, f.rule_id, 'open', f.zh, f.en, f.facts::jsonb, h.responsible_worker_id, f.deadline::date
    from unnest(${sql.val(changedIds)}::bigint[], ${sql.val(changedRules)}::text[], ${sql.val(zh)}::text[], ${sql.val(en)}::text[],
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
    where a.state in ${activeStates} and ${inScope(sql`a.household_id`)}
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
    with late as (
      select a2.id, h.site_id from alerts a2 join households h on h.id = a2.household_id
      where a2.state in ${activeStates} and a2.deadline < ${asOf}::date and a2.escalated_at is null
        and ${inScope(sql`a2.household_id`)}
    ),
    -- The closest official above each site, looked up once per site (not once per late alert).
    officials as (
      select site.id as site_id, (select u.id from users u join regions r on r.id = u.region_id
          where u.role = 'official' and u.status = 'active' and site.path like r.path || '%'
          order by length(r.path) desc, u.id limit 1) as official_id
      from regions site where site.id in (select late.site_id from late)
    )
    update alerts a set escalated_at = now(), escalated_to = o.official_id
    from late join officials o on o.site_id = late.site_id
    where a.id = late.id and o.official_id is not null
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
    firing: firing.length,
    opened,
    refreshed: upserted.rows.length - opened,
    autoResolved: Number(resolved.numAffectedRows ?? 0),
    escalated: escalated.rows.length,
  };
}

/** One nightly batch: up to `batchSize` households of one county, by id range. */
export interface EvaluationBatch {
  countyCode: string;
  firstId: string;
  lastId: string;
  households: number;
}

/** What the nightly run did in one county (the sum of its batches). */
export type CountyEvaluation = EvaluationCounts & { households: number; batches: number; failedBatches: number };

export interface NightlyEvaluationResult extends EvaluationResult {
  batches: number;
  byCounty: Record<string, CountyEvaluation>;
  /** Batches whose transaction failed (rolled back; the others stand): a rerun redoes them. */
  failed: (EvaluationBatch & { error: string })[];
  rebuildMs?: number;
}

/** The nightly run ended with some batches failed; `result` holds what the others did. */
export class NightlyEvaluationError extends Error {
  constructor(readonly result: NightlyEvaluationResult) {
    const counties = [...new Set(result.failed.map((batch) => batch.countyCode))];
    super(
      `alert evaluation failed in ${result.failed.length} of ${result.batches} batches (counties ${counties.join(', ')}): ${result.failed[0]?.error}; the other batches are committed, a rerun redoes the rest`,
    );
    this.name = 'NightlyEvaluationError';
  }
}

/** The nightly batches: each county's households in id order, cut every `batchSize`. */
export async function planEvaluationBatches(db: Db, batchSize: number): Promise<EvaluationBatch[]> {
  const { rows } = await sql<EvaluationBatch>`
    select county_code as "countyCode", min(id)::text as "firstId", max(id)::text as "lastId", count(*)::int as households
    from (select id, county_code, (row_number() over (partition by county_code order by id) - 1) / ${batchSize}::int as part
      from households) numbered
    group by county_code, part order by county_code, part`.execute(db);
  return rows;
}

/** One batch's evaluation in `trx` (the nightly run gives each batch its own transaction). */
export function evaluateBatch(trx: Db, batch: EvaluationBatch, asOf: string): Promise<EvaluationCounts> {
  const households = sql`select id, county_code from households
    where county_code = ${batch.countyCode} and id between ${batch.firstId}::bigint and ${batch.lastId}::bigint`;
  return alignAlerts(trx, households, asOf);
}

/**
 * The nightly full evaluation over every household, in batches: each county's households in
 * batches of `batchSize`, each batch its own short transaction (`parallel` at a time), so the
 * run grows with the data, holds no lock for long and can be spread over workers. A batch that
 * fails is rolled back alone; the others' alerts stay, and the run then throws a
 * `NightlyEvaluationError` (with the result) so the job is retried: a rerun converges, since each
 * batch brings its households' alerts in line with their data whatever it finds.
 * The summaries it reads are kept on write; `rebuildSummaries` first redoes them from the
 * ledgers as a safety net (minutes at city scale: `pnpm alerts:evaluate --rebuild-summaries`).
 */
export async function evaluateAllAlerts(
  deps: { db: Db },
  asOf: string = chinaToday(),
  options: { rebuildSummaries?: boolean; batchSize?: number; parallel?: number } = {},
): Promise<NightlyEvaluationResult> {
  const started = performance.now();
  const rebuild = options.rebuildSummaries
    ? await inBatchTransaction(deps.db, (trx) => rebuildHouseholdSummaries(trx))
    : undefined;
  const batches = await planEvaluationBatches(deps.db, options.batchSize ?? 10_000);
  const result: NightlyEvaluationResult = {
    households: 0,
    firing: 0,
    opened: 0,
    refreshed: 0,
    autoResolved: 0,
    escalated: 0,
    ms: 0,
    batches: batches.length,
    byCounty: {},
    failed: [],
    rebuildMs: rebuild?.ms,
  };
  let evaluated = 0;
  const add = (into: EvaluationCounts, counts: EvaluationCounts) => {
    for (const key of ['firing', 'opened', 'refreshed', 'autoResolved', 'escalated'] as const) into[key] += counts[key];
  };
  const runBatch = async (batch: EvaluationBatch) => {
    result.byCounty[batch.countyCode] ??= {
      households: 0,
      batches: 0,
      failedBatches: 0,
      firing: 0,
      opened: 0,
      refreshed: 0,
      autoResolved: 0,
      escalated: 0,
    };
    const county = result.byCounty[batch.countyCode];
    county.batches++;
    try {
      const counts = await inBatchTransaction(deps.db, (trx) => evaluateBatch(trx, batch, asOf));
      add(county, counts);
      add(result, counts);
      county.households += batch.households;
      evaluated += batch.households;
    } catch (error) {
      county.failedBatches++;
      result.failed.push({ ...batch, error: String((error as Error)?.message ?? error) });
    }
  };
  // A few batches at a time, each on its own pooled connection.
  const queue = [...batches];
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) await runBatch(batch);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 2) }, worker));
  result.households = evaluated;
  result.ms = Math.round(performance.now() - started);
  if (result.failed.length > 0) throw new NightlyEvaluationError(result);
  return result;
}
