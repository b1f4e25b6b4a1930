import { retentionMilestones } from '../programmes/programmes.tables.ts';
import type { RetentionRow } from '../programmes/report-breakdown.ts';
import { type ExportLang, type ExportWord, exportValue, exportWord } from './export-labels.ts';
import type { Sheet } from './exports.ts';
import type { RegionReport } from './reports.ts';

const percent = (value: number | null) => (value === null ? null : `${Math.round(value * 100)}%`);

/**
 * The dashboard as shown, as sheets: the figures of the region and of the regions compared
 * beside it, the monthly trend, the next level down, the responsible workers, alerts by kind and
 * the employment programmes' figures.
 */
export function dashboardSheets(reports: RegionReport[], lang: ExportLang): Sheet[] {
  const w = (word: ExportWord) => exportWord(word, lang);
  const [main] = reports;
  const figures: [ExportWord, (r: RegionReport) => unknown][] = [
    ['range', (r) => `${r.from} — ${r.to}`],
    ['households_n', (r) => r.households],
    ['able', (r) => r.peopleWithLabourCapacity],
    ['employmentRate', (r) => percent(r.employmentRate)],
    ['zeroEmployment', (r) => r.householdsWithNoOneEmployed],
    ['zeroEmploymentUnverified', (r) => r.householdsWithNoOneEmployedUnverified],
    ['medianIncome', (r) => r.income.medianPerCapitaNetIncome],
    ['shareBelowLine', (r) => percent(r.income.shareBelowLine)],
    ['householdsBelowLine', (r) => r.income.householdsBelowLine],
    ['dibaoCoverage', (r) => percent(r.income.dibaoCoverageOfBelowLine)],
    ['overdueVisits', (r) => r.overdueVisits],
    ['openAlerts', (r) => r.alertsByKind.reduce((n, row) => n + row.open, 0)],
  ];
  const programmeFigures: [ExportWord, (r: RegionReport) => unknown][] = [
    ['labourExportOut', (r) => r.programmes.labourExportOut],
    ['retention3FollowedUp', (r) => r.programmes.retention3.followedUp],
    ['retention3', (r) => percent(r.programmes.retention3.stillWorkingShare)],
    ['retention6FollowedUp', (r) => r.programmes.retention6.followedUp],
    ['retention6', (r) => percent(r.programmes.retention6.stillWorkingShare)],
    ['welfarePostHolders', (r) => r.programmes.welfarePostHolders],
    ['workshopEmployed', (r) => r.programmes.workshopEmployed],
    ['subsidiesPaidEntries', (r) => r.programmes.subsidiesPaidThisYear.entries],
    ['subsidiesPaidYuan', (r) => r.programmes.subsidiesPaidThisYear.amountYuan],
  ];
  const regionKey = (i: number) => `r${i}`;
  const figureSheet = (name: ExportWord, rows: typeof figures) => ({
    name: w(name),
    columns: [
      { header: w('figure'), key: 'figure', width: 32 },
      ...reports.map((r, i) => ({ header: r.region.name, key: regionKey(i), width: 18 })),
    ],
    rows: rows.map(([word, value]) => ({
      figure: w(word),
      ...Object.fromEntries(reports.map((r, i) => [regionKey(i), value(r)])),
    })),
  });
  return [
    figureSheet('overview', figures),
    {
      name: w('trend'),
      columns: [
        { header: w('month'), key: 'month' },
        { header: w('rolling12'), key: 'medianPerCapitaRolling12', width: 30 },
        { header: w('line'), key: 'line' },
        { header: w('shareBelowLine'), key: 'share' },
        { header: w('householdsBelowLine'), key: 'householdsBelowLine' },
        { header: w('dibaoEnrolled'), key: 'dibaoEnrolled' },
        { header: w('households_n'), key: 'households' },
      ],
      rows: main.income.trend.map((row) => ({ ...row, share: percent(row.shareBelowLine) })),
    },
    {
      name: w('children'),
      columns: [
        { header: w('region'), key: 'name', width: 20 },
        { header: w('level'), key: 'level' },
        { header: w('households_n'), key: 'households' },
        { header: w('employmentRate'), key: 'employment' },
        { header: w('shareBelowLine'), key: 'share' },
        { header: w('overdueVisits'), key: 'overdueVisits' },
        { header: w('openAlerts'), key: 'openAlerts' },
      ],
      rows: main.children.map((child) => ({
        ...child,
        level: exportValue('regionLevel', child.level, lang),
        employment: percent(child.employmentRate),
        share: percent(child.shareBelowLine),
      })),
    },
    {
      name: w('workers'),
      columns: [
        { header: w('responsible'), key: 'worker', width: 20 },
        { header: w('households_n'), key: 'households' },
        { header: w('openAlerts'), key: 'openAlerts' },
        { header: w('overdueAlerts'), key: 'overdueAlerts' },
        { header: w('overdueVisits'), key: 'overdueVisits' },
      ],
      rows: main.byResponsibleWorker.map((row) => ({ ...row, worker: row.workerName ?? w('nobody') })),
    },
    {
      name: w('alertKinds'),
      columns: [
        { header: w('rule'), key: 'kind', width: 24 },
        { header: w('openAlerts'), key: 'open' },
        { header: w('overdueAlerts'), key: 'overdue' },
      ],
      rows: main.alertsByKind.map((row) => ({ ...row, kind: exportValue('ruleId', row.ruleId, lang) })),
    },
    figureSheet('programmes', programmeFigures),
    ...programmeSheets(main, lang),
  ];
}

/** The programme lists of the region (issue 21): the dashboard's 就业帮扶项目 section as sheets. */
function programmeSheets(report: RegionReport, lang: ExportLang): Sheet[] {
  const w = (word: ExportWord) => exportWord(word, lang);
  const { programmes } = report;
  const retentionSheet = (name: ExportWord, rows: RetentionRow[]): Sheet => ({
    name: w(name),
    columns: [
      { header: w('destination'), key: 'name', width: 24 },
      ...retentionMilestones.flatMap((months) => [
        { header: w(`retention${months}FollowedUp` as const), key: `followed${months}` },
        { header: w(`retention${months}` as const), key: `share${months}` },
      ]),
    ],
    rows: rows.map((row) => ({
      name: row.name,
      ...Object.fromEntries(
        row.milestones.flatMap((m) => [
          [`followed${m.months}`, m.followedUp],
          [`share${m.months}`, percent(m.stillWorkingShare)],
        ]),
      ),
    })),
  });
  return [
    retentionSheet('retentionByEmployer', programmes.retentionByEmployer),
    retentionSheet('retentionByDestination', programmes.retentionByDestination),
    {
      name: w('welfarePosts'),
      columns: [
        { header: w('post'), key: 'title', width: 24 },
        { header: w('site'), key: 'siteName', width: 20 },
        { header: w('quota'), key: 'quota' },
        { header: w('filled'), key: 'filled' },
      ],
      rows: programmes.welfarePosts.rows.map((row) => ({ ...row })),
    },
    {
      name: w('workshops'),
      columns: [
        { header: w('workshop'), key: 'name', width: 24 },
        { header: w('site'), key: 'siteName', width: 20 },
        { header: w('status'), key: 'status' },
        { header: w('relocatedEmployed'), key: 'relocatedEmployed', width: 24 },
        { header: w('payYuan'), key: 'payYuan' },
      ],
      rows: programmes.workshops.map((row) => ({ ...row, status: exportValue('workshopStatus', row.status, lang) })),
    },
    {
      name: w('subsidies'),
      columns: [
        { header: w('year'), key: 'year' },
        { header: w('status'), key: 'state' },
        { header: w('entries'), key: 'entries' },
        { header: w('amountYuan'), key: 'amountYuan' },
      ],
      rows: programmes.subsidiesByYear.map((row) => ({ ...row, state: exportValue('subsidyState', row.state, lang) })),
    },
  ];
}
