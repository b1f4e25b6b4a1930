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
  ];
}
