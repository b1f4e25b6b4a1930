import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { duplicatePairs } from './duplicates.queries.ts';
import { enqueueResidents } from './resident-search.ts';
import { pageQuery } from './schema.ts';
import { requireRegistryWriter } from './scope.ts';

const personBrief = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  householdId: z.string(),
  householdNumber: z.string(),
  /** So a worker can tell the two apart without opening both households. */
  relation: z.string(),
  siteName: z.string(),
});
const duplicatePair = z
  .object({ reason: z.string(), personA: personBrief, personB: personBrief })
  .openapi('DuplicatePair');
const pairBody = z
  .object({ personAId: z.string().regex(/^\d+$/), personBId: z.string().regex(/^\d+$/) })
  .openapi('DuplicateDismiss');
const mergeBody = z
  .object({ keepPersonId: z.string().regex(/^\d+$/), removePersonId: z.string().regex(/^\d+$/) })
  .openapi('DuplicateMerge');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Potential duplicates to review: the same name and birth date in two households',
  request: { query: z.object(pageQuery) },
  responses: {
    200: {
      description: 'A page of pairs',
      content: {
        'application/json': {
          schema: pageOf(duplicatePair, 'DuplicatePairPage'),
        },
      },
    },
  },
});
const dismissRoute = createRoute({
  method: 'post',
  path: '/dismiss',
  summary: 'Not the same person: keep both and stop listing the pair (audited)',
  request: { body: { content: { 'application/json': { schema: pairBody } }, required: true } },
  responses: { 204: { description: 'Dismissed' } },
});
const mergeRoute = createRoute({
  method: 'post',
  path: '/merge',
  summary: 'The same person: keep one record, move skills and history to it, remove the other (audited)',
  request: { body: { content: { 'application/json': { schema: mergeBody } }, required: true } },
  responses: { 204: { description: 'Merged' } },
});

export function duplicateRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { page, pageSize } = c.req.valid('query');
      return c.json(await duplicatePairs(db, actor, { page, pageSize }), 200);
    })
    .openapi(dismissRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { personAId, personBId } = c.req.valid('json');
      const [low, high] = [personAId, personBId].sort((x, y) => Number(x) - Number(y));
      if (low === high)
        throw new AppError('validation', 'Two different people are needed', {
          errors: [{ path: 'json.personBId', message: 'same as personAId', code: 'same-as-other' }],
        });
      const found = await db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .where(householdVisible(actor))
        .where('persons.id', 'in', [low, high])
        .select('persons.id')
        .execute();
      if (found.length !== 2) throw outOfScope('person');
      await db.transaction().execute(async (trx) => {
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
      return c.body(null, 204);
    })
    .openapi(mergeRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { keepPersonId, removePersonId } = c.req.valid('json');
      if (keepPersonId === removePersonId) {
        throw new AppError('validation', 'Two different people are needed', {
          errors: [{ path: 'json.removePersonId', message: 'same as keepPersonId', code: 'same-as-other' }],
        });
      }
      await db.transaction().execute(async (trx) => {
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
        const keepAccount = await trx
          .selectFrom('users')
          .select('id')
          .where('personId', '=', keep.id)
          .executeTakeFirst();
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
      return c.body(null, 204);
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
