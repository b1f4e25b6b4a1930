import { chinaToday } from '@anju/domain/clock';
import { ageOn } from '@anju/domain/dates';
import { maskPhone } from '../access/masking.ts';
import type { PersonHealth, PersonHours } from '../matching/types.ts';
import { decryptField } from './id-number.ts';
import type { HouseholdRow, PersonRow, SkillRow } from './queries.ts';
import type { Disclosure } from './scope.ts';

/**
 * Rows become API shapes here and only here, so masking cannot be forgotten on one path.
 * Returns the sensitive fields actually shown, for the audit log (names, never values).
 */
export function personView(
  row: PersonRow & { employmentStatusAsOf?: string | null },
  disclosure: Disclosure,
  encryptionKey: string | undefined,
  skills?: SkillRow[],
) {
  const shown: string[] = [];
  const fullId = disclosure.fullIdNumber && row.idNumberEncrypted;
  if (fullId) shown.push('idNumber');
  if (disclosure.fullPhone && row.phone) shown.push('phone');
  const healthNotes =
    disclosure.healthNotes && row.healthNotesEncrypted ? decryptField(encryptionKey, row.healthNotesEncrypted) : null;
  if (disclosure.healthNotes) shown.push('healthNotes');
  const health =
    disclosure.healthNotes && row.healthEncrypted
      ? (JSON.parse(decryptField(encryptionKey, row.healthEncrypted)) as PersonHealth)
      : null;
  if (disclosure.healthNotes && row.healthEncrypted) shown.push('health');
  const view = {
    id: row.id,
    householdId: row.householdId,
    householdNumber: row.householdNumber,
    siteId: row.siteId,
    name: row.name,
    idNumber: fullId ? decryptField(encryptionKey, row.idNumberEncrypted as string) : row.idNumberMasked,
    idNumberRevealed: Boolean(fullId),
    ...(disclosure.birthDate ? { birthDate: row.birthDate } : {}),
    age: row.birthDate ? ageOn(row.birthDate, chinaToday()) : null,
    sex: row.sex,
    phone: disclosure.fullPhone ? row.phone : maskPhone(row.phone),
    relation: row.relation,
    education: row.education,
    laborCapacity: row.laborCapacity,
    employmentStatus: row.employmentStatus,
    ...(row.employmentStatusAsOf !== undefined
      ? { employmentStatusAsOf: row.employmentStatusAsOf as PersonRow['employmentStatus'] | null }
      : {}),
    ...(disclosure.healthNotes ? { healthNotes, health } : {}),
    maxCommuteKm: row.maxCommuteKm,
    workModes: row.workModes,
    willingToWorkAway: row.willingToWorkAway,
    hasCareDuties: row.hasCareDuties,
    visibleToEmployers: row.visibleToEmployers,
    availability: row.availableWhere
      ? {
          where: row.availableWhere,
          hours: row.availableHours as PersonHours[],
          availableFrom: row.availableFrom,
        }
      : null,
    primarySkill: row.primarySkill,
    ...(skills ? { skills } : {}),
    version: row.version,
  };
  return { view, shown };
}

export function householdView(row: HouseholdRow) {
  return { ...row, memberCount: Number(row.memberCount) };
}
