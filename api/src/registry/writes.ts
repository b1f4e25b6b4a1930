import { chinaToday } from '@anju/domain/clock';
import { checkIdNumber } from '@anju/domain/id-number';
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { coversRegion, householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { insertRow, updateRow } from '../db/row-values.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { effectiveLimits, healthFromNotes, STAY_CLOSE_LIMIT } from '../matching/health.ts';
import type { PersonHealth } from '../matching/types.ts';
import { type ConsentGivenBy, insertConsent } from '../notifications/consent.ts';
import { householdHistoryAttributes, personHistoryAttributes, recordHistory } from './history.ts';
import { decryptField, encryptField, sealIdNumber } from './id-number.ts';
import { enqueueResidents } from './resident-search.ts';
import { assertResponsibleWorker } from './responsible.ts';
import type { householdCreateBody, householdUpdateBody, memberInput, personUpdateBody, skillsBody } from './schema.ts';

type MemberInput = z.infer<typeof memberInput>;

/** Whether the actor may write this household: it must be visible to them (a worker's own sites). */
async function loadWritableHousehold(db: Db, actor: Actor, householdId: string) {
  const household = await db
    .selectFrom('households')
    .select(['id', 'countyCode', 'siteId', 'version', 'monitoringCategory', 'householdNumber'])
    .where('households.id', '=', householdId)
    .where(householdVisible(actor))
    .executeTakeFirst();
  if (!household) throw outOfScope('household');
  return household;
}

async function siteForWrite(db: Db, actor: Actor, siteId: string, field: string) {
  const site = await db
    .selectFrom('regions')
    .select(['id', 'path', 'countyCode'])
    .where('id', '=', siteId)
    .where('level', '=', 'site')
    .executeTakeFirst();
  const inScope = site && coversRegion(actor, site.path);
  if (!site || !inScope) {
    throw new AppError('validation', 'No such site among yours', {
      errors: [{ path: field, message: 'unknown site' }],
    });
  }
  return { id: site.id, countyCode: site.countyCode as string };
}

function duplicateIdNumber(field: string): AppError {
  return new AppError('conflict', 'A person with this ID number is already registered', {
    errors: [{ path: field, message: 'this ID number is already registered' }],
  });
}

async function assertIdNumberFree(db: Db, hash: string, field: string, exceptPersonId?: string) {
  let query = db.selectFrom('persons').select('id').where('idNumberHash', '=', hash);
  if (exceptPersonId) query = query.where('id', '!=', exceptPersonId);
  if (await query.executeTakeFirst()) throw duplicateIdNumber(field);
}

function personColumns(key: string | undefined, input: Partial<MemberInput>) {
  const columns: Record<string, unknown> = {};
  for (const name of [
    'name',
    'phone',
    'relation',
    'education',
    'laborCapacity',
    'employmentStatus',
    'maxCommuteKm',
    'workModes',
    'willingToWorkAway',
    'hasCareDuties',
    'visibleToEmployers',
  ] as const) {
    if (input[name] !== undefined) columns[name] = input[name];
  }
  if (input.idNumber !== undefined) {
    if (input.idNumber === null) {
      Object.assign(columns, { idNumberEncrypted: null, idNumberHash: null, idNumberMasked: null });
    } else {
      const check = checkIdNumber(input.idNumber);
      if (check.valid)
        Object.assign(columns, sealIdNumber(key, check.idNumber), { birthDate: check.birthDate, sex: check.sex });
    }
  }
  if (input.healthNotes !== undefined) {
    columns.healthNotesEncrypted = input.healthNotes ? encryptField(key, input.healthNotes) : null;
  }
  if (input.availability !== undefined) {
    columns.availableWhere = input.availability?.where ?? null;
    columns.availableHours = input.availability?.hours ?? [];
    columns.availableFrom = input.availability?.availableFrom ?? null;
  }
  if (input.primarySkill !== undefined) columns.primarySkill = input.primarySkill;
  // Structured health as given, or read from the notes where they are obvious (肢体残疾二级).
  const health =
    input.health !== undefined ? input.health : input.healthNotes ? healthFromNotes(input.healthNotes) : undefined;
  if (health !== undefined) Object.assign(columns, healthColumns(key, health));
  return columns;
}

export async function insertMember(
  db: Db,
  key: string | undefined,
  actor: Actor,
  household: { id: string; countyCode: string },
  member: MemberInput,
  validFrom: string,
  field: string,
): Promise<string> {
  const columns = personColumns(key, member);
  if (columns.idNumberHash) await assertIdNumberFree(db, columns.idNumberHash as string, `${field}.idNumber`);
  const person = await db
    .insertInto('persons')
    .values(insertRow('persons', { ...columns, householdId: household.id, countyCode: household.countyCode }))
    .returning(['id', 'employmentStatus', 'laborCapacity'])
    .executeTakeFirstOrThrow();
  if (member.visibleToEmployers)
    await insertConsent(db, {
      personId: person.id,
      countyCode: household.countyCode,
      given: true,
      givenBy: consentGivenBy(actor),
      recordedBy: actor.userId,
      note: '登记时已允许',
    });
  await recordHistory(db, [
    ...(['employmentStatus', 'laborCapacity'] as const).map((column) => ({
      countyCode: household.countyCode,
      householdId: household.id,
      personId: person.id,
      attribute: personHistoryAttributes[column],
      value: person[column],
      validFrom,
      recordedBy: actor.userId,
    })),
  ]);
  return person.id;
}

async function createHousehold(
  db: Db,
  c: Context<AppEnv>,
  key: string | undefined,
  actor: Actor,
  body: z.infer<typeof householdCreateBody>,
): Promise<string> {
  // A new household starts unmonitored: 监测识别 is a workflow, never a field of the create.
  if (body.monitoringCategory !== undefined && body.monitoringCategory !== 'none')
    throw new AppError('conflict', 'A household starts unmonitored; 监测识别 is a workflow', {
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory', message: 'start a 监测识别 workflow after creating the household' }],
    });
  const site = await siteForWrite(db, actor, body.siteId, 'json.siteId');
  const taken = await db
    .selectFrom('households')
    .select('id')
    .where('householdNumber', '=', body.householdNumber)
    .executeTakeFirst();
  if (taken) {
    throw new AppError('conflict', 'This household number is taken', {
      errors: [{ path: 'json.householdNumber', message: 'already used by another household', code: 'taken' }],
    });
  }
  const { members, validFrom = chinaToday(), ...fields } = body;
  if (fields.responsibleWorkerId) {
    await assertResponsibleWorker(db, fields.responsibleWorkerId, site.id, 'json.responsibleWorkerId');
  }
  const household = await db
    .insertInto('households')
    .values({ ...fields, countyCode: site.countyCode })
    .returning(['id', 'countyCode', 'siteId', 'monitoringCategory'])
    .executeTakeFirstOrThrow();
  await recordHistory(db, [
    ...(['siteId', 'monitoringCategory'] as const).map((column) => ({
      countyCode: household.countyCode,
      householdId: household.id,
      personId: null,
      attribute: householdHistoryAttributes[column],
      value: household[column],
      validFrom,
      recordedBy: actor.userId,
    })),
  ]);
  const personIds: string[] = [];
  for (const [index, member] of members.entries()) {
    personIds.push(await insertMember(db, key, actor, household, member, validFrom, `json.members.${index}`));
  }
  await enqueueResidents(db, personIds);
  await writeAudit(db, c, { action: 'create', resourceType: 'household', resourceId: household.id });
  return household.id;
}

/** Names of the fields changed since `version`, from the audit log of updates (values never stored). */
async function changesSince(db: Db, resourceType: string, id: string, version: number) {
  const rows = await db
    .selectFrom('auditLog')
    .select(['fields', 'at', 'userId', 'detail'])
    .where('resourceType', '=', resourceType)
    .where('resourceId', '=', id)
    .where('action', '=', 'update')
    .orderBy('id')
    .execute();
  const later = rows.filter((row) => Number((row.detail as { version?: number } | null)?.version ?? 0) > version);
  return {
    changedFields: [...new Set(later.flatMap((row) => row.fields ?? []))].sort(),
    changes: later.map((row) => ({
      version: (row.detail as { version: number }).version,
      fields: row.fields ?? [],
      at: new Date(row.at).toISOString(),
      byUserId: row.userId,
    })),
  };
}

async function staleVersion(db: Db, resourceType: string, id: string, sent: number, current: number) {
  const { changedFields, changes } = await changesSince(db, resourceType, id, sent);
  return new AppError(
    'conflict',
    `This ${resourceType} was changed by someone else since version ${sent} (now ${current}): ${changedFields.join(', ') || 'fields unknown'}. Reload and apply your change again.`,
    { currentVersion: current, yourVersion: sent, changedFields, changes },
  );
}

/**
 * Writes `columns` only while the row is still at the `version` the client read (optimistic
 * concurrency); otherwise 409 saying what changed since. Returns the new version.
 */
async function updateAtVersion(
  db: Db,
  table: 'households' | 'persons',
  id: string,
  version: number,
  columns: Record<string, unknown>,
) {
  const updated = await db
    .updateTable(table)
    .set(updateRow(table, { ...columns, version: version + 1, updatedAt: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) {
    const now = await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
    throw await staleVersion(db, table === 'households' ? 'household' : 'person', id, version, now.version);
  }
  return updated.version;
}

/** Which of the given columns differ from the stored row (compared as JSON). */
function changedColumns(before: object, after: Record<string, unknown>): string[] {
  const stored = new Map(Object.entries(before));
  return Object.keys(after).filter(
    (key) => JSON.stringify(stored.get(key) ?? null) !== JSON.stringify(after[key] ?? null),
  );
}

async function updateHousehold(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  id: string,
  body: z.infer<typeof householdUpdateBody>,
): Promise<void> {
  const current = await loadWritableHousehold(db, actor, id);
  const { version, validFrom = chinaToday(), monitoringCategory, ...input } = body;
  // 监测类型 changes only through a workflow (监测识别 / 风险消除), never by an edit.
  if (monitoringCategory !== undefined && monitoringCategory !== current.monitoringCategory)
    throw new AppError('conflict', 'The monitoring category changes only through a workflow (监测识别 / 风险消除)', {
      code: 'workflow-required',
      errors: [{ path: 'json.monitoringCategory', message: 'changes only through a workflow' }],
    });
  if (current.version !== version) throw await staleVersion(db, 'household', id, version, current.version);
  const columns: Record<string, unknown> = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  let countyCode = current.countyCode;
  if (input.siteId && input.siteId !== current.siteId) {
    countyCode = (await siteForWrite(db, actor, input.siteId, 'json.siteId')).countyCode;
    columns.countyCode = countyCode;
  }
  if (input.householdNumber && input.householdNumber !== current.householdNumber) {
    const taken = await db
      .selectFrom('households')
      .select('id')
      .where('householdNumber', '=', input.householdNumber)
      .executeTakeFirst();
    if (taken) {
      throw new AppError('conflict', 'This household number is taken', {
        errors: [{ path: 'json.householdNumber', message: 'already used by another household', code: 'taken' }],
      });
    }
  }
  const before = await db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const changed = changedColumns(before, columns);
  if (input.responsibleWorkerId && changed.includes('responsibleWorkerId')) {
    const siteId = (columns.siteId as string | undefined) ?? before.siteId;
    await assertResponsibleWorker(db, input.responsibleWorkerId, siteId, 'json.responsibleWorkerId');
  }
  if (changed.length === 0) return;
  const newVersion = await updateAtVersion(db, 'households', id, version, columns);
  if (columns.countyCode) {
    await db.updateTable('persons').set({ countyCode }).where('householdId', '=', id).execute();
  }
  await recordHistory(
    db,
    (['siteId', 'monitoringCategory'] as const)
      .filter((column) => changed.includes(column))
      .map((column) => ({
        countyCode,
        householdId: id,
        personId: null,
        attribute: householdHistoryAttributes[column],
        value: String(columns[column]),
        validFrom,
        recordedBy: actor.userId,
      })),
  );
  if (changed.some((column) => ['siteId', 'householdNumber'].includes(column))) {
    const members = await db.selectFrom('persons').select('id').where('householdId', '=', id).execute();
    await enqueueResidents(
      db,
      members.map((m) => m.id),
    );
  }
  await writeAudit(db, c, {
    action: 'update',
    resourceType: 'household',
    resourceId: id,
    fields: changed,
    detail: { version: newVersion },
  });
}

export async function updatePerson(
  db: Db,
  c: Context<AppEnv>,
  key: string | undefined,
  actor: Actor,
  id: string,
  body: z.infer<typeof personUpdateBody>,
): Promise<void> {
  const before = await db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw outOfScope('person');
  const household = await loadWritableHousehold(db, actor, before.householdId);
  const { version, validFrom = chinaToday(), ...input } = body;
  if (before.version !== version) throw await staleVersion(db, 'person', id, version, before.version);
  const columns = personColumns(key, input);
  if (columns.idNumberHash) {
    if (columns.idNumberHash === before.idNumberHash) {
      // The same number again: keep the stored ciphertext (a fresh IV would look like a change).
      for (const column of ['idNumberEncrypted', 'idNumberHash', 'idNumberMasked', 'birthDate', 'sex'])
        delete columns[column];
    } else {
      await assertIdNumberFree(db, columns.idNumberHash as string, 'json.idNumber', id);
    }
  }
  if (input.healthNotes !== undefined) {
    // Compare plaintext: a re-encryption always differs from the stored ciphertext.
    const stored = before.healthNotesEncrypted ? decryptField(key, before.healthNotesEncrypted) : null;
    if ((input.healthNotes || null) === stored) delete columns.healthNotesEncrypted;
  }
  if (columns.healthEncrypted !== undefined) {
    const stored = before.healthEncrypted ? decryptField(key, before.healthEncrypted) : null;
    const given = columns.healthEncrypted ? decryptField(key, columns.healthEncrypted as string) : null;
    if (given === stored) delete columns.healthEncrypted;
  }
  const changed = changedColumns(before, columns).map((column) =>
    column.startsWith('idNumber')
      ? 'idNumber'
      : column === 'healthNotesEncrypted'
        ? 'healthNotes'
        : column === 'healthEncrypted' || column === 'workLimits'
          ? 'health'
          : column.startsWith('available')
            ? 'availability'
            : column,
  );
  const changedFields = [...new Set(changed)];
  if (changedFields.length === 0) return;
  const newVersion = await updateAtVersion(db, 'persons', id, version, columns);
  await recordHistory(
    db,
    (['employmentStatus', 'laborCapacity'] as const)
      .filter((column) => changedFields.includes(column))
      .map((column) => ({
        countyCode: household.countyCode,
        householdId: household.id,
        personId: id,
        attribute: personHistoryAttributes[column],
        value: String(columns[column]),
        validFrom,
        recordedBy: actor.userId,
      })),
  );
  if (changedFields.includes('visibleToEmployers'))
    await insertConsent(db, {
      personId: id,
      countyCode: household.countyCode,
      given: columns.visibleToEmployers === true,
      givenBy: consentGivenBy(actor),
      recordedBy: actor.userId,
      note: null,
    });
  if (changedFields.some((f) => ['name', 'phone', 'relation'].includes(f))) await enqueueResidents(db, [id]);
  await writeAudit(db, c, {
    action: 'update',
    resourceType: 'person',
    resourceId: id,
    fields: changedFields,
    detail: { version: newVersion },
  });
}

export { loadWritableHousehold };

/** Who records a consent set on a person's record: a helper, or staff writing it down for the person. */
const consentGivenBy = (actor: Actor): ConsentGivenBy => (actor.role === 'helper' ? 'helper' : 'worker');

/**
 * Structured health: the whole record encrypted like the notes; the limits matching applies
 * (those recorded and those a disability implies, plus `stay_close` for a disability or chronic
 * illness) in clear, so ranking thousands of candidates needs no decryption.
 */
export function healthColumns(
  key: string | undefined,
  health: PersonHealth | null,
): { healthEncrypted: string | null; workLimits: string[] } {
  if (!health || (!health.disabilityKind && !health.chronicIllness && health.limits.length === 0)) {
    return { healthEncrypted: null, workLimits: [] };
  }
  const limits: string[] = [...effectiveLimits(health)];
  if (health.disabilityKind || health.chronicIllness) limits.push(STAY_CLOSE_LIMIT);
  return { healthEncrypted: encryptField(key, JSON.stringify(health)), workLimits: limits.sort() };
}

/** `createHousehold` in its own transaction; answers the new household's id. */
export function createHouseholdAlone(
  db: Db,
  c: Context<AppEnv>,
  key: string | undefined,
  actor: Actor,
  body: z.infer<typeof householdCreateBody>,
) {
  return db.transaction().execute((trx) => createHousehold(trx, c, key, actor, body));
}

/** `updateHousehold` in its own transaction. */
export function updateHouseholdAlone(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  id: string,
  body: z.infer<typeof householdUpdateBody>,
) {
  return db.transaction().execute((trx) => updateHousehold(trx, c, actor, id, body));
}

/** Adds a person to a household the actor may write, with its history and search document, audited. */
export function createPerson(
  db: Db,
  c: Context<AppEnv>,
  key: string | undefined,
  actor: Actor,
  householdId: string,
  member: z.infer<typeof memberInput>,
  validFrom: string,
) {
  return db.transaction().execute(async (trx) => {
    const household = await loadWritableHousehold(trx, actor, householdId);
    const personId = await insertMember(trx, key, actor, household, member, validFrom, 'json');
    await enqueueResidents(trx, [personId]);
    await writeAudit(trx, c, { action: 'create', resourceType: 'person', resourceId: personId });
    return personId;
  });
}

/** `updatePerson` in its own transaction. */
export function updatePersonAlone(
  db: Db,
  c: Context<AppEnv>,
  key: string | undefined,
  actor: Actor,
  id: string,
  input: z.infer<typeof personUpdateBody>,
) {
  return db.transaction().execute((trx) => updatePerson(trx, c, key, actor, id, input));
}

/** Deletes a person without applications (409 otherwise); the dated history keeps the household. */
export function deletePerson(db: Db, c: Context<AppEnv>, actor: Actor, id: string) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('persons').select('householdId').where('id', '=', id).executeTakeFirst();
    if (!person) throw outOfScope('person');
    await loadWritableHousehold(trx, actor, person.householdId);
    // Applications are the employer's and the resident's record too: they are not deleted with a typo.
    const applied = await trx.selectFrom('applications').select('id').where('personId', '=', id).executeTakeFirst();
    if (applied)
      throw new AppError('conflict', 'This person has applications; merge the record into the right one instead');
    await trx.updateTable('users').set({ personId: null }).where('personId', '=', id).execute();
    // History outlives the person: it keeps the household, loses the person link.
    await trx.updateTable('registryHistory').set({ personId: null }).where('personId', '=', id).execute();
    await trx.deleteFrom('persons').where('id', '=', id).execute();
    await enqueueResidents(trx, [id], 'delete');
    await writeAudit(trx, c, { action: 'delete', resourceType: 'person', resourceId: id });
  });
}

/** Replaces a person's skills (each code known to the taxonomy, else 400 unknown-skill), audited. */
export function replacePersonSkills(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  id: string,
  skills: z.infer<typeof skillsBody>['skills'],
) {
  const codes = [...new Set(skills.map((s) => s.skillCode))];
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('persons')
      .select(['householdId', 'countyCode'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!person) throw outOfScope('person');
    await loadWritableHousehold(trx, actor, person.householdId);
    const known = codes.length
      ? new Set((await trx.selectFrom('skills').select('code').where('code', 'in', codes).execute()).map((r) => r.code))
      : new Set<string>();
    const unknown = skills.flatMap((s, index) =>
      known.has(s.skillCode)
        ? []
        : [{ path: `json.skills.${index}.skillCode`, message: 'unknown skill code', code: 'unknown-skill' }],
    );
    if (unknown.length) throw new AppError('validation', 'Unknown skill codes', { errors: unknown });
    await trx.deleteFrom('personSkills').where('personId', '=', id).execute();
    if (skills.length) {
      await trx
        .insertInto('personSkills')
        .values(
          skills.map((s) => ({
            personId: id,
            countyCode: person.countyCode,
            skillCode: s.skillCode,
            level: s.level,
            certificate: s.certificate ?? null,
            certifiedOn: s.certifiedOn ?? null,
          })),
        )
        .execute();
    }
    await writeAudit(trx, c, {
      action: 'update',
      resourceType: 'person-skills',
      resourceId: id,
      fields: ['skills'],
    });
  });
}
