import { chinaToday } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import type { ExportLang } from './export-labels.ts';
import { perCapitaIncome } from './income.ts';
import { scopedRegionHouseholds } from './reports.ts';
import { scopedHouseholds, underRegion } from './scope.ts';

/** The rows of the ledgers officials export (台账), scoped like any read, under one region path. */

/** Household roster (花名册): each household with its status, income against the line and last visit. */
export async function householdLedger(db: Db, actor: Actor, path: string) {
  const rows = await scopedHouseholds(db, actor)
    .leftJoin('users as worker', 'worker.id', 'households.responsibleWorkerId')
    .leftJoin('dibaoEnrolments as d', 'd.householdId', 'households.id')
    .where(underRegion(path))
    .select([
      'households.id',
      'households.householdNumber',
      'site.name as site',
      'households.monitoringCategory',
      'worker.name as worker',
      'd.state as dibaoState',
      sql<number>`(select count(*) from persons p where p.household_id = households.id)::int`.as('members'),
      sql<number>`(select count(*) from persons p where p.household_id = households.id
        and p.labor_capacity in ('full', 'weak'))::int`.as('able'),
      sql<number>`(select count(*) from persons p where p.household_id = households.id
        and p.employment_status in ('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed'))::int`.as(
        'employed',
      ),
      sql<
        string | null
      >`(select to_char(max(visited_on), 'YYYY-MM-DD') from visits v where v.household_id = households.id)`.as(
        'lastVisit',
      ),
    ])
    .orderBy('households.householdNumber')
    .execute();
  const incomes = await perCapitaIncome(db, scopedRegionHouseholds(db, actor, path), chinaToday());
  const byId = new Map(incomes.map((row) => [row.householdId, row]));
  return rows.map((row) => {
    const income = byId.get(row.id);
    return {
      ...row,
      perCapita: income?.perCapitaNetIncome ?? null,
      annualised: income?.annualised ? `${income.monthsWithData}/12` : '',
      line: income?.line ?? null,
    };
  });
}

/** Employment ledger: every member with labour capacity and work, and since when. */
export function employmentLedger(db: Db, actor: Actor, path: string) {
  return scopedHouseholds(db, actor)
    .innerJoin('persons', 'persons.householdId', 'households.id')
    .where(underRegion(path))
    .select([
      'households.householdNumber',
      'site.name as site',
      'persons.name',
      'persons.relation',
      'persons.laborCapacity',
      'persons.employmentStatus',
      sql<string | null>`(select to_char(max(valid_from), 'YYYY-MM-DD') from registry_history rh
      where rh.person_id = persons.id and rh.attribute = 'employment_status')`.as('since'),
    ])
    .orderBy('households.householdNumber')
    .orderBy('persons.id')
    .execute();
}

/** Alert ledger: every alert with its state, deadline and measure, explained in the export's language. */
export function alertLedger(db: Db, actor: Actor, path: string, lang: ExportLang) {
  return scopedHouseholds(db, actor)
    .innerJoin('alerts', 'alerts.householdId', 'households.id')
    .leftJoin('users as worker', 'worker.id', 'alerts.responsibleWorkerId')
    .where(underRegion(path))
    .select([
      'households.householdNumber',
      'site.name as site',
      'alerts.ruleId',
      'alerts.state',
      lang === 'en' ? 'alerts.explanationEn as explanation' : 'alerts.explanationZh as explanation',
      'worker.name as worker',
      'alerts.deadline',
      sql<string>`to_char(alerts.opened_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('openedOn'),
      'alerts.measure',
      'alerts.closeNote',
      sql<string | null>`to_char(alerts.escalated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('escalatedOn'),
    ])
    .orderBy('alerts.deadline')
    .orderBy('alerts.id')
    .execute();
}
