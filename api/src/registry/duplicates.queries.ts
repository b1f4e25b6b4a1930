import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { enqueueResidents } from './resident-search.ts';

/**
 * Potential duplicates: two people in different households with the same name and birth date,
 * both within the actor's scope; a dismissed pair stays off the list.
 */
export async function duplicatePairs(db: Db, actor: Actor, request: PageRequest) {
  const visible = db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .where(householdVisible(actor))
    .where('persons.birthDate', 'is not', null)
    .select([
      'persons.id',
      'persons.name',
      'persons.birthDate',
      'persons.idNumberMasked',
      'persons.householdId',
      'persons.relation',
      'households.householdNumber',
      'site.name as siteName',
    ]);
  const pairs = db
    .with('v', () => visible)
    .selectFrom('v as a')
    .innerJoin('v as b', (join) =>
      join
        .onRef('a.name', '=', 'b.name')
        .onRef('a.birthDate', '=', 'b.birthDate')
        .onRef('a.householdId', '!=', 'b.householdId')
        .on(sql<boolean>`a.id < b.id`),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('duplicateDismissals as d')
            .select('d.firstPersonId')
            .whereRef('d.firstPersonId', '=', 'a.id')
            .whereRef('d.secondPersonId', '=', 'b.id'),
        ),
      ),
    );
  const page = await paged(
    pairs,
    (filtered) =>
      filtered
        .select([
          'a.id as aId',
          'a.name as aName',
          'a.birthDate as aBirth',
          'a.idNumberMasked as aId18',
          'a.householdId as aHousehold',
          'a.householdNumber as aNumber',
          'a.relation as aRelation',
          'a.siteName as aSite',
          'b.id as bId',
          'b.name as bName',
          'b.birthDate as bBirth',
          'b.idNumberMasked as bId18',
          'b.householdId as bHousehold',
          'b.householdNumber as bNumber',
          'b.relation as bRelation',
          'b.siteName as bSite',
        ])
        .orderBy('a.id')
        .orderBy('b.id'),
    request,
  );
  return mapPage(page, (p) => ({
    reason: 'same_name_and_birth_date' as const,
    personA: {
      id: p.aId,
      name: p.aName,
      birthDate: p.aBirth,
      idNumber: p.aId18,
      householdId: p.aHousehold,
      householdNumber: p.aNumber,
      relation: p.aRelation,
      siteName: p.aSite,
    },
    personB: {
      id: p.bId,
      name: p.bName,
      birthDate: p.bBirth,
      idNumber: p.bId18,
      householdId: p.bHousehold,
      householdNumber: p.bNumber,
      relation: p.bRelation,
      siteName: p.bSite,
    },
  }));
}

/** Marks two people the actor may see as not the same (the pair leaves the list), audited. */
export async function dismissDuplicate(db: Db, c: Context<AppEnv>, actor: Actor, low: string, high: string) {
  const found = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .where(householdVisible(actor))
    .where('persons.id', 'in', [low, high])
    .select('persons.id')
    .execute();
  if (found.length !== 2) throw outOfScope('person');
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('duplicateDismissals')
      .values({ firstPersonId: low, secondPersonId: high, dismissedBy: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await writeAudit(trx, c, {
      action: 'dismiss-duplicate',
      resourceType: 'person',
      resourceId: low,
      detail: { otherPersonId: high },
    });
  });
}

/** The same person: keeps one record, moves skills, history and applications to it, removes the other, audited. */
export function mergeDuplicates(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  keepPersonId: string,
  removePersonId: string,
) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .where(householdVisible(actor))
      .where('persons.id', 'in', [keepPersonId, removePersonId])
      .selectAll('persons')
      .forUpdate()
      .execute();
    const keep = rows.find((r) => r.id === keepPersonId);
    const remove = rows.find((r) => r.id === removePersonId);
    if (!keep || !remove) throw outOfScope('person');
    if (keep.idNumberHash && remove.idNumberHash && keep.idNumberHash !== remove.idNumberHash) {
      throw new AppError('conflict', 'These two have different ID numbers: they are not the same person');
    }
    const kept = await trx.selectFrom('personSkills').select('skillCode').where('personId', '=', keep.id).execute();
    let moveSkills = trx
      .updateTable('personSkills')
      .set({ personId: keep.id, countyCode: keep.countyCode })
      .where('personId', '=', remove.id);
    if (kept.length)
      moveSkills = moveSkills.where(
        'skillCode',
        'not in',
        kept.map((k) => k.skillCode),
      );
    await moveSkills.execute();
    await trx.deleteFrom('personSkills').where('personId', '=', remove.id).execute();
    await trx.updateTable('registryHistory').set({ personId: keep.id }).where('personId', '=', remove.id).execute();
    await moveApplications(trx, remove.id, keep);
    const keepAccount = await trx.selectFrom('users').select('id').where('personId', '=', keep.id).executeTakeFirst();
    await trx
      .updateTable('users')
      .set({ personId: keepAccount ? null : keep.id })
      .where('personId', '=', remove.id)
      .execute();
    await trx
      .deleteFrom('duplicateDismissals')
      .where((eb) => eb.or([eb('firstPersonId', '=', remove.id), eb('secondPersonId', '=', remove.id)]))
      .execute();
    await trx.deleteFrom('persons').where('id', '=', remove.id).execute();
    if (!keep.idNumberHash && remove.idNumberHash) {
      await trx
        .updateTable('persons')
        .set({
          idNumberEncrypted: remove.idNumberEncrypted,
          idNumberHash: remove.idNumberHash,
          idNumberMasked: remove.idNumberMasked,
          version: keep.version + 1,
          updatedAt: new Date(),
        })
        .where('id', '=', keep.id)
        .execute();
    }
    await enqueueResidents(trx, [remove.id], 'delete');
    await enqueueResidents(trx, [keep.id]);
    await writeAudit(trx, c, {
      action: 'merge-duplicate',
      resourceType: 'person',
      resourceId: keep.id,
      detail: { removedPersonId: remove.id, removedFromHouseholdId: remove.householdId },
    });
  });
}

/** Application states that no longer count as open (the unique open-application index skips them). */
const CLOSED_STATES = ['withdrawn', 'rejected', 'dropped'] as const;

/**
 * A merge keeps the removed record's applications (求职申请) with the person kept. Two open
 * applications to the same opportunity cannot both stay open, so such a merge is refused until
 * a worker closes one.
 */
async function moveApplications(
  trx: Db,
  removeId: string,
  keep: { id: string; householdId: string; countyCode: string },
) {
  const clash = await trx
    .selectFrom('applications as r')
    .innerJoin('applications as k', (join) =>
      join.onRef('k.kind', '=', 'r.kind').onRef('k.opportunityId', '=', 'r.opportunityId'),
    )
    .where('r.personId', '=', removeId)
    .where('k.personId', '=', keep.id)
    .where('r.state', 'not in', CLOSED_STATES)
    .where('k.state', 'not in', CLOSED_STATES)
    .select('r.id')
    .executeTakeFirst();
  if (clash)
    throw new AppError('conflict', 'Both people have an open application to the same opportunity: close one first', {
      applicationId: clash.id,
    });
  await trx
    .updateTable('applications')
    .set({ personId: keep.id, householdId: keep.householdId, countyCode: keep.countyCode })
    .where('personId', '=', removeId)
    .execute();
}
