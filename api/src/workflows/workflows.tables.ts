import type { StepOutcome, WorkflowKind, WorkflowOrigin, WorkflowState } from '@anju/domain/workflows';
import type { ColumnType, Generated } from 'kysely';

/** 低保 terms decided at the county approval (class, monthly amount, validity). */
export interface DibaoTerms {
  class?: 'A' | 'B' | 'C' | null;
  monthlyAmountYuan?: number | null;
  validUntil?: string | null;
}

/** 帮扶流程: one policy workflow of a household. */
export interface WorkflowTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  kind: WorkflowKind;
  state: ColumnType<WorkflowState, WorkflowState | undefined, WorkflowState>;
  origin: WorkflowOrigin;
  alertId: string | null;
  reason: string;
  /** 监测识别: the category the household enters on approval. */
  targetCategory: string | null;
  terms: ColumnType<DibaoTerms | null, string | null, string | null>;
  currentStep: string | null;
  /** Null when the schedule started it (the yearly 低保复核). */
  startedBy: string | null;
  startedOn: string;
  closedOn: string | null;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** One step of a workflow as it was taken (an objection starts the check step again: a new row). */
export interface WorkflowStepTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  workflowId: string;
  stepKey: string;
  position: number;
  startedOn: string;
  dueOn: string;
  publicityDays: number | null;
  outcome: StepOutcome | null;
  note: string | null;
  documents: ColumnType<string[], string[] | undefined, string[]>;
  completedBy: string | null;
  completedOn: string | null;
  completedAt: Date | null;
}

/** 督办: an overdue step raised to the county officials. */
export interface WorkflowEscalationTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  workflowId: string;
  stepId: string;
  escalatedOn: string;
  daysOverdue: number;
  createdAt: ColumnType<Date, never, never>;
}

export interface WorkflowTables {
  workflows: WorkflowTable;
  workflowSteps: WorkflowStepTable;
  workflowEscalations: WorkflowEscalationTable;
}
