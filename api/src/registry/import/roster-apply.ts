import type { Actor } from '../../access/actor.ts';
import { maskIdNumber } from '../../access/masking.ts';
import type { Db } from '../../db/database.ts';
import { healthFromNotes, noHealthRecord } from '../../matching/health.ts';
import type { PersonHealth } from '../../matching/types.ts';
import { periodStartOf, recordIncome } from '../../tracking/record-income.ts';
import type { HistoryEntry } from '../history.ts';
import { recordHistory } from '../history.ts';
import { decryptField, encryptField } from '../id-number.ts';
import type { DisabilityKind } from '../registry.tables.ts';
import { enqueueResidents } from '../resident-search.ts';
import { healthColumns } from '../writes.ts';
import type { RosterPlan } from './roster-plan.ts';
import {
  addPersonSkills,
  type ExistingPerson,
  insertHouseholds,
  insertPersons,
  monthWages,
  type RosterFactRow,
  updateHouseholds,
  updatePersonHealth,
  updatePersons,
  upsertRosterFacts,
} from './roster-queries.ts';
import { rejection } from './roster-reasons.ts';
import { addPreview, type ImportReport, rosterDefaults } from './roster-report.ts';
import type { RosterRow } from './roster-rows.ts';

const BATCH = 1000;

const householdFields = [
  'building',
  'unit',
  'room',
  'originCounty',
  'originTownship',
  'originVillage',
  'relocationDate',
  'monitoringCategory',
] as const;
/** 监测类型 as the roster writes it, for the report. */
const categoryWord: Record<string, string> = {
  none: '无',
  unstable: '脱贫不稳定户',
  marginal: '边缘易致贫户',
  sudden_hardship: '突发严重困难户',
};
const personFields = ['name', 'relation', 'phone', 'education', 'laborCapacity', 'employmentStatus'] as const;
const defaultedFields = Object.keys(rosterDefaults) as (keyof typeof rosterDefaults)[];

/**
 * The second step: writes the plan's rows inside the caller's transaction. Households are
 * created (a worker's with the worker as 帮扶责任人) or updated (the head's row carries the household's facts), persons inserted or
 * updated, unchanged rows left untouched; the roster's facts (残疾, 技能, 务工地点) and 健康状况
 * merged with what is stored (a blank cell keeps it); 月收入 summed per household into this
 * month's wages in the income ledger. Counts and the preview go into the report.
 */
export async function applyPlan(
  trx: Db,
  plan: RosterPlan,
  report: ImportReport,
  context: { actor: Actor; encryptionKey: string | undefined; today: string },
): Promise<{ factsWritten: string[] }> {
  const { actor, encryptionKey, today } = context;
  const history: HistoryEntry[] = [];
  const dated = (entry: Omit<HistoryEntry, 'validFrom' | 'recordedBy'>) =>
    history.push({ ...entry, validFrom: today, recordedBy: actor.userId });

  // Households: create the new, update the changed.
  const membersOf = new Map<string, RosterRow[]>();
  for (const row of plan.accepted)
    membersOf.set(row.householdNumber, [...(membersOf.get(row.householdNumber) ?? []), row]);
  const householdIds = new Map<string, { id: string; countyCode: string }>();
  const newHouseholds: Record<string, unknown>[] = [];
  const householdUpdates: Record<string, unknown>[] = [];
  for (const [number, members] of membersOf) {
    const site = plan.siteOfRow.get(members[0]) as NonNullable<ReturnType<typeof plan.siteOfRow.get>>;
    const desired: Record<string, unknown> = { siteId: site.id };
    for (const field of householdFields) {
      const value = mergedHouseholdValue(members, field);
      if (value !== undefined) desired[field] = value;
    }
    const existing = plan.households.get(number);
    // 监测类型 changes only through a workflow: a differing value is reported and left as stored.
    const fileCategory = desired.monitoringCategory as string | undefined;
    const storedCategory = existing?.monitoringCategory ?? 'none';
    if (fileCategory !== undefined && fileCategory !== storedCategory) {
      const row = (members.find((m) => m.monitoringCategory !== undefined) ?? members[0]).row;
      report.workflowRequired.push(
        existing
          ? rejection(row, '监测类型', 'category-needs-workflow', {
              stored: categoryWord[storedCategory] ?? storedCategory,
              value: categoryWord[fileCategory] ?? fileCategory,
            })
          : rejection(row, '监测类型', 'new-household-category', { value: categoryWord[fileCategory] ?? fileCategory }),
      );
    }
    delete desired.monitoringCategory;
    if (!existing) {
      // The site's worker who imports a new household becomes its 帮扶责任人 (the import only
      // reaches sites the worker covers); an admin's or official's import leaves it to be assigned.
      const responsible = actor.role === 'worker' ? { responsibleWorkerId: actor.userId } : {};
      newHouseholds.push({ householdNumber: number, countyCode: site.countyCode, ...desired, ...responsible });
      continue;
    }
    householdIds.set(number, { id: existing.id, countyCode: site.countyCode as string });
    const changed = Object.keys(desired).filter((f) => changedField(f, desired, existing));
    if (changed.length === 0) continue;
    const { sitePath: _path, ...stored } = existing;
    householdUpdates.push({ ...stored, ...desired, countyCode: site.countyCode, version: existing.version + 1 });
    report.households.updated++;
    for (const field of changed) {
      if (field === 'siteId' || field === 'monitoringCategory') {
        dated({
          countyCode: site.countyCode as string,
          householdId: existing.id,
          personId: null,
          attribute: field === 'siteId' ? 'site' : 'monitoring_category',
          value: String(desired[field]),
        });
      }
    }
  }
  for (let i = 0; i < newHouseholds.length; i += BATCH) {
    for (const h of await insertHouseholds(trx, newHouseholds.slice(i, i + BATCH))) {
      householdIds.set(h.householdNumber, { id: h.id, countyCode: h.countyCode });
      const at = { countyCode: h.countyCode, householdId: h.id, personId: null };
      dated({ ...at, attribute: 'site', value: h.siteId });
      dated({ ...at, attribute: 'monitoring_category', value: h.monitoringCategory });
    }
  }
  report.households.created = newHouseholds.length;
  for (let i = 0; i < householdUpdates.length; i += BATCH)
    await updateHouseholds(trx, householdUpdates.slice(i, i + BATCH));

  // Persons: insert the new, update the changed, leave the unchanged untouched.
  const newPersons: Record<string, unknown>[] = [];
  const personUpdates: Record<string, unknown>[] = [];
  /** Roster facts and skills to write once every person has an id (keyed by ID-number hash). */
  const factsByHash = new Map<string, { row: RosterRow; facts: RosterFactRow | null; skills: string[] }>();
  /** Structured health to write once every person has an id (keyed by ID-number hash). */
  const healthByHash = new Map<string, { health: PersonHealth | null; bump: boolean }>();
  for (const row of plan.accepted) {
    const household = householdIds.get(row.householdNumber) as { id: string; countyCode: string };
    const hash = plan.hashOf.get(row) as string;
    const existing = plan.persons.get(hash);
    const desired: Record<string, unknown> = {
      name: row.name,
      relation: row.relation,
      birthDate: row.birthDate,
      sex: row.sex,
    };
    for (const field of personFields) if (row[field] !== undefined) desired[field] = row[field];
    const facts = desiredFacts(row, existing, plan.skillCodes, encryptionKey, household.countyCode);
    factsByHash.set(hash, { row, ...facts });
    const storedHealth = existing?.healthNotesEncrypted
      ? decryptField(encryptionKey, existing.healthNotesEncrypted)
      : null;
    const healthChanged = row.health !== undefined && row.health !== storedHealth;
    // 健康状况 and 残疾 as matching reads them: read again whenever either text changes.
    if (healthChanged || facts.changed.includes('disability')) {
      const bump =
        existing !== undefined &&
        !healthChanged &&
        !Object.keys(desired).some((f) => changedField(f, desired, existing));
      healthByHash.set(hash, { health: rosterHealth(row.health ?? storedHealth, facts.disability), bump });
    }
    const entry = { row: row.row, householdNumber: row.householdNumber, name: row.name };
    if (!existing) {
      newPersons.push({
        ...desired,
        householdId: household.id,
        countyCode: household.countyCode,
        healthNotesEncrypted: row.health ? encryptField(encryptionKey, row.health) : null,
        idNumberEncrypted: encryptField(encryptionKey, row.idNumber),
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(row.idNumber),
      });
      addPreview(report, { ...entry, action: 'create', changedFields: [] });
      report.created++;
      for (const field of defaultedFields) if (desired[field] === undefined) report.defaulted[field]++;
      continue;
    }
    const changed = Object.keys(desired).filter((f) => changedField(f, desired, existing));
    const factsChanged = [...(healthChanged ? ['healthNotes'] : []), ...facts.changed];
    if (changed.length === 0 && factsChanged.length === 0) {
      report.unchanged++;
      addPreview(report, { ...entry, action: 'unchanged', changedFields: [] });
      continue;
    }
    if (changed.length > 0 || healthChanged) {
      personUpdates.push({
        ...existing,
        ...desired,
        healthNotesEncrypted: healthChanged
          ? encryptField(encryptionKey, row.health as string)
          : existing.healthNotesEncrypted,
        version: existing.version + 1,
      });
    }
    report.updated++;
    report.changedPersonIds.push(existing.id);
    addPreview(report, { ...entry, action: 'update', changedFields: [...changed, ...factsChanged] });
    for (const field of changed) {
      if (field === 'employmentStatus' || field === 'laborCapacity') {
        dated({
          countyCode: household.countyCode,
          householdId: household.id,
          personId: existing.id,
          attribute: field === 'employmentStatus' ? 'employment_status' : 'labor_capacity',
          value: String(desired[field]),
        });
      }
    }
  }
  const personIdOf = new Map<string, string>([...plan.persons].map(([hash, p]) => [hash, p.id]));
  for (let i = 0; i < newPersons.length; i += 5 * BATCH) {
    for (const p of await insertPersons(trx, newPersons.slice(i, i + 5 * BATCH))) {
      personIdOf.set(p.idNumberHash, p.id);
      report.changedPersonIds.push(p.id);
      const at = { countyCode: p.countyCode, householdId: p.householdId, personId: p.id };
      dated({ ...at, attribute: 'employment_status', value: p.employmentStatus });
      dated({ ...at, attribute: 'labor_capacity', value: p.laborCapacity });
    }
  }
  for (let i = 0; i < personUpdates.length; i += BATCH) await updatePersons(trx, personUpdates.slice(i, i + BATCH));
  const healthRows = [...healthByHash].map(([hash, { health, bump }]) => ({
    id: personIdOf.get(hash) as string,
    ...healthColumns(encryptionKey, health),
    bump,
  }));
  for (let i = 0; i < healthRows.length; i += BATCH) await updatePersonHealth(trx, healthRows.slice(i, i + BATCH));

  // The roster's facts and the skills it names.
  const factRows: RosterFactRow[] = [];
  const skillRows: { personId: string; skillCode: string; countyCode: string }[] = [];
  for (const [hash, { row, facts, skills }] of factsByHash) {
    const personId = personIdOf.get(hash) as string;
    const countyCode = (householdIds.get(row.householdNumber) as { countyCode: string }).countyCode;
    if (facts) factRows.push({ ...facts, personId, countyCode });
    for (const skillCode of skills) skillRows.push({ personId, skillCode, countyCode });
  }
  for (let i = 0; i < factRows.length; i += BATCH) await upsertRosterFacts(trx, factRows.slice(i, i + BATCH));
  for (let i = 0; i < skillRows.length; i += BATCH) await addPersonSkills(trx, skillRows.slice(i, i + BATCH));

  await recordIncomeOfMonth(trx, membersOf, householdIds, report, context);
  await recordHistory(trx, history);
  await enqueueResidents(trx, report.changedPersonIds);
  return { factsWritten: factRows.map((f) => f.personId) };
}

/**
 * 月收入 of the household's members, summed, as this month's wages in the income ledger (where
 * income lives and is audited): recorded only when it differs from the figure already there.
 */
async function recordIncomeOfMonth(
  trx: Db,
  membersOf: Map<string, RosterRow[]>,
  householdIds: Map<string, { id: string; countyCode: string }>,
  report: ImportReport,
  context: { actor: Actor; today: string },
) {
  const totals = new Map<string, number>();
  for (const [number, members] of membersOf) {
    const figures = members.map((m) => m.monthlyIncome).filter((n): n is number => n !== undefined);
    if (figures.length) totals.set(number, Math.round(figures.reduce((a, b) => a + b, 0) * 100) / 100);
  }
  if (totals.size === 0) return;
  const period = context.today.slice(0, 7);
  const current = await monthWages(
    trx,
    [...totals.keys()].map((n) => (householdIds.get(n) as { id: string }).id),
    periodStartOf('month', period),
  );
  for (const [number, amountYuan] of totals) {
    const household = householdIds.get(number) as { id: string; countyCode: string };
    if (current.get(household.id) === amountYuan) continue;
    await recordIncome(
      trx,
      household,
      { periodKind: 'month', period, source: 'wages', amountYuan, productionCostsYuan: 0 },
      { recordedBy: context.actor.userId, visitId: null },
    );
    report.incomeRecorded++;
  }
}

/**
 * The roster facts row a person should have: what is stored, overwritten by every non-blank
 * cell of the row. Skills the taxonomy knows become person skills; the rest stay text.
 */
function desiredFacts(
  row: RosterRow,
  existing: ExistingPerson | undefined,
  skillCodes: Map<string, string>,
  encryptionKey: string | undefined,
  countyCode: string,
): { facts: RosterFactRow | null; skills: string[]; changed: string[]; disability: RosterDisability } {
  const storedDisability = existing?.disabilityEncrypted
    ? decryptField(encryptionKey, existing.disabilityEncrypted)
    : null;
  const stored = {
    disability: storedDisability,
    disabilityKind: existing?.disabilityKind ?? null,
    disabilityGrade: existing?.disabilityGrade ?? null,
    skillsText: existing?.skillsText ?? null,
    workPlace: existing?.workPlace ?? null,
  };
  const next = { ...stored };
  if (row.disability !== undefined) {
    next.disability = row.disability?.text ?? null;
    next.disabilityKind = row.disability?.kind ?? null;
    next.disabilityGrade = row.disability?.grade ?? null;
  }
  const skills: string[] = [];
  if (row.skills !== undefined) {
    const unmatched: string[] = [];
    for (const part of row.skills) {
      const code = skillCodes.get(part);
      if (code) skills.push(code);
      else unmatched.push(part);
    }
    next.skillsText = unmatched.length ? unmatched.join('、') : null;
  }
  if (row.workPlace !== undefined) next.workPlace = row.workPlace;
  const newSkills = [...new Set(skills)].filter((code) => !existing?.skillCodes.includes(code));
  const changed = [
    ...(next.disability !== stored.disability || next.disabilityKind !== stored.disabilityKind ? ['disability'] : []),
    ...(next.skillsText !== stored.skillsText || newSkills.length ? ['skills'] : []),
    ...(next.workPlace !== stored.workPlace ? ['workPlace'] : []),
  ];
  const factsChanged = changed.some((f) => f !== 'skills') || next.skillsText !== stored.skillsText;
  const facts: RosterFactRow | null = factsChanged
    ? {
        personId: existing?.id ?? '',
        countyCode,
        disabilityEncrypted: next.disability ? encryptField(encryptionKey, next.disability) : null,
        disabilityKind: next.disabilityKind,
        disabilityGrade: next.disabilityGrade,
        skillsText: next.skillsText,
        workPlace: next.workPlace,
      }
    : null;
  const disability = { text: next.disability, kind: next.disabilityKind, grade: next.disabilityGrade };
  return { facts, skills: newSkills, changed, disability };
}

interface RosterDisability {
  text: string | null;
  kind: DisabilityKind | null;
  grade: number | null;
}

/**
 * The structured health of a person as the roster says it: `healthFromNotes` over 健康状况 and
 * 残疾 together (高血压 → chronic illness; 腰椎间盘突出 → no heavy lifting), with the kind and grade
 * the roster's 残疾 column was read as where it named them. Null when neither says anything.
 */
function rosterHealth(notes: string | null, disability: RosterDisability): PersonHealth | null {
  const read = healthFromNotes([notes, disability.text].filter(Boolean).join('；'));
  if (!disability.kind && disability.grade === null) return read;
  return {
    ...(read ?? noHealthRecord),
    disabilityKind: disability.kind ?? read?.disabilityKind ?? null,
    disabilityGrade: disability.grade ?? read?.disabilityGrade ?? null,
  };
}

const changedField = (field: string, desired: Record<string, unknown>, existing: object) =>
  String(desired[field]) !== String((existing as Record<string, unknown>)[field] ?? '');

/** The first non-blank value of a household field among its rows, the head's row first. */
function mergedHouseholdValue(members: RosterRow[], field: (typeof householdFields)[number]) {
  const head = members.find((m) => m.relation === 'head');
  if (head?.[field] !== undefined) return head[field];
  return members.find((m) => m[field] !== undefined)?.[field];
}
