import type { LaborCapacity } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

/** 交通方式: 包车 chartered bus, 专列 special train, 自行 on one's own. */
export const transports = ['chartered_bus', 'special_train', 'self'] as const;
export type Transport = (typeof transports)[number];
/** 稳岗回访 outcomes: 仍在岗, 换工作, 返乡, 未联系上. */
export const retentionOutcomes = ['still_there', 'changed_job', 'came_home', 'unreachable'] as const;
export type RetentionOutcome = (typeof retentionOutcomes)[number];
/** Follow-ups are due this many months after departure. */
export const retentionMilestones = [1, 3, 6] as const;
export const workshopStatuses = ['pending', 'recognised', 'revoked'] as const;
export type WorkshopStatus = (typeof workshopStatuses)[number];
/** 培训补贴, 吸纳就业补贴, 交通补贴 */
export const subsidyKinds = ['training', 'employment', 'transport'] as const;
export type SubsidyKind = (typeof subsidyKinds)[number];
export const subsidyStates = ['qualified', 'applied', 'approved', 'paid'] as const;
export type SubsidyState = (typeof subsidyStates)[number];

/** Who a 公益性岗位 is for, as data: every rule given must hold. */
export interface WelfareEligibility {
  /** e.g. ['weak', 'none']: 弱劳动力 */
  laborCapacities?: Exclude<LaborCapacity, 'unknown'>[];
  /** Only households under monitoring (监测户). */
  monitoredHouseholdOnly?: boolean;
  minAge?: number;
  maxAge?: number;
}

type Created = ColumnType<Date, never, never>;

/** 劳务输出批次 */
export interface LaborExportBatchTable {
  id: Generated<string>;
  countyCode: string;
  siteId: string;
  destinationEmployer: string;
  /** The destination as a registered employer, when it is one: its account sees these migrants. */
  destinationEmployerId: ColumnType<string | null, string | null | undefined, string | null>;
  destinationRegion: string;
  departureDate: string;
  transport: Transport;
  organiser: string;
  note: string | null;
  createdBy: string;
  createdAt: Created;
}

export interface LaborExportMemberTable {
  id: Generated<string>;
  countyCode: string;
  batchId: string;
  personId: string;
  householdId: string;
  workplace: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  monthlyPayYuan: number | null;
  createdAt: Created;
}

/** 稳岗回访 */
export interface RetentionFollowupTable {
  id: Generated<string>;
  countyCode: string;
  memberId: string;
  milestoneMonths: number;
  followedUpOn: string;
  outcome: RetentionOutcome;
  reason: string | null;
  recordedBy: string;
  createdAt: Created;
}

export interface ProgrammeSettingTable {
  key: string;
  value: number;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 公益性岗位 */
export interface WelfarePostTable {
  id: Generated<string>;
  countyCode: string;
  siteId: string;
  title: string;
  duties: string | null;
  quota: number;
  monthlyPayYuan: number;
  eligibility: ColumnType<WelfareEligibility, string, string>;
  createdBy: string;
  createdAt: Created;
}

export interface WelfarePostAssignmentTable {
  id: Generated<string>;
  countyCode: string;
  postId: string;
  personId: string;
  householdId: string;
  startOn: string;
  endOn: string;
  endedOn: string | null;
  createdBy: string;
  createdAt: Created;
}

export interface WelfarePostMonthTable {
  id: Generated<string>;
  countyCode: string;
  assignmentId: string;
  personId: string;
  month: string;
  attendanceDays: number;
  payYuan: number;
  recordedBy: string;
  createdAt: Created;
}

/** 帮扶车间认定 */
export interface WorkshopRecognitionTable {
  id: Generated<string>;
  countyCode: string;
  employerId: string;
  siteId: string;
  minRelocatedEmployed: number;
  minRelocatedShare: number;
  totalEmployed: number;
  status: ColumnType<WorkshopStatus, WorkshopStatus | undefined, WorkshopStatus>;
  decidedBy: string | null;
  decidedOn: string | null;
  note: string | null;
  createdBy: string;
  createdAt: Created;
}

export interface WorkshopEmploymentMonthTable {
  id: Generated<string>;
  countyCode: string;
  workshopId: string;
  personId: string;
  householdId: string;
  month: string;
  payYuan: number;
  recordedBy: string;
  createdAt: Created;
}

/** 补贴台账 */
export interface SubsidyEntryTable {
  id: Generated<string>;
  countyCode: string;
  siteId: string;
  kind: SubsidyKind;
  personId: string | null;
  householdId: string | null;
  employerId: string | null;
  basis: string;
  period: string;
  amountYuan: number;
  state: ColumnType<SubsidyState, SubsidyState | undefined, SubsidyState>;
  appliedOn: string | null;
  approvedOn: string | null;
  paidOn: string | null;
  createdBy: string;
  createdAt: Created;
}

export interface ProgrammeTables {
  laborExportBatches: LaborExportBatchTable;
  laborExportMembers: LaborExportMemberTable;
  retentionFollowups: RetentionFollowupTable;
  programmeSettings: ProgrammeSettingTable;
  welfarePosts: WelfarePostTable;
  welfarePostAssignments: WelfarePostAssignmentTable;
  welfarePostMonths: WelfarePostMonthTable;
  workshopRecognitions: WorkshopRecognitionTable;
  workshopEmploymentMonths: WorkshopEmploymentMonthTable;
  subsidyEntries: SubsidyEntryTable;
}
