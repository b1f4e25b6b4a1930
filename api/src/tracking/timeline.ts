import { monthStart } from '@anju/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { householdsById, lineInForceSql } from './income.ts';
import type { ScopedHousehold } from './scope.ts';
import { summaryPerCapita } from './summaries.ts';

/**
 * Everything the household page shows on one time axis: monthly income by source against the
 * line, each member's employment history, 低保 states, visits, integration scores and alerts.
 */
export async function householdTimeline(db: Db, household: ScopedHousehold, from: string, to: string, asOf: string) {
  const hh = householdsById([household.id]);
  const [months, members, employment, dibao, dibaoEvents, visits, assessments, alerts, perCapita] = await Promise.all([
    sql<{
      month: string;
      wages: number;
      business: number;
      property: number;
      transfers: number;
      total: number | null;
      members: number;
      line: number | null;
    }>`with hh as (${hh}),
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
      group by m.month order by m.month`.execute(db),
    db
      .selectFrom('persons')
      .select(['id', 'name', 'relation', 'laborCapacity', 'employmentStatus'])
      .where('householdId', '=', household.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('registryHistory')
      .select(['personId', 'attribute', 'value', 'validFrom'])
      .where('householdId', '=', household.id)
      .where('attribute', 'in', ['employment_status', 'monitoring_category', 'labor_capacity'])
      .orderBy('validFrom')
      .orderBy('id')
      .execute(),
    db.selectFrom('dibaoEnrolments').selectAll().where('householdId', '=', household.id).executeTakeFirst(),
    db
      .selectFrom('dibaoEvents')
      .select(['fromState', 'toState', 'onDate', 'reason', 'class', 'monthlyAmountYuan', 'validUntil'])
      .where('householdId', '=', household.id)
      .orderBy('onDate')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('visits')
      .select(['id', 'visitedOn', 'kind', 'findings', 'measures', 'nextVisitDue', 'workerId'])
      .where('householdId', '=', household.id)
      .orderBy('visitedOn', 'desc')
      .limit(100)
      .execute(),
    db
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
      .where('householdId', '=', household.id)
      .orderBy('assessedOn')
      .execute(),
    db
      .selectFrom('alerts')
      .select([
        'id',
        'ruleId',
        'state',
        'explanationZh',
        'explanationEn',
        'deadline',
        'openedAt',
        'measure',
        'closeNote',
      ])
      .where('householdId', '=', household.id)
      .orderBy('openedAt', 'desc')
      .limit(100)
      .execute(),
    summaryPerCapita(db, household.id, asOf),
  ]);
  return {
    household: {
      id: household.id,
      householdNumber: household.householdNumber,
      monitoringCategory: household.monitoringCategory,
      responsibleWorkerId: household.responsibleWorkerId,
    },
    perCapita,
    months: months.rows.map((row) => {
      const total = row.total === null ? null : Number(row.total);
      return {
        month: row.month,
        wages: Number(row.wages),
        business: Number(row.business),
        property: Number(row.property),
        transfers: Number(row.transfers),
        total,
        perCapitaAnnualised:
          total === null || row.members === 0 ? null : Math.round((total * 12 * 100) / row.members) / 100,
        line: row.line === null ? null : Number(row.line),
      };
    }),
    members: members.map((person) => ({
      ...person,
      employmentHistory: employment
        .filter((entry) => entry.personId === person.id && entry.attribute === 'employment_status')
        .map((entry) => ({ status: entry.value, from: entry.validFrom })),
    })),
    categoryHistory: employment
      .filter((entry) => entry.attribute === 'monitoring_category')
      .map((entry) => ({ category: entry.value, from: entry.validFrom })),
    dibao: dibao
      ? {
          id: dibao.id,
          state: dibao.state,
          class: dibao.class,
          monthlyAmountYuan: dibao.monthlyAmountYuan === null ? null : Number(dibao.monthlyAmountYuan),
          validUntil: dibao.validUntil,
          stateSince: dibao.stateSince,
        }
      : null,
    dibaoEvents: dibaoEvents.map((e) => ({
      ...e,
      monthlyAmountYuan: e.monthlyAmountYuan === null ? null : Number(e.monthlyAmountYuan),
    })),
    visits,
    assessments: assessments.map((a) => ({
      ...a,
      total: a.economic + a.socialTies + a.dailyLifeServices + a.culturalParticipation + a.psychologicalBelonging,
    })),
    alerts: alerts.map((a) => ({ ...a, openedAt: a.openedAt.toISOString() })),
  };
}

export const defaultTimelineRange = (asOf: string) => ({ from: monthStart(asOf, -24), to: monthStart(asOf, -1) });
