import { addDays } from './dates.ts';
import type { Role } from './enums.ts';

/**
 * Policy workflows (帮扶流程) as data: which steps each kind goes through, who may complete each,
 * and its legal deadline. The API engine (`api/src/workflows/`) and the portal read the same lists.
 */
export const workflowKinds = [
  'monitoring_identification', // 监测识别纳入
  'risk_elimination', // 风险消除
  'dibao_application', // 低保申请
  'dibao_review', // 低保年度复核
] as const;
export type WorkflowKind = (typeof workflowKinds)[number];

export const workflowStates = ['open', 'approved', 'rejected', 'withdrawn'] as const;
export type WorkflowState = (typeof workflowStates)[number];

export const stepOutcomes = ['passed', 'failed', 'objection'] as const;
export type StepOutcome = (typeof stepOutcomes)[number];

/**
 * How a workflow was started: by a worker's discovery, from an alert, at the resident's own request,
 * or by the schedule (the yearly 低保复核).
 */
export const workflowOrigins = ['worker', 'alert', 'resident', 'schedule'] as const;
export type WorkflowOrigin = (typeof workflowOrigins)[number];

/** Who completes a step: one of the roles; an official only at this level of region (乡镇 or 县). */
export interface StepActor {
  roles: readonly Role[];
  officialLevel?: 'township' | 'county';
}

export interface StepDefinition {
  key: string;
  nameZh: string;
  nameEn: string;
  who: StepActor;
  /** Legal deadline: days from the previous step's completion (the start, for the first). */
  deadlineDays: number;
  /** 公示: the days it must run before it can be completed. */
  publicityDays?: number;
  /** The step an objection sends the workflow back to. */
  checkStep?: boolean;
  /** A county approval that carries the 低保 terms (class, amount, validity). */
  setsDibaoTerms?: boolean;
}

const starters: StepActor = { roles: ['worker', 'helper', 'resident', 'admin'] };
const workers: StepActor = { roles: ['worker'] };
const visitors: StepActor = { roles: ['worker', 'helper'] };
const township: StepActor = { roles: ['official'], officialLevel: 'township' };
const county: StepActor = { roles: ['official'], officialLevel: 'county' };

const apply: StepDefinition = {
  key: 'apply',
  nameZh: '申请或发现',
  nameEn: 'Application or discovery',
  who: starters,
  deadlineDays: 0,
};

/** 监测识别 and 风险消除 share the path; elimination's publicity runs 7 days, identification's 5. */
const monitoringSteps = (publicityDays: number): StepDefinition[] => [
  apply,
  { key: 'verify', nameZh: '入户核实', nameEn: 'Home verification', who: visitors, deadlineDays: 7, checkStep: true },
  { key: 'deliberation', nameZh: '民主评议', nameEn: 'Village deliberation', who: workers, deadlineDays: 7 },
  {
    key: 'publicity',
    nameZh: '公示',
    nameEn: 'Public notice',
    who: workers,
    deadlineDays: publicityDays + 3,
    publicityDays,
  },
  { key: 'township_review', nameZh: '乡镇审核', nameEn: 'Township review', who: township, deadlineDays: 7 },
  { key: 'county_approval', nameZh: '县级审批', nameEn: 'County approval', who: county, deadlineDays: 10 },
];

export const workflowSteps: Record<WorkflowKind, readonly StepDefinition[]> = {
  monitoring_identification: monitoringSteps(5),
  risk_elimination: monitoringSteps(7),
  dibao_application: [
    { ...apply, nameZh: '申请', nameEn: 'Application' },
    {
      key: 'investigation',
      nameZh: '入户调查',
      nameEn: 'Home investigation',
      who: visitors,
      deadlineDays: 10,
      checkStep: true,
    },
    { key: 'deliberation', nameZh: '民主评议', nameEn: 'Village deliberation', who: workers, deadlineDays: 7 },
    { key: 'township_review', nameZh: '乡镇审核', nameEn: 'Township review', who: township, deadlineDays: 10 },
    {
      key: 'county_approval',
      nameZh: '县民政审批',
      nameEn: 'County civil affairs approval',
      who: county,
      deadlineDays: 10,
      setsDibaoTerms: true,
    },
    { key: 'publicity', nameZh: '公示', nameEn: 'Public notice', who: workers, deadlineDays: 10, publicityDays: 7 },
    { key: 'payment', nameZh: '发放', nameEn: 'First payment', who: workers, deadlineDays: 5 },
  ],
  // 复核: once a year for every enrolment.
  dibao_review: [
    { ...apply, nameZh: '启动复核', nameEn: 'Review started' },
    {
      key: 'investigation',
      nameZh: '入户调查',
      nameEn: 'Home investigation',
      who: visitors,
      deadlineDays: 10,
      checkStep: true,
    },
    { key: 'township_review', nameZh: '乡镇审核', nameEn: 'Township review', who: township, deadlineDays: 10 },
    {
      key: 'county_approval',
      nameZh: '县民政审批',
      nameEn: 'County civil affairs approval',
      who: county,
      deadlineDays: 10,
      setsDibaoTerms: true,
    },
  ],
};

/** 低保 is reviewed every this many months. */
export const DIBAO_REVIEW_MONTHS = 12;
/** The yearly 复核 opens this many days before the enrolment's validity ends, if that comes first. */
export const DIBAO_REVIEW_LEAD_DAYS = 30;
/** A step overdue by this many days escalates to the county officials. */
export const ESCALATE_AFTER_DAYS = 3;

/** Kinds a resident may ask for themselves (their own household only). */
export const residentKinds: readonly WorkflowKind[] = ['monitoring_identification', 'dibao_application'];

export function stepOf(kind: WorkflowKind, key: string): StepDefinition | undefined {
  return workflowSteps[kind].find((step) => step.key === key);
}

/** The step after `key`, or undefined when `key` is the last (the approval). */
export function nextStep(kind: WorkflowKind, key: string): StepDefinition | undefined {
  const steps = workflowSteps[kind];
  return steps[steps.findIndex((step) => step.key === key) + 1];
}

/** The step an objection sends the workflow back to (入户核实 / 入户调查). */
export function checkStepOf(kind: WorkflowKind): StepDefinition {
  return workflowSteps[kind].find((step) => step.checkStep) ?? workflowSteps[kind][1];
}

/** The day a 公示 that began on `startedOn` may be closed. */
export function publicityEndsOn(startedOn: string, days: number): string {
  return addDays(startedOn, days);
}

/** The steps (`kind:key`) an actor of this role (and, for an official, region level) completes: their worklist. */
export function stepsTakenBy(role: Role, officialLevel: string | null): string[] {
  return workflowKinds.flatMap((kind) =>
    workflowSteps[kind]
      .filter((step) => step.key !== 'apply' && step.who.roles.includes(role))
      .filter((step) => !step.who.officialLevel || step.who.officialLevel === officialLevel)
      .map((step) => `${kind}:${step.key}`),
  );
}
