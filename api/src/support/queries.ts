import type { Insertable, Updateable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { outOfScope } from '../http/problem.ts';
import type {
  EssentialSpendingTable,
  HouseholdRiskTable,
  PolicyValueTable,
  SupportMeasureTable,
} from './support.tables.ts';

const riskColumns = ['id', 'householdId', 'kind', 'fromOn', 'toOn', 'note', 'recordedBy'] as const;
const spendingColumns = [
  'id',
  'householdId',
  'kind',
  'amountYuan',
  'periodKind',
  'spentOn',
  'note',
  'recordedBy',
] as const;

/** Whether the person belongs to the household (a measure names one of its members only). */
export async function isMember(db: Db, householdId: string, personId: string) {
  const row = await db
    .selectFrom('persons')
    .select('id')
    .where('id', '=', personId)
    .where('householdId', '=', householdId)
    .executeTakeFirst();
  return Boolean(row);
}

/** A household's current (not voided) risk facts, latest first. */
export function listRisks(db: Db, householdId: string) {
  return db
    .selectFrom('householdRisks')
    .select(riskColumns)
    .where('householdId', '=', householdId)
    .where('voidedAt', 'is', null)
    .orderBy('fromOn', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A household's essential spending (刚性支出), latest first; one record when `spendingId` is given. */
export function listSpending(db: Db, householdId: string, spendingId?: string) {
  let query = db.selectFrom('essentialSpending').select(spendingColumns).where('householdId', '=', householdId);
  if (spendingId) query = query.where('id', '=', spendingId);
  return query.orderBy('spentOn', 'desc').orderBy('id', 'desc').execute();
}

/** Every 三保障/饮水 check of a household, newest first, and the latest of each dimension. */
export async function guaranteeChecks(db: Db, householdId: string) {
  const history = await db
    .selectFrom('guaranteeChecks as g')
    .leftJoin('users as u', 'u.id', 'g.checkedBy')
    .select([
      'g.id',
      'g.householdId',
      'g.dimension',
      'g.checkedOn',
      'g.ok',
      'g.evidence',
      'g.checkedBy',
      'u.name as checkedByName',
    ])
    .where('g.householdId', '=', householdId)
    .orderBy('g.checkedOn', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
  const seen = new Set<string>();
  const latest = history.filter((row) => !seen.has(row.dimension) && seen.add(row.dimension));
  return { latest, history };
}

/** Records a support measure; its id. */
export async function insertMeasure(db: Db, values: Insertable<SupportMeasureTable>) {
  const row = await db.insertInto('supportMeasures').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMeasure(db: Db, measureId: string, changes: Updateable<SupportMeasureTable>) {
  await db
    .updateTable('supportMeasures')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', measureId)
    .execute();
}

export async function deleteMeasure(db: Db, measureId: string) {
  await db.deleteFrom('supportMeasures').where('id', '=', measureId).execute();
}

export function insertRisk(db: Db, values: Insertable<HouseholdRiskTable>) {
  return db.insertInto('householdRisks').values(values).returning(riskColumns).executeTakeFirstOrThrow();
}

export function updateRisk(db: Db, riskId: string, changes: Updateable<HouseholdRiskTable>) {
  return db
    .updateTable('householdRisks')
    .set(changes)
    .where('id', '=', riskId)
    .returning(riskColumns)
    .executeTakeFirstOrThrow();
}

/** Voids a risk recorded by mistake (kept with who and why); a voided risk stays voided. */
export async function voidRisk(db: Db, riskId: string, voidedBy: string, reason: string) {
  await db
    .updateTable('householdRisks')
    .set({ voidedAt: new Date(), voidedBy, voidReason: reason })
    .where('id', '=', riskId)
    .where('voidedAt', 'is', null)
    .execute();
}

export function insertSpending(db: Db, values: Insertable<EssentialSpendingTable>) {
  return db.insertInto('essentialSpending').values(values).returning(spendingColumns).executeTakeFirstOrThrow();
}

export function updateSpending(db: Db, spendingId: string, changes: Updateable<EssentialSpendingTable>) {
  return db
    .updateTable('essentialSpending')
    .set(changes)
    .where('id', '=', spendingId)
    .returning(spendingColumns)
    .executeTakeFirstOrThrow();
}

/** The region a supervision report opens on without `?region=`: the actor's widest region, the root for an admin. */
export async function supervisionHomeRegion(db: Db, actor: Actor) {
  let query = db.selectFrom('regions').select(['code', 'name', 'path']);
  if (actor.regionPaths.length) query = query.where('path', 'in', actor.regionPaths);
  else if (!actor.allRegions) throw outOfScope('region');
  return query
    .orderBy((eb) => eb.fn('length', ['path']))
    .orderBy('path')
    .executeTakeFirst();
}

const policyValueColumns = ['id', 'key', 'regionCode', 'year', 'value', 'note'] as const;

/** Every policy value (政策参数), by key, then everywhere before a place, then latest year first. */
export function listPolicyValues(db: Db) {
  return db
    .selectFrom('policyValues')
    .select(policyValueColumns)
    .orderBy('key')
    .orderBy('regionCode', (ob) => ob.nullsFirst())
    .orderBy('year', 'desc')
    .execute();
}

export async function regionCodeExists(db: Db, code: string) {
  const region = await db.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirst();
  return region !== undefined;
}

/** Adds a policy value; undefined when one exists for the key, place and year. */
export function insertPolicyValue(db: Db, values: Insertable<PolicyValueTable>) {
  return db
    .insertInto('policyValues')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning(policyValueColumns)
    .executeTakeFirst();
}

export function updatePolicyValue(db: Db, id: string, changes: Updateable<PolicyValueTable>) {
  return db
    .updateTable('policyValues')
    .set(changes)
    .where('id', '=', id)
    .returning(policyValueColumns)
    .executeTakeFirst();
}
