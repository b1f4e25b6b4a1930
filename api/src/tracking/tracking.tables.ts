import type { IncomeSource, SupportMeasure, VisitKind } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

/** 低保 states; `refused` ends an application, `exited` ends an enrolment. */
export const dibaoStates = [
  'not_applied',
  'applied',
  'under_review',
  'enrolled',
  'refused',
  'review_due',
  'renewed',
  'exited',
] as const;
export type DibaoState = (typeof dibaoStates)[number];
export const dibaoClasses = ['A', 'B', 'C'] as const;

export const alertStates = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;
export type AlertState = (typeof alertStates)[number];

/** 社区融入 dimensions, each scored 1–5. */
export const integrationDimensions = [
  'economic',
  'socialTies',
  'dailyLifeServices',
  'culturalParticipation',
  'psychologicalBelonging',
] as const;

/** 监测线 */
export interface MonitoringLineTable {
  id: Generated<string>;
  regionCode: string;
  level: 'province' | 'county';
  year: number;
  amountYuan: number;
  note: string | null;
  createdAt: ColumnType<Date, never, never>;
}

export interface VisitScheduleTable {
  monitoringCategory: string;
  intervalDays: number;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface VisitTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  workerId: string;
  visitedOn: string;
  kind: VisitKind;
  notes: string | null;
  findings: string | null;
  measures: ColumnType<SupportMeasure[], SupportMeasure[] | undefined, SupportMeasure[]>;
  nextVisitDue: string | null;
  createdAt: ColumnType<Date, never, never>;
}

export interface IncomeRecordTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  periodKind: 'month' | 'year';
  periodStart: string;
  source: IncomeSource;
  amountYuan: number;
  productionCostsYuan: ColumnType<number, number | undefined, number>;
  visitId: string | null;
  recordedBy: string | null;
  recordedAt: ColumnType<Date, never, never>;
  supersededAt: Date | null;
}

export interface DibaoEnrolmentTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  state: DibaoState;
  class: 'A' | 'B' | 'C' | null;
  monthlyAmountYuan: number | null;
  validUntil: string | null;
  stateSince: string;
  version: Generated<number>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface DibaoEventTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  enrolmentId: string;
  fromState: DibaoState | null;
  toState: DibaoState;
  onDate: string;
  reason: string | null;
  class: 'A' | 'B' | 'C' | null;
  monthlyAmountYuan: number | null;
  validUntil: string | null;
  recordedBy: string | null;
  recordedAt: ColumnType<Date, never, never>;
}

export interface IntegrationAssessmentTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  assessedOn: string;
  assessorId: string | null;
  economic: number;
  socialTies: number;
  dailyLifeServices: number;
  culturalParticipation: number;
  psychologicalBelonging: number;
  childrenInLocalSchool: boolean | null;
  medicalInsuranceTransferred: boolean | null;
  householdRegistrationMoved: boolean | null;
  returnsToOriginVillage: boolean | null;
  notes: string | null;
  createdAt: ColumnType<Date, never, never>;
}

export interface AlertTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  ruleId: string;
  state: AlertState;
  explanationZh: string;
  explanationEn: string;
  facts: unknown;
  responsibleWorkerId: string | null;
  deadline: string;
  openedAt: ColumnType<Date, Date | undefined, never>;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  measure: string | null;
  closeNote: string | null;
  escalatedAt: Date | null;
  escalatedTo: string | null;
}

/** Derived: one row per household, its current facts (kept by triggers; see the migration). */
export interface HouseholdSummaryTable {
  householdId: string;
  countyCode: string;
  siteId: string;
  responsibleWorkerId: string | null;
  monitoringCategory: string;
  createdOn: string;
  members: number;
  able: number;
  employedAble: number;
  employedAny: number;
  /** Members whose labour capacity is 未登记 (`unknown`): neither able nor known unable. */
  laborUnknown: number;
  dibaoState: string | null;
  lastVisitedOn: string | null;
  lastNextVisitDue: string | null;
  /** The next visit due date (`summaryDueOnSql` stored, for the policy year of `visit_due_basis`). */
  visitDueOn: string | null;
  /** Whether the household has an active 走访逾期 alert. */
  visitAlertOpen: boolean;
}

/** Derived: the policy year the stored visit due dates were computed for (one row). */
export interface VisitDueBasisTable {
  one: Generated<boolean>;
  year: number;
}

/** Derived: active alerts per site, rule and due date (kept by triggers; the worklist counts). */
export interface WorklistAlertCountTable {
  siteId: string;
  ruleId: string;
  dueOn: string;
  n: number;
}

/** Derived: active alerts per site, responsible worker, rule and deadline (the dashboards; migration 2026-12-13T0200). */
export interface DashboardAlertCountTable {
  siteId: string;
  workerId: string | null;
  ruleId: string;
  deadline: string;
  n: number;
}

/** Derived: per household and month, net income and the 12-month rolling per-capita figure. */
export interface HouseholdMonthSummaryTable {
  householdId: string;
  month: string;
  countyCode: string;
  siteId: string;
  net: number | null;
  perCapitaMonth: number | null;
  windowNet: number;
  windowMonths: number;
  windowPerCapita: number | null;
}

export interface TrackingTables {
  monitoringLines: MonitoringLineTable;
  visitSchedules: VisitScheduleTable;
  visits: VisitTable;
  incomeRecords: IncomeRecordTable;
  dibaoEnrolments: DibaoEnrolmentTable;
  dibaoEvents: DibaoEventTable;
  integrationAssessments: IntegrationAssessmentTable;
  alerts: AlertTable;
  householdSummary: HouseholdSummaryTable;
  householdMonthSummary: HouseholdMonthSummaryTable;
  visitDueBasis: VisitDueBasisTable;
  worklistAlertCounts: WorklistAlertCountTable;
  dashboardAlertCounts: DashboardAlertCountTable;
}
