/**
 * The inputs of matching (匹配), independent of how they are stored: routes load rows and map
 * them to these shapes, the evaluation set writes them by hand. Sex is deliberately absent:
 * it plays no part in scoring.
 */

import type { LaborCapacity } from '@anju/domain/enums';
import type {
  DisabilityKind,
  HealthLimit,
  JobSchedule,
  PersonHours,
  PhysicalFact,
  WorkWhere,
} from '@anju/domain/work-facts';

/** 劳动力: full, weak (弱劳动力), none (无劳动能力), unknown (未登记: matched as full, with a reason to check). */
export type { LaborCapacity } from '@anju/domain/enums';
export {
  type DisabilityKind,
  disabilityKinds,
  type HealthLimit,
  healthLimits,
  type JobSchedule,
  jobSchedules,
  type PersonHours,
  type PhysicalFact,
  personHours,
  physicalFacts,
  type WorkWhere,
  workWhereOrder,
} from '@anju/domain/work-facts';
/** How a person is willing to work; piecework at home (居家计件) suits carers. */
export type PersonWorkMode = 'full_time' | 'part_time' | 'piecework_home';
/** How an opportunity is worked: the person's modes plus 公益性岗位 and 劳务输出. */
export type OpportunityWorkMode = PersonWorkMode | 'public_welfare' | 'labour_export';
export type PhysicalDemand = 'light' | 'medium' | 'heavy';

/** 可工作时间与地点: the hard constraint that replaced the yes/no care duty. */
export interface Availability {
  where: WorkWhere;
  hours: PersonHours[];
  /** 'YYYY-MM-DD' from which the person can start; null when now. */
  availableFrom: string | null;
}

/** Structured health and disability (sensitive: masked, audit-logged where stored). */
export interface PersonHealth {
  disabilityKind: DisabilityKind | null;
  /** 残疾等级 1–4, 1 the most severe; null when no disability is recorded. */
  disabilityGrade: number | null;
  /** 慢性病 */
  chronicIllness: boolean;
  limits: HealthLimit[];
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface PersonSkill {
  code: string;
  /** 1–5: 初级工 … 高级技师 */
  level: number;
  /** Holds a certificate (职业技能等级证书 / 操作证) for this skill. */
  certified: boolean;
}

export interface MatchPerson {
  id: string;
  /** Whole years, or null when the birth date is unknown. */
  age: number | null;
  laborCapacity: LaborCapacity;
  /** A health condition limits physical work (the notes themselves never reach matching). */
  healthLimited: boolean;
  skills: PersonSkill[];
  /** Work modes the person accepts; empty means "not said" (treated as any). */
  workModes: PersonWorkMode[];
  /** Null means not said: the default of the weights applies. */
  maxCommuteKm: number | null;
  hasCareDuties: boolean;
  willingToWorkAway: boolean;
  /** The resettlement site (安置点) the household lives on. */
  siteId: string;
  siteLocation: GeoPoint | null;
  /** Already in work: still matched, but the household-need reasons treat them as earning. */
  employed: boolean;
  /**
   * Where and when the person can work. Absent on records that predate it: then it is read from
   * the care duty, work modes and willingness to work away (see availability.ts), as a preference.
   */
  availability?: Availability;
  /** Structured health and disability: hard limits. Absent means none recorded. */
  health?: PersonHealth;
  /**
   * The person's trade (主业技能, e.g. welding): work asking only a secondary skill under-uses it.
   * Absent: the highest certified or level-3+ skill, if any.
   */
  primarySkill?: string | null;
}

export interface MatchHousehold {
  id: string;
  membersCount: number;
  /** 人均纯收入 over the last 12 months, yuan per year; null when not recorded. */
  perCapitaAnnualIncome: number | null;
  /** 监测线 in force for the household's county, yuan per person per year; null when unknown. */
  monitoringLine: number | null;
  membersEmployed: number;
  /** Someone in the household has labour capacity (the target: every such household has one in work). */
  anyMemberWithLaborCapacity: boolean;
  /**
   * Someone's labour capacity is 未登记 (a roster without the column): with no one known able and
   * no one employed, the household may be a 零就业家庭 the registry cannot yet tell.
   */
  anyMemberLaborUnknown: boolean;
  /** 监测户: a household under monitoring against falling back into poverty. */
  monitored?: boolean;
}

export interface SkillNode {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  /** Other codes or names that mean the same skill (电焊/焊工). */
  aliases: string[];
  /** The law requires a certificate to do this work. */
  certificateRequired: boolean;
}

export interface SkillRequirement {
  code: string;
  minLevel: number;
}

export type PayUnit = 'month' | 'day' | 'piece';

export interface Pay {
  min: number;
  max: number;
  unit: PayUnit;
  /** For piece rates: a realistic number of pieces a month, to estimate a monthly wage. */
  piecesPerMonth?: number;
  /** For piece rates: the output of a fast worker, when it differs (the top of the monthly range). */
  piecesPerMonthMax?: number;
}

interface OpportunityBase {
  id: string;
  title: string;
  /** Where the work (or the course) happens; null for work done at home. */
  location: GeoPoint | null;
  /** Sites with a shuttle bus (班车) to the workplace. */
  shuttleSiteIds: string[];
  minAge: number | null;
  maxAge: number | null;
  physicalDemand: PhysicalDemand;
  /** 'YYYY-MM-DD': the last day to apply; null when open-ended. */
  deadline: string | null;
}

/** 岗位 */
export interface MatchJob extends OpportunityBase {
  kind: 'job';
  requiredSkills: SkillRequirement[];
  optionalSkills: SkillRequirement[];
  pay: Pay | null;
  workMode: OpportunityWorkMode;
  hoursPerWeek: number | null;
  /** Housing provided (包住): makes distant or labour-export work possible. */
  accommodation: boolean;
  /** The law requires a certificate for this work, beyond what the skill graph says. */
  certificateRequired: boolean;
  startDate: string | null;
  /** How the hours run; any one listed is a way to do the job. Absent: read from the work mode. */
  schedule?: JobSchedule[];
  /** 送料上门: materials brought to the site, so take-home piecework is work at home wherever it is picked up. */
  materialsDelivered?: boolean;
  /** 公益性岗位 (also when `workMode` is 'public_welfare'): only for the people its rules name. */
  publicWelfare?: boolean;
  /** Physical facts beyond the light/medium/heavy level. */
  demands?: PhysicalFact[];
  /** One-way journey on the shuttle, minutes; null when not said. */
  shuttleMinutes?: number | null;
}

/** 技能培训 */
export interface MatchTraining extends OpportunityBase {
  kind: 'training';
  /** What one must already know to follow the course. */
  requiredSkills: SkillRequirement[];
  skillsTaught: { code: string; levelReached: number }[];
  durationDays: number;
  /** 补贴: free or paid for by the programme. */
  subsidised: boolean;
  /** Ends with a certificate (证书) for the skills taught. */
  certificate: boolean;
  /** 托育: childcare during class. */
  childcare: boolean;
  seatsLeft: number;
  startDate: string;
  workMode: 'full_time' | 'part_time';
}

/** How one takes part in an industry project (产业项目). */
export type ParticipationMode = 'full_time' | 'part_time' | 'piecework_home' | 'dividend';

/** 产业项目: planting, breeding, processing, tourism… */
export interface MatchProject extends OpportunityBase {
  kind: 'project';
  skillsNeeded: SkillRequirement[];
  participationModes: ParticipationMode[];
  /** Expected income a month for one participant, yuan. */
  expectedMonthlyIncome: number | null;
  startDate: string | null;
}

export type MatchOpportunity = MatchJob | MatchTraining | MatchProject;
export type OpportunityKind = MatchOpportunity['kind'];
