import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { householdsById, lineInForceSql } from './income.ts';
import { listMeasures } from './measures.ts';
import { policyValue } from './policy-values.ts';
import type { ScopedHousehold } from './scope.ts';
import { summaryPerCapita } from './summaries.ts';

const yuan = (value: number | string | null) => (value === null ? null : Number(value));

/**
 * Everything the household page shows on one time axis: monthly income by source against the
 * line, each member's employment history, 低保 states, visits, integration scores, alerts and
 * support measures (帮扶措施).
 * Each part is read by its own function below; they run at once.
 */
export async function householdTimeline(db: Db, household: ScopedHousehold, from: string, to: string, asOf: string) {
  const [perCapita, months, people, dibao, visits, assessments, alerts, supportMeasures, dibaoStandardMonthly] =
    await Promise.all([
      summaryPerCapita(db, household.id, asOf),
      incomeMonths(db, household, from, to),
      membersWithHistory(db, household.id),
      dibaoTimeline(db, household.id),
      recentVisits(db, household.id),
      integrationAssessments(db, household.id),
      recentAlerts(db, household.id),
      listMeasures(db, household.id),
      // 低保标准 in force for the household's county this year (政策参数), null where none is set.
      policyValue(db, 'dibao_standard_monthly', household.countyCode, Number(asOf.slice(0, 4))),
    ]);
  return {
    household: {
      id: household.id,
      householdNumber: household.householdNumber,
      monitoringCategory: household.monitoringCategory,
      responsibleWorkerId: household.responsibleWorkerId,
    },
    perCapita,
    months,
    ...people,
    ...dibao,
    visits,
    assessments,
    alerts,
    supportMeasures,
    dibaoStandardMonthly,
  };
}

/** Net income by source for each month from `from` to `to`, against the 监测线 in force that year. */
async function incomeMonths(db: Db, household: ScopedHousehold, from: string, to: string) {
  const { rows } = await sql<{
    month: string;
    wages: number;
    business: number;
    property: number;
    transfers: number;
    total: number | null;
    members: number;
    line: number | null;
  }>`with hh as (${householdsById([household.id])}),
      months as (select generate_series(${from}::date, ${to}::date, interval '1 month')::date as month),
      current as (select * from income_records where household_id = ${household.id}::bigint and superseded_at is null)
      select to_char(m.month, 'YYYY-MM') as month,
        coalesce(sum(ir.amount_yuan - ir.production_costs_yuan) filter (where ir.source = 'wages'), 0) as wages,
        coalesce(sum(ir.amount_yuan - ir.production_costs_yuan) filter (where ir.source = 'business'), 0) as business,
        coalesce(sum(ir.amount_yuan - ir.production_costs_yuan) filter (where ir.source = 'property'), 0) as property,
        coalesce(sum(ir.amount_yuan - ir.production_costs_yuan) filter (where ir.source like 'transfer_%'), 0) as transfers,
        sum(ir.amount_yuan - ir.production_costs_yuan) as total,
        (select count(*) from persons where household_id = ${household.id}::bigint)::int as members,
        ${lineInForceSql(sql`(select county_code from hh)`, sql`extract(year from m.month)::int`)} as line
      from months m left join current ir on ir.period_kind = 'month' and ir.period_start = m.month
      group by m.month order by m.month`.execute(db);
  return rows.map((row) => {
    const total = yuan(row.total);
    return {
      month: row.month,
      wages: Number(row.wages),
      business: Number(row.business),
      property: Number(row.property),
      transfers: Number(row.transfers),
      total,
      perCapitaAnnualised:
        total === null || row.members === 0 ? null : Math.round((total * 12 * 100) / row.members) / 100,
      line: yuan(row.line),
    };
  });
}

/** The members, each with their employment history, and the household's 监测 category history. */
async function membersWithHistory(db: Db, householdId: string) {
  const [members, history] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['id', 'name', 'relation', 'laborCapacity', 'employmentStatus'])
      .where('householdId', '=', householdId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('registryHistory')
      .select(['personId', 'attribute', 'value', 'validFrom'])
      .where('householdId', '=', householdId)
      .where('attribute', 'in', ['employment_status', 'monitoring_category', 'labor_capacity'])
      .orderBy('validFrom')
      .orderBy('id')
      .execute(),
  ]);
  return {
    members: members.map((person) => ({
      ...person,
      employmentHistory: history
        .filter((entry) => entry.personId === person.id && entry.attribute === 'employment_status')
        .map((entry) => ({ status: entry.value, from: entry.validFrom })),
    })),
    categoryHistory: history
      .filter((entry) => entry.attribute === 'monitoring_category')
      .map((entry) => ({ category: entry.value, from: entry.validFrom })),
  };
}

/** The 低保 enrolment as it stands, and every change of state. */
async function dibaoTimeline(db: Db, householdId: string) {
  const [dibao, events] = await Promise.all([
    db.selectFrom('dibaoEnrolments').selectAll().where('householdId', '=', householdId).executeTakeFirst(),
    db
      .selectFrom('dibaoEvents')
      .select(['fromState', 'toState', 'onDate', 'reason', 'class', 'monthlyAmountYuan', 'validUntil'])
      .where('householdId', '=', householdId)
      .orderBy('onDate')
      .orderBy('id')
      .execute(),
  ]);
  return {
    dibao: dibao
      ? {
          id: dibao.id,
          state: dibao.state,
          class: dibao.class,
          monthlyAmountYuan: yuan(dibao.monthlyAmountYuan),
          validUntil: dibao.validUntil,
          stateSince: dibao.stateSince,
        }
      : null,
    dibaoEvents: events.map((e) => ({ ...e, monthlyAmountYuan: yuan(e.monthlyAmountYuan) })),
  };
}

function recentVisits(db: Db, householdId: string) {
  return db
    .selectFrom('visits')
    .select(['id', 'visitedOn', 'kind', 'findings', 'measures', 'nextVisitDue', 'workerId'])
    .where('householdId', '=', householdId)
    .orderBy('visitedOn', 'desc')
    .limit(100)
    .execute();
}

/** 融入度 assessments, oldest first, each with its total over the five dimensions. */
async function integrationAssessments(db: Db, householdId: string) {
  const rows = await db
    .selectFrom('integrationAssessments')
    .select([
      'id',
      'assessedOn',
      'economic',
      'socialTies',
      'dailyLifeServices',
      'culturalParticipation',
      'psychologicalBelonging',
    ])
    .where('householdId', '=', householdId)
    .orderBy('assessedOn')
    .execute();
  return rows.map((a) => ({
    ...a,
    total: a.economic + a.socialTies + a.dailyLifeServices + a.culturalParticipation + a.psychologicalBelonging,
  }));
}

async function recentAlerts(db: Db, householdId: string) {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'ruleId', 'state', 'explanationZh', 'explanationEn', 'deadline', 'openedAt', 'measure', 'closeNote'])
    .where('householdId', '=', householdId)
    .orderBy('openedAt', 'desc')
    .limit(100)
    .execute();
  return rows.map((a) => ({ ...a, openedAt: a.openedAt.toISOString() }));
}

export const defaultTimelineRange = (asOf: string) => ({ from: monthStart(asOf, -24), to: monthStart(asOf, -1) });
