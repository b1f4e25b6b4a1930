import type { ReviewStatus } from '@anju/domain/enums';
import type { z } from '@hono/zod-openapi';
import type { Updateable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { enqueueSearch } from '../db/search-outbox.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import type { EmployerTable } from './opportunities.tables.ts';
import { seesEverything } from './postings.ts';
import type { employerInput } from './schema.ts';

export interface EmployerFilter {
  q?: string;
  verified?: 'true' | 'false';
  reviewStatus?: ReviewStatus;
  forPosting?: 'true';
}

/** A page of employers: residents and employers see verified ones (and their own), staff all. */
export function employersPage(db: Db, actor: Actor, own: string | null, query: EmployerFilter & PageRequest) {
  let rows = db.selectFrom('employers');
  if (!seesEverything(actor)) {
    rows = rows.where((eb) =>
      own ? eb.or([eb('verified', '=', true), eb('id', '=', own)]) : eb('verified', '=', true),
    );
  }
  if (query.q) rows = rows.where('name', 'ilike', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (query.verified) rows = rows.where('verified', '=', query.verified === 'true');
  if (query.reviewStatus) rows = rows.where('reviewStatus', '=', query.reviewStatus);
  if (query.forPosting && actor.role === 'worker') {
    rows = rows
      .where('kind', '<>', 'enterprise')
      .where('regionId', 'in', (eb) =>
        eb.selectFrom('regions').select('regions.id').where(regionScope<any, any>(actor, 'regions.path')),
      );
  }
  return paged(rows, (filtered) => filtered.selectAll().orderBy('id', 'desc'), query);
}

export function employerById(db: Db, id: string) {
  return db.selectFrom('employers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Registers an employer; an employer account registering its own is linked to it in the same transaction. */
export function insertEmployer(db: Db, actor: Actor, values: z.infer<typeof employerInput>) {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('employers')
      .values({
        name: values.name,
        kind: values.kind,
        creditCode: values.creditCode ?? null,
        contactName: values.contactName ?? null,
        contactPhone: values.contactPhone ?? null,
        address: values.address ?? null,
        lat: values.lat ?? null,
        lng: values.lng ?? null,
        regionId: values.regionId ?? null,
        verifiedAt: null,
        verifiedBy: null,
        createdBy: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (actor.role === 'employer') {
      await trx.updateTable('users').set({ employerId: inserted.id }).where('id', '=', actor.userId).execute();
    }
    return inserted;
  });
}

async function enqueueEmployerPostings(trx: Db, employerId: string) {
  for (const kind of ['jobs', 'trainings', 'projects'] as const) {
    const ids = await trx
      .selectFrom(kind as 'jobs')
      .select('id')
      .where('employerId', '=', employerId)
      .execute();
    await enqueueSearch(
      trx,
      kind,
      ids.map((row) => row.id),
    );
  }
}

/**
 * A change to an employer (its profile, or an admin's review decision): one update, and the
 * employer's postings re-indexed in the same transaction, since their documents carry its name
 * and their visibility follows its review.
 */
export function updateEmployer(db: Db, id: string, changes: Updateable<EmployerTable>) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('employers')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!result) throw new AppError('not-found', 'No such employer');
    await enqueueEmployerPostings(trx, id);
    return result;
  });
}

/** A rejected employer back to pending review. */
export function resubmitEmployer(db: Db, id: string) {
  return db
    .updateTable('employers')
    .set({ reviewStatus: 'pending', submittedAt: new Date(), updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes an employer without postings (409 while it has any), unlinking its accounts first. */
export async function deleteEmployer(db: Db, id: string) {
  for (const kind of ['jobs', 'trainings', 'projects'] as const) {
    const any = await db
      .selectFrom(kind as 'jobs')
      .select('id')
      .where('employerId', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (any) throw new AppError('conflict', `The employer still has ${kind}; close or delete them first`);
  }
  await db.updateTable('users').set({ employerId: null }).where('employerId', '=', id).execute();
  const deleted = await db.deleteFrom('employers').where('id', '=', id).executeTakeFirst();
  if (!deleted.numDeletedRows) throw new AppError('not-found', 'No such employer');
}
