import type { EmployerKind, EmploymentType, PostingStatus, ReviewStatus } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, never, never>;
type Updated = ColumnType<Date, Date | undefined, Date>;
type Numeric = ColumnType<number | null, number | null | undefined, number | null>;
type Json<T> = ColumnType<T, string, string>;

/** 用人单位: 企业, 扶贫车间 (workshop), 合作社 (cooperative) or 个体 (individual). */
export interface EmployerTable {
  id: Generated<string>;
  name: string;
  kind: EmployerKind;
  /** 统一社会信用代码 (GB 32100), checksum-validated. */
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  regionId: string | null;
  verified: Generated<boolean>;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  /** Kept in step with `verified` by a trigger (migration 2026-11-29T1410). */
  reviewStatus: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  /** 驳回理由: why an admin rejected it; cleared when the employer resubmits. */
  rejectionReason: ColumnType<string | null, string | null | undefined, string | null>;
  rejectedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  rejectedBy: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the employer last asked to be reviewed (registration or resubmission). */
  submittedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdBy: string | null;
  createdAt: Created;
  updatedAt: Updated;
}

export interface SkillRequirement {
  code: string;
  /** 1–5: 初级工, 中级工, 高级工, 技师, 高级技师. */
  minLevel: number;
}

export interface SkillTaught {
  code: string;
  level: number;
}

interface PostingColumns {
  id: Generated<string>;
  employerId: string;
  title: string;
  description: string;
  /** 任职要求 / 报名条件, free text (checked for discriminatory wording like the title). */
  requirements: ColumnType<string, string | undefined, string>;
  status: PostingStatus;
  address: string | null;
  lat: number | null;
  lng: number | null;
  startDate: string | null;
  deadline: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Created;
  updatedAt: Updated;
}

/** 岗位: a job posting. */
export interface JobTable extends PostingColumns {
  occupationCode: string | null;
  requiredSkills: Json<SkillRequirement[]>;
  optionalSkills: string[];
  headcount: number;
  payMin: Numeric;
  payMax: Numeric;
  payUnit: 'month' | 'day' | 'hour' | 'piece';
  payFrequency: 'monthly' | 'semimonthly' | 'weekly' | 'daily' | 'on_completion';
  hours: string | null;
  shifts: string | null;
  /** 全职, 兼职, 来料加工 (piecework at home), 公益性岗位, 劳务输出. */
  employmentType: EmploymentType;
  destination: string | null;
  /** 班车: resettlement sites (region ids) a shuttle runs from. */
  shuttleSiteIds: string[];
  accommodation: boolean;
  ageMin: number | null;
  ageMax: number | null;
  physicalDemand: 'light' | 'medium' | 'heavy' | null;
  /** 班次 (issue 18): any one listed is a way to do the job. */
  schedule: ColumnType<string[], string[] | undefined, string[]>;
  hoursPerWeek: number | null;
  /** Expected pieces a month (and a fast worker's), turning a piece rate into a monthly range. */
  piecesPerMonth: number | null;
  piecesPerMonthMax: number | null;
  /** 送料上门: take-home piecework counts as work at home wherever it is picked up. */
  materialsDelivered: ColumnType<boolean, boolean | undefined, boolean>;
  /** 公益性岗位 (also when employmentType says so). */
  publicWelfare: ColumnType<boolean, boolean | undefined, boolean>;
  /** 持证上岗 for this job, beyond what the skill taxonomy says. */
  certificateRequired: ColumnType<boolean, boolean | undefined, boolean>;
  /** Physical facts: heavy_lifting, standing_all_day, night_work, heights. */
  demands: ColumnType<string[], string[] | undefined, string[]>;
  /** One way on the 班车, minutes. */
  shuttleMinutes: number | null;
}

/** 技能培训: a training course. */
export interface TrainingTable extends PostingColumns {
  skillsTaught: Json<SkillTaught[]>;
  certificate: string | null;
  schedule: string | null;
  endDate: string | null;
  seats: number;
  cost: ColumnType<number, number | undefined, number>;
  /** 培训补贴: attendees may claim the training subsidy. */
  subsidyEligible: boolean;
  childcare: boolean;
}

/** 产业项目: an industry project. */
export interface ProjectTable extends PostingColumns {
  kind: 'planting' | 'livestock' | 'processing' | 'tourism' | 'workshop' | 'pv' | 'ecommerce' | 'other';
  siteIds: string[];
  requiredSkills: Json<SkillRequirement[]>;
  positions: number;
  /** wage (务工), shareholding (入股分红), contracting (承包). */
  participationModes: string[];
  expectedIncomeMin: Numeric;
  expectedIncomeMax: Numeric;
  incomeUnit: 'month' | 'year';
}

export interface SavedSearchTable {
  id: Generated<string>;
  userId: string;
  createdBy: string;
  indexName: 'jobs' | 'trainings' | 'projects';
  name: string;
  params: Json<Record<string, unknown>>;
  createdAt: Created;
}

export interface NotificationTable {
  id: Generated<string>;
  userId: string;
  channel: ColumnType<string, string | undefined, string>;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  link: string | null;
  dedupeKey: string | null;
  readAt: Date | null;
  createdAt: Created;
  /** The template (`notifications/templates.ts`) and params it was written from; null for older rows. */
  template: ColumnType<string | null, string | null | undefined, string | null>;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  /** What a user may opt out of (`notifications/templates.ts` categories). */
  category: ColumnType<string, string | undefined, string>;
}

export interface OpportunityTables {
  employers: EmployerTable;
  jobs: JobTable;
  trainings: TrainingTable;
  projects: ProjectTable;
  savedSearches: SavedSearchTable;
  notifications: NotificationTable;
}
