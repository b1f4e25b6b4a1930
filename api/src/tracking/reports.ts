import { monthStart } from '@anju/domain/dates';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible, regionScopeSql } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import { programmeBreakdown } from '../programmes/report-breakdown.ts';
import { programmeFigures } from '../programmes/report-figures.ts';
import { type HouseholdSet, round2 } from './income.ts';
import {
  alertsByKind,
  byResponsibleWorker,
  childRegions,
  incomeFigures,
  integrationByMonth,
  monthlyTrend,
  peopleFigures,
} from './reports.queries.ts';
import { findScopedRegion, underRegion } from './scope.ts';

/** The households of a region that the actor may see, as a HouseholdSet (the exports use it). */
export function scopedRegionHouseholds(db: Db, actor: Actor, regionPath: string): HouseholdSet {
  const query = db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select(['households.id', 'households.countyCode'])
    .where(householdVisible(actor))
    .where(underRegion(regionPath));
  return sql`${query}`;
}

/**
 * The sites of a region the actor may see, as a SQL select of `id`. Dashboards are for workers,
 * officials and admins, whose scope is always a set of region paths, so a set of sites.
 */
export function scopedRegionSites(db: Db, actor: Actor, regionPath: string): RawBuilder<unknown> {
  const query = db
    .selectFrom('regions as site')
    .select('site.id')
    .where(regionScopeSql(actor, 'site.path'))
    .where(underRegion(regionPath));
  return sql`${query}`;
}

const share = (part: number, whole: number) => (whole ? round2(part / whole) : null);

/**
 * A site or region dashboard for the months [from, to] ('YYYY-MM-01' each). Income figures
 * are as of the end of `to` (12 months ending with `to`); counts of people are the registry now.
 * The parts (`reports.queries.ts`) run together; `children` is the next level down to drill into
 * (empty for a site, whose next level is `byResponsibleWorker`).
 */
export async function regionReport(
  db: Db,
  actor: Actor,
  region: { id: string; code: string; name: string; level: string; path: string },
  from: string,
  to: string,
  today: string,
) {
  const sites = scopedRegionSites(db, actor, region.path);
  const end = monthStart(to, 1);
  const [counts, figures, trend, integrationTrend, alerts, workers, children, programmes, breakdown] =
    await Promise.all([
      peopleFigures(db, sites),
      incomeFigures(db, sites, to),
      monthlyTrend(db, sites, from, to),
      integrationByMonth(db, sites, from, end),
      alertsByKind(db, sites, today),
      byResponsibleWorker(db, sites, from, end, today),
      region.level === 'site' ? Promise.resolve([]) : childRegions(db, actor, sites, region.id, to, today),
      programmeFigures(db, sites, to.slice(0, 7), today),
      programmeBreakdown(db, sites, to.slice(0, 7), today),
    ]);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    from: from.slice(0, 7),
    to: to.slice(0, 7),
    households: counts.households,
    peopleWithLabourCapacity: counts.able,
    employedWithLabourCapacity: counts.employed,
    employmentRate: share(counts.employed, counts.able),
    householdsWithNoOneEmployed: counts.zeroEmployment,
    /** No one works, no one is known able, someone's labour capacity is 未登记: to verify. */
    householdsWithNoOneEmployedUnverified: counts.zeroEmploymentUnverified,
    income: {
      householdsWithData: figures.withData,
      medianPerCapitaNetIncome: figures.median === null ? null : round2(Number(figures.median)),
      householdsBelowLine: figures.below,
      shareBelowLine: share(figures.below, figures.comparable),
      dibaoCoverageOfBelowLine: share(figures.covered, figures.below),
      /**
       * Per month: the median of each household's rolling 12-month per-capita net income (the
       * 12 months ending with that month, annualised from the months present), the line, the
       * share below it and the households in 低保 at the month's end.
       */
      trend: trend.map((row) => ({
        month: row.month,
        medianPerCapitaRolling12: row.median === null ? null : round2(Number(row.median)),
        line: row.line === null ? null : Number(row.line),
        shareBelowLine: share(row.below, row.comparable),
        householdsBelowLine: row.below,
        dibaoEnrolled: row.dibao,
        households: row.households,
      })),
    },
    integrationTrend,
    alertsByKind: alerts,
    overdueVisits: workers.reduce((sum, row) => sum + row.overdueVisits, 0),
    byResponsibleWorker: workers,
    children: children.map(({ able, employed, comparable, below, ...child }) => ({
      ...child,
      employmentRate: share(employed, able),
      shareBelowLine: share(below, comparable),
      householdsBelowLine: below,
    })),
    /** 就业帮扶项目: labour export and 稳岗, 公益性岗位, 帮扶车间, subsidies, totals and lists (issue 21). */
    programmes: { ...programmes, ...breakdown },
  };
}

export type RegionReport = Awaited<ReturnType<typeof regionReport>>;

/**
 * The reports a dashboard shows: the region `code` and up to 5 compared ones, for the months
 * `from`…`to` ('YYYY-MM'; by default the 12 months ending last month). The report endpoint and
 * the dashboard export both read through here.
 */
export async function dashboardReports(
  db: Db,
  actor: Actor,
  code: string,
  query: { from?: string; to?: string; compare?: string },
  today: string,
): Promise<RegionReport[]> {
  const to = query.to ? `${query.to}-01` : monthStart(today, -1);
  const from = query.from ? `${query.from}-01` : monthStart(to, -11);
  if (from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 5)
    throw new AppError('validation', 'from must not be after to, and the range at most 5 years', {
      errors: [{ path: 'query.from', message: 'must be before to (at most 5 years)' }],
    });
  const codes = [
    code,
    ...(query.compare
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? []),
  ];
  if (codes.length > 6)
    throw new AppError('validation', 'Compare at most 5 regions', {
      errors: [{ path: 'query.compare', message: 'at most 5 codes' }],
    });
  const regions = [];
  for (const regionCode of codes) regions.push(await findScopedRegion(db, actor, regionCode));
  const reports = [];
  for (const region of regions) reports.push(await regionReport(db, actor, region, from, to, today));
  return reports;
}
