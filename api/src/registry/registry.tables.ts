import type {
  EducationLevel,
  EmploymentStatus,
  LaborCapacity,
  MonitoringCategory,
  Relation,
  WorkMode,
} from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

export const siteFacilities = [
  'school',
  'clinic',
  'workshop',
  'job_service_point',
  'kindergarten',
  'elderly_care',
] as const;

/** 安置点 (concentrated/scattered, urban/rural): the site facts of a region whose level is 'site'. */
export interface SiteTable {
  regionId: string;
  kind: 'concentrated' | 'scattered';
  setting: 'urban' | 'rural';
  address: string | null;
  lat: number | null;
  lng: number | null;
  capacityHouseholds: number | null;
  facilities: ColumnType<string[], string[] | undefined, string[]>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 搬迁户 */
export interface HouseholdTable {
  id: Generated<string>;
  householdNumber: string;
  countyCode: string;
  siteId: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  originCounty: string | null;
  originTownship: string | null;
  originVillage: string | null;
  relocationDate: string | null;
  monitoringCategory: ColumnType<MonitoringCategory, MonitoringCategory | undefined, MonitoringCategory>;
  /** 帮扶责任人 */
  responsibleWorkerId: string | null;
  /** Optimistic concurrency: an update names the version it read. */
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 家庭成员 */
export interface PersonTable {
  id: Generated<string>;
  householdId: string;
  countyCode: string;
  name: string;
  /** 身份证号, AES-256-GCM with DATA_ENCRYPTION_KEY. */
  idNumberEncrypted: string | null;
  /** Keyed hash (HMAC-SHA256) of the ID number: lookups and uniqueness without the value. */
  idNumberHash: string | null;
  /** `*****************X` (the last character only), what every role without the right sees. */
  idNumberMasked: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  phone: string | null;
  relation: Relation;
  education: EducationLevel | null;
  laborCapacity: ColumnType<LaborCapacity, LaborCapacity | undefined, LaborCapacity>;
  healthNotesEncrypted: string | null;
  employmentStatus: ColumnType<EmploymentStatus, EmploymentStatus | undefined, EmploymentStatus>;
  maxCommuteKm: number | null;
  workModes: ColumnType<WorkMode[], WorkMode[] | undefined, WorkMode[]>;
  willingToWorkAway: ColumnType<boolean, boolean | undefined, boolean>;
  /** Cares for children, elders or the sick at home: needs hours or piecework that fit. */
  hasCareDuties: ColumnType<boolean, boolean | undefined, boolean>;
  /** Opted in to being seen by employers (otherwise only after applying). */
  visibleToEmployers: ColumnType<boolean, boolean | undefined, boolean>;
  /** 可工作地点 (issue 18): home, site, commute, away; null when not said. */
  availableWhere: 'home' | 'site' | 'commute' | 'away' | null;
  /** 可工作时间: full_time, part_time_morning, part_time_afternoon, school_hours, shifts, night, weekends. */
  availableHours: ColumnType<string[], string[] | undefined, string[]>;
  availableFrom: string | null;
  /** 主业技能: the trade matching offers first. */
  primarySkill: string | null;
  /** Structured health and disability (JSON), AES-256-GCM like the notes. */
  healthEncrypted: string | null;
  /** The limits matching applies, in clear (what work to avoid, not why); `stay_close` for a disability or illness. */
  workLimits: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface PersonSkillTable {
  personId: string;
  skillCode: string;
  countyCode: string;
  /** 1–5: 初级工, 中级工, 高级工, 技师, 高级技师 */
  level: ColumnType<number, number | undefined, number>;
  certificate: string | null;
  certifiedOn: string | null;
  /**
   * Copies of the household's site and the person's commute, willingness to work away and
   * visibility, kept by triggers (migration 2026-12-11T0100) for candidate retrieval's index:
   * read only, never written by the application.
   */
  siteId: ColumnType<string, never, never>;
  maxCommuteKm: ColumnType<number | null, never, never>;
  willingToWorkAway: ColumnType<boolean, never, never>;
  visibleToEmployers: ColumnType<boolean, never, never>;
}

/** Attributes whose changes are kept as dated history. */
export type HistoryAttribute = 'employment_status' | 'site' | 'labor_capacity' | 'monitoring_category' | 'household';

export interface RegistryHistoryTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  personId: string | null;
  attribute: HistoryAttribute;
  value: string | null;
  detail: unknown | null;
  validFrom: string;
  recordedAt: ColumnType<Date, never, never>;
  recordedBy: string | null;
}

export interface HelperAssignmentTable {
  userId: string;
  householdId: string;
  countyCode: string;
}

export interface RegistryTables {
  sites: SiteTable;
  households: HouseholdTable;
  persons: PersonTable;
  personSkills: PersonSkillTable;
  registryHistory: RegistryHistoryTable;
  helperAssignments: HelperAssignmentTable;
  rosterImports: RosterImportTable;
  duplicateDismissals: DuplicateDismissalTable;
  personRosterFacts: PersonRosterFactTable;
  rosterColumnMappings: RosterColumnMappingTable;
}

/** One roster upload (花名册导入): who, when, which file, what it did. */
export interface RosterImportTable {
  id: Generated<string>;
  userId: string | null;
  fileName: string;
  fileSha256: string;
  committed: boolean;
  rowCount: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  createdAt: ColumnType<Date, never, never>;
}

export interface DuplicateDismissalTable {
  firstPersonId: string;
  secondPersonId: string;
  dismissedBy: string | null;
  dismissedAt: ColumnType<Date, never, never>;
}

/** 残疾 kinds as disability certificates write them (视力/听力/言语/肢体/智力/精神/多重). */
export const disabilityKinds = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export type DisabilityKind = (typeof disabilityKinds)[number];

/**
 * The roster's own facts about a person (issue 17), as written: 残疾 (text encrypted; kind and
 * grade parsed where written), the 技能/特长 the taxonomy did not recognise, 务工地点.
 */
export interface PersonRosterFactTable {
  personId: string;
  countyCode: string;
  disabilityEncrypted: string | null;
  disabilityKind: DisabilityKind | null;
  /** 1–4: 一级 (most severe) … 四级. */
  disabilityGrade: number | null;
  skillsText: string | null;
  workPlace: string | null;
  importId: string | null;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A worker's reading of a roster's headers, remembered per site and header signature. */
export interface RosterColumnMappingTable {
  id: Generated<string>;
  siteId: string;
  /** sha256 of the file's headers in order (normalised). */
  headerSignature: string;
  headers: ColumnType<string[], string, string>;
  mapping: ColumnType<Record<string, string | null>, string, string>;
  userId: string | null;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}
