import {
  educationLevels,
  employmentStatuses,
  laborCapacities,
  monitoringCategories,
  relations,
  workModes,
} from '@anju/domain/enums';
import { checkIdNumber } from '@anju/domain/id-number';
import { z } from '@hono/zod-openapi';
import { pageQueryOf } from '../http/paging.ts';
import { disabilityKinds, healthLimits, personHours, type WorkWhere, workWhereOrder } from '../matching/types.ts';
import { siteFacilities } from './registry.tables.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const idParam = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

export const idParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' } }) });

// The registry's lists let the portal ask for up to 200 rows a page.
export const pageQuery = pageQueryOf({ maxSize: 200 });

/** 身份证号: checked with GB 11643 here, so every write path refuses a bad one with its field path. */
export const idNumberInput = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const check = checkIdNumber(value);
    if (!check.valid)
      ctx.addIssue({ code: 'custom', message: `Invalid ID number: ${check.reason}`, params: { code: check.code } });
  });

const phoneInput = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number (11 digits) or a landline');

// ---- sites (安置点) ----

export const siteSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    path: z.string(),
    countyCode: z.string().nullable(),
    kind: z.enum(['concentrated', 'scattered']).nullable(),
    setting: z.enum(['urban', 'rural']).nullable(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    capacityHouseholds: z.number().int().nullable(),
    facilities: z.array(z.string()),
    householdCount: z.number().int(),
    personCount: z.number().int(),
  })
  .openapi('Site');

export const siteListQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  countyCode: z.string().max(20).optional(),
  kind: z.enum(['concentrated', 'scattered']).optional(),
  setting: z.enum(['urban', 'rural']).optional(),
  sort: z.enum(['code', 'name', '-code', '-name']).default('code'),
});

const siteFacts = {
  kind: z.enum(['concentrated', 'scattered']),
  setting: z.enum(['urban', 'rural']),
  address: z.string().trim().max(200).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  capacityHouseholds: z.number().int().min(0).max(1_000_000).nullable().optional(),
  facilities: z.array(z.enum(siteFacilities)).max(siteFacilities.length).default([]),
};

export const siteCreateBody = z
  .object({
    code: z.string().regex(/^\d{6,15}$/, 'must be 6-15 digits'),
    name: z.string().trim().min(1).max(100),
    parentCode: z.string().regex(/^[0-9A-Za-z-]{1,24}$/, 'must be the code of a region'),
    ...siteFacts,
  })
  .openapi('SiteCreate');

export const siteUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    kind: siteFacts.kind.optional(),
    setting: siteFacts.setting.optional(),
    address: siteFacts.address,
    lat: siteFacts.lat,
    lng: siteFacts.lng,
    capacityHouseholds: siteFacts.capacityHouseholds,
    facilities: z.array(z.enum(siteFacilities)).optional(),
  })
  .openapi('SiteUpdate');

// ---- persons (家庭成员) ----

export const personSkillSchema = z
  .object({
    skillCode: z.string(),
    skillName: z.string().nullable(),
    level: z.number().int().min(1).max(5),
    certificate: z.string().nullable(),
    certifiedOn: z.string().nullable(),
  })
  .openapi('PersonSkill');

/** 可工作时间与地点 (issue 18): a hard constraint in matching once said. */
const availabilityInput = z
  .object({
    where: z.enum(workWhereOrder as [WorkWhere, ...WorkWhere[]]),
    hours: z.array(z.enum(personHours)).max(7).default([]),
    availableFrom: isoDate.nullable().default(null),
  })
  .openapi('Availability');
/** 健康与残疾, structured: sensitive (encrypted, shown and audited like the health notes). */
const healthInput = z
  .object({
    disabilityKind: z.enum(disabilityKinds).nullable().default(null),
    disabilityGrade: z.number().int().min(1).max(4).nullable().default(null),
    chronicIllness: z.boolean().default(false),
    limits: z.array(z.enum(healthLimits)).max(4).default([]),
  })
  .openapi('PersonHealth');

export const personSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    siteId: z.string(),
    name: z.string(),
    /** Masked (`*****************X`) unless revealed with `?reveal=idNumber` by a role allowed to. */
    idNumber: z.string().nullable(),
    idNumberRevealed: z.boolean(),
    /** Only to those who may unmask the ID (worker of the site, admin); everyone else gets `age`. */
    birthDate: z.string().nullable().optional(),
    /** Whole years today (China time); null when the birth date is unknown. */
    age: z.number().int().nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    phone: z.string().nullable(),
    relation: z.enum(relations),
    education: z.enum(educationLevels).nullable(),
    laborCapacity: z.enum(laborCapacities),
    employmentStatus: z.enum(employmentStatuses),
    /** With `?asOf=`: the employment status recorded on that day (null when none was recorded yet). */
    employmentStatusAsOf: z.enum(employmentStatuses).nullable().optional(),
    healthNotes: z.string().nullable().optional(),
    /** Shown with `?include=healthNotes`, like the notes. */
    health: healthInput.nullable().optional(),
    availability: availabilityInput.nullable(),
    primarySkill: z.string().nullable(),
    maxCommuteKm: z.number().nullable(),
    workModes: z.array(z.enum(workModes)),
    willingToWorkAway: z.boolean(),
    hasCareDuties: z.boolean(),
    visibleToEmployers: z.boolean(),
    skills: z.array(personSkillSchema).optional(),
    version: z.number().int(),
  })
  .openapi('Person');

const personFields = {
  name: z.string().trim().min(1).max(50),
  idNumber: idNumberInput.nullable().optional(),
  phone: phoneInput.nullable().optional(),
  relation: z.enum(relations),
  education: z.enum(educationLevels).nullable().optional(),
  laborCapacity: z.enum(laborCapacities).optional(),
  healthNotes: z.string().max(2000).nullable().optional(),
  employmentStatus: z.enum(employmentStatuses).optional(),
  maxCommuteKm: z.number().min(0).max(2000).multipleOf(0.1).nullable().optional(),
  workModes: z.array(z.enum(workModes)).max(3).optional(),
  willingToWorkAway: z.boolean().optional(),
  hasCareDuties: z.boolean().optional(),
  visibleToEmployers: z.boolean().optional(),
  availability: availabilityInput.nullable().optional(),
  health: healthInput.nullable().optional(),
  primarySkill: z.string().min(1).max(60).nullable().optional(),
};

export const memberInput = z.object(personFields).openapi('MemberInput');

export const personCreateBody = z
  .object({ householdId: idParam, ...personFields, validFrom: isoDate.optional() })
  .openapi('PersonCreate');

export const personUpdateBody = z
  .object({
    version: z.number().int().min(1),
    name: personFields.name.optional(),
    idNumber: personFields.idNumber,
    phone: personFields.phone,
    relation: personFields.relation.optional(),
    education: personFields.education,
    laborCapacity: personFields.laborCapacity,
    healthNotes: personFields.healthNotes,
    employmentStatus: personFields.employmentStatus,
    maxCommuteKm: personFields.maxCommuteKm,
    workModes: personFields.workModes,
    willingToWorkAway: personFields.willingToWorkAway,
    hasCareDuties: personFields.hasCareDuties,
    visibleToEmployers: personFields.visibleToEmployers,
    availability: personFields.availability,
    health: personFields.health,
    primarySkill: personFields.primarySkill,
    /** The day a change of employment or labour capacity took effect (default today). */
    validFrom: isoDate.optional(),
  })
  .openapi('PersonUpdate');

export const personListQuery = z.object({
  ...pageQuery,
  householdId: idParam.optional(),
  siteId: idParam.optional(),
  q: z.string().trim().max(50).optional(),
  /** Find a person by their full ID number (身份证号), matched by its keyed hash; the number is never stored in logs. */
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, 'must be an 18-character ID number')
    .optional(),
  laborCapacity: z.enum(laborCapacities).optional(),
  employmentStatus: z.enum(employmentStatuses).optional(),
  monitoringCategory: z.enum(monitoringCategories).optional(),
  /** Employment status as recorded on this day: filters and `employmentStatusAsOf` use it. */
  asOf: isoDate.optional(),
  sort: z.enum(['name', '-name', 'birthDate', '-birthDate', 'id', '-id']).default('id'),
});

export const revealQuery = z.object({
  reveal: z.enum(['idNumber']).optional(),
  include: z.enum(['healthNotes']).optional(),
});

export const skillsBody = z
  .object({
    skills: z
      .array(
        z.object({
          skillCode: z.string().trim().min(1).max(50),
          level: z.number().int().min(1).max(5).default(1),
          certificate: z.string().trim().max(100).nullable().optional(),
          certifiedOn: isoDate.nullable().optional(),
        }),
      )
      .max(50),
  })
  .openapi('PersonSkillsUpdate');

export const historySchema = z
  .object({
    items: z.array(
      z.object({
        attribute: z.string(),
        value: z.string().nullable(),
        validFrom: z.string(),
        recordedAt: z.string(),
        personId: z.string().nullable(),
      }),
    ),
    asOf: z.string().nullable(),
    /** Each attribute's value on `asOf` (or today). */
    state: z.record(z.string(), z.string().nullable()),
  })
  .openapi('RegistryHistory');

export const historyQuery = z.object({ asOf: isoDate.optional() });

// ---- households (搬迁户) ----

export const householdSchema = z
  .object({
    id: z.string(),
    householdNumber: z.string(),
    siteId: z.string(),
    siteCode: z.string(),
    siteName: z.string(),
    countyCode: z.string(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
    originCounty: z.string().nullable(),
    originTownship: z.string().nullable(),
    originVillage: z.string().nullable(),
    relocationDate: z.string().nullable(),
    monitoringCategory: z.enum(monitoringCategories),
    responsibleWorkerId: z.string().nullable(),
    headName: z.string().nullable(),
    memberCount: z.number().int(),
    version: z.number().int(),
    members: z.array(personSchema).optional(),
  })
  .openapi('Household');

const householdFields = {
  householdNumber: z.string().trim().min(1).max(40),
  siteId: idParam,
  building: z.string().trim().max(20).nullable().optional(),
  unit: z.string().trim().max(20).nullable().optional(),
  room: z.string().trim().max(20).nullable().optional(),
  originCounty: z.string().trim().max(50).nullable().optional(),
  originTownship: z.string().trim().max(50).nullable().optional(),
  originVillage: z.string().trim().max(50).nullable().optional(),
  relocationDate: isoDate.nullable().optional(),
  monitoringCategory: z.enum(monitoringCategories).optional(),
  responsibleWorkerId: idParam.nullable().optional(),
};

export const householdCreateBody = z
  .object({ ...householdFields, members: z.array(memberInput).max(30).default([]), validFrom: isoDate.optional() })
  .openapi('HouseholdCreate');

export const householdUpdateBody = z
  .object({
    version: z.number().int().min(1),
    householdNumber: householdFields.householdNumber.optional(),
    siteId: householdFields.siteId.optional(),
    building: householdFields.building,
    unit: householdFields.unit,
    room: householdFields.room,
    originCounty: householdFields.originCounty,
    originTownship: householdFields.originTownship,
    originVillage: householdFields.originVillage,
    relocationDate: householdFields.relocationDate,
    /** Refused (409 workflow-required) unless unchanged: 监测类型 changes only through a workflow. */
    monitoringCategory: householdFields.monitoringCategory,
    responsibleWorkerId: householdFields.responsibleWorkerId,
    validFrom: isoDate.optional(),
  })
  .openapi('HouseholdUpdate');

export const householdListQuery = z.object({
  ...pageQuery,
  siteId: idParam.optional(),
  q: z.string().trim().max(50).optional(),
  monitoringCategory: z.enum(monitoringCategories).optional(),
  laborCapacity: z.enum(laborCapacities).optional(),
  employmentStatus: z.enum(employmentStatuses).optional(),
  responsibleWorkerId: idParam.optional(),
  sort: z.enum(['householdNumber', '-householdNumber', 'relocationDate', '-relocationDate', 'id', '-id']).default('id'),
});
