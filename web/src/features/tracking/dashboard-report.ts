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

export interface RetentionRow {
  name: string;
  milestones: { months: number; followedUp: number; stillWorkingShare: number | null }[];
}

/** 就业帮扶项目: the programmes' totals and lists (issue 21). */
export interface ProgrammeFigures {
  labourExportOut: number;
  retention3: { followedUp: number; stillWorkingShare: number | null };
  retention6: { followedUp: number; stillWorkingShare: number | null };
  welfarePostHolders: number;
  workshopEmployed: number;
  subsidiesPaidThisYear: { entries: number; amountYuan: number };
  retentionByDestination: RetentionRow[];
  retentionByEmployer: RetentionRow[];
  welfarePosts: {
    totals: { posts: number; quota: number; filled: number };
    rows: { title: string; siteName: string; quota: number; filled: number }[];
  };
  workshops: { name: string; siteName: string; status: string; relocatedEmployed: number; payYuan: number }[];
  subsidiesByYear: { year: string; state: SubsidyState; entries: number; amountYuan: number }[];
}

export const subsidyStates = ['qualified', 'applied', 'approved', 'paid'] as const;
export type SubsidyState = (typeof subsidyStates)[number];

export interface Report {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  households: number;
  peopleWithLabourCapacity: number;
  employmentRate: number | null;
  householdsWithNoOneEmployed: number;
  householdsWithNoOneEmployedUnverified: number;
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
  programmes: ProgrammeFigures;
  compared?: Report[];
}

export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
export const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));
