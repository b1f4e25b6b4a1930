/**
 * The fixed lists both the API (database column types, zod schemas) and the portal (selects,
 * filters, labels) use. A value added here is a value both sides know; each list's words live in
 * the portal's messages and, for the API, in the roster import's column mapping.
 */

/** Who signs in: 搬迁群众 resident, 帮扶责任人 helper, 用工单位 employer, 工作人员 worker, 领导 official, admin. */
export const roles = ['resident', 'helper', 'employer', 'worker', 'official', 'admin'] as const;
export type Role = (typeof roles)[number];

/** 行政区划 levels, then 网格 grid and 安置点 site. */
export const regionLevels = ['province', 'city', 'county', 'township', 'village', 'grid', 'site'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/** 监测户 categories: 脱贫不稳定户 unstable, 边缘易致贫户 marginal, 突发严重困难户 sudden hardship. */
export const monitoringCategories = ['none', 'unstable', 'marginal', 'sudden_hardship'] as const;
export type MonitoringCategory = (typeof monitoringCategories)[number];

/** 与户主关系 */
export const relations = [
  'head',
  'spouse',
  'child',
  'child_in_law',
  'parent',
  'grandparent',
  'grandchild',
  'sibling',
  'other',
] as const;
export type Relation = (typeof relations)[number];

/** 文化程度 */
export const educationLevels = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor_plus',
] as const;
export type EducationLevel = (typeof educationLevels)[number];

/**
 * 劳动力: 有/弱/无劳动能力, or 未登记 (unknown) where no one has recorded it yet (a roster without the
 * column): matched like someone who can work, with a reason to check first; not counted as able.
 */
export const laborCapacities = ['full', 'weak', 'none', 'unknown'] as const;
export type LaborCapacity = (typeof laborCapacities)[number];

/** 就业: local work, 劳务输出, 灵活就业, 公益性岗位, self-employed, seeking, not seeking. */
export const employmentStatuses = [
  'employed_local',
  'labour_export',
  'flexible',
  'public_welfare',
  'self_employed',
  'unemployed_seeking',
  'not_seeking',
] as const;
export type EmploymentStatus = (typeof employmentStatuses)[number];
/** The statuses that count as 已就业. */
export const employedStatuses: readonly EmploymentStatus[] = [
  'employed_local',
  'labour_export',
  'flexible',
  'public_welfare',
  'self_employed',
];

/** How a person is able to work. */
export const workModes = ['full_time', 'part_time', 'piecework_home'] as const;
export type WorkMode = (typeof workModes)[number];

/** 用工单位 kinds: enterprise, 帮扶车间 workshop, 合作社 cooperative, individual. */
export const employerKinds = ['enterprise', 'workshop', 'cooperative', 'individual'] as const;
export type EmployerKind = (typeof employerKinds)[number];

export const postingStatuses = ['draft', 'open', 'filled', 'closed'] as const;
export type PostingStatus = (typeof postingStatuses)[number];

/** 审核状态 of an employer: pending (待审核), verified (已认证), rejected (已驳回, with a reason). */
export const reviewStatuses = ['pending', 'verified', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** A job's 用工形式: full-time, part-time, 居家计件, 公益性岗位, 劳务输出. */
export const employmentTypes = ['full_time', 'part_time', 'home_piecework', 'public_welfare', 'labour_export'] as const;
export type EmploymentType = (typeof employmentTypes)[number];

/** 走访 kinds and the fixed list of support measures (帮扶措施) a visit or an alert records. */
export const visitKinds = ['routine', 'alert_follow_up', 'dibao_check'] as const;
export type VisitKind = (typeof visitKinds)[number];
export const supportMeasures = [
  'job_referral',
  'training_referral',
  'dibao_application',
  'public_welfare_post',
  'medical_aid',
  'education_aid',
  'other',
] as const;
export type SupportMeasure = (typeof supportMeasures)[number];

/** 收入来源: 工资性, 经营性 (net of production costs), 财产性, 转移性 (低保, pension, subsidies). */
export const incomeSources = [
  'wages',
  'business',
  'property',
  'transfer_dibao',
  'transfer_pension',
  'transfer_subsidy',
  'transfer_other',
] as const;
export type IncomeSource = (typeof incomeSources)[number];

/** 帮扶措施 kinds of a support-measure record: 产业, 就业, 培训, 低保, 医疗, 教育, 住房, 金融, 公益性岗位. */
export const supportMeasureKinds = [
  'industry',
  'employment',
  'training',
  'dibao',
  'medical',
  'education',
  'housing',
  'finance',
  'public_welfare_post',
] as const;
export type SupportMeasureKind = (typeof supportMeasureKinds)[number];

/** 风险类型: 因病, 因残, 因学, 因灾, 因意外, 因失业. */
export const riskKinds = ['illness', 'disability', 'schooling', 'disaster', 'accident', 'unemployment'] as const;
export type RiskKind = (typeof riskKinds)[number];

/** 刚性支出 kinds: medical (医疗) and schooling (教育). */
export const essentialSpendingKinds = ['medical', 'schooling'] as const;
export type EssentialSpendingKind = (typeof essentialSpendingKinds)[number];

/** 三保障 + 饮水安全: 义务教育, 基本医疗, 住房安全, 饮水安全. */
export const guaranteeDimensions = [
  'compulsory_education',
  'basic_medical',
  'housing_safety',
  'drinking_water',
] as const;
export type GuaranteeDimension = (typeof guaranteeDimensions)[number];

/** Keys of policy values set by year and place (政策参数); `visit_interval_days:<category>`, `subsidy:<kind>` take a suffix. */
export const policyValueKeyPattern =
  /^(monitoring_line_yearly|dibao_standard_monthly|visit_interval_days:[a-z_]+|subsidy:[a-z_]+)$/;
