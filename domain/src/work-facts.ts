/**
 * The facts of work that the API matches on and the portal edits (issue 18): where and which
 * hours a person can work, how a job's hours run, its physical facts, and structured health.
 * The lists are the stored values; each side words them in its own language.
 */

/**
 * Where a person can work (能在哪里干活), each wider than the one before: 居家 at home only,
 * 安置点内 inside the resettlement site, 通勤 within `maxCommuteKm` of it, 外出 will live away.
 */
export type WorkWhere = 'home' | 'site' | 'commute' | 'away';
export const workWhereOrder: readonly WorkWhere[] = ['home', 'site', 'commute', 'away'];
/**
 * Which hours a person can work: 全职, 上午半天, 下午半天, 孩子上学时间, 倒班, 夜班, 周末.
 */
export type PersonHours =
  | 'full_time'
  | 'part_time_morning'
  | 'part_time_afternoon'
  | 'school_hours'
  | 'shifts'
  | 'night'
  | 'weekends';
export const personHours: readonly PersonHours[] = [
  'full_time',
  'part_time_morning',
  'part_time_afternoon',
  'school_hours',
  'shifts',
  'night',
  'weekends',
];

/** How a job's hours run (班次): 全职, 上午/下午半天, 上学时间, 两班倒, 三班倒, 夜班, 周末. */
export type JobSchedule =
  | 'full_time'
  | 'part_time_morning'
  | 'part_time_afternoon'
  | 'school_hours'
  | 'two_shifts'
  | 'three_shifts'
  | 'night'
  | 'weekends';
export const jobSchedules: readonly JobSchedule[] = [
  'full_time',
  'part_time_morning',
  'part_time_afternoon',
  'school_hours',
  'two_shifts',
  'three_shifts',
  'night',
  'weekends',
];

/** Physical facts of a job (岗位体力要求): 搬重物, 整天站立, 夜间作业, 高处作业. */
export type PhysicalFact = 'heavy_lifting' | 'standing_all_day' | 'night_work' | 'heights';
export const physicalFacts: readonly PhysicalFact[] = ['heavy_lifting', 'standing_all_day', 'night_work', 'heights'];

/** 残疾类别: 肢体, 视力, 听力, 言语, 智力, 精神, 多重. */
export type DisabilityKind = 'physical' | 'visual' | 'hearing' | 'speech' | 'intellectual' | 'mental' | 'multiple';
export const disabilityKinds: readonly DisabilityKind[] = [
  'physical',
  'visual',
  'hearing',
  'speech',
  'intellectual',
  'mental',
  'multiple',
];
/** 身体限制: 不能搬重物, 不能久站, 不能上夜班, 不能高处作业. */
export type HealthLimit = 'no_heavy_lifting' | 'no_standing_all_day' | 'no_night_work' | 'no_heights';
export const healthLimits: readonly HealthLimit[] = [
  'no_heavy_lifting',
  'no_standing_all_day',
  'no_night_work',
  'no_heights',
];
