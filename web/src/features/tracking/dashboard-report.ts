/** The shape of `GET /api/reports/regions/{code}` as the dashboard reads it. */
export interface TrendMonth {
  month: string;
  medianPerCapitaRolling12: number | null;
  line: number | null;
  shareBelowLine: number | null;
  householdsBelowLine: number;
  dibaoEnrolled: number;
  households: number;
}

export interface ChildRegion {
  code: string;
  name: string;
  level: string;
  households: number;
  employmentRate: number | null;
  shareBelowLine: number | null;
  householdsBelowLine: number;
  overdueVisits: number;
  openAlerts: number;
}

export interface WorkerRow {
  workerId: string | null;
  workerName: string | null;
  households: number;
  openAlerts: number;
  overdueAlerts: number;
  overdueVisits: number;
}

export interface Report {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  households: number;
  peopleWithLabourCapacity: number;
  employmentRate: number | null;
  householdsWithNoOneEmployed: number;
  overdueVisits: number;
  income: {
    householdsWithData: number;
    medianPerCapitaNetIncome: number | null;
    householdsBelowLine: number;
    shareBelowLine: number | null;
    dibaoCoverageOfBelowLine: number | null;
    trend: TrendMonth[];
  };
  integrationTrend: Record<string, number | string>[];
  alertsByKind: { ruleId: string; open: number; overdue: number }[];
  byResponsibleWorker: WorkerRow[];
  children: ChildRegion[];
  compared?: Report[];
}

export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
export const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));
