import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { employerIdOf } from '../access/queries.ts';
import type { Db } from '../db/database.ts';
import { insertRow, updateRow } from '../db/row-values.ts';
import { enqueueSearch } from '../db/search-outbox.ts';
import { paged } from '../http/paging.ts';
import { type PostingKind, publiclyVisible, seesEverything, toRowValues } from './postings.ts';
import type { listQuery } from './schema.ts';

/** Postings (岗位, 培训, 产业项目): the reads an actor may make and the writes with their search document. */

function selectPostings(db: Db, kind: PostingKind) {
  return db
    .selectFrom(kind as 'jobs')
    .innerJoin('employers', 'employers.id', `${kind as 'jobs'}.employerId`)
    .selectAll(kind as 'jobs')
    .select([
      'employers.name as employerName',
      'employers.verified as employerVerified',
      'employers.kind as employerKind',
    ]);
}

/** Rows an actor may read: everything for staff, own postings for an employer, else only public ones. */
async function readableCondition(db: Db, actor: Actor, kind: PostingKind) {
  if (seesEverything(actor)) return () => sql<boolean>`true`;
  const own = await employerIdOf(db, actor);
  const visible = publiclyVisible(kind);
  return (eb: Parameters<typeof visible>[0]) =>
    own ? eb.or([visible(eb), eb(sql.ref(`${kind}.employer_id`), '=', own)]) : visible(eb);
}

/** One posting by id, with its employer's name, whoever may read it. */
export async function loadPosting(db: Db, kind: PostingKind, id: string) {
  return selectPostings(db, kind)
    .where(sql.ref(`${kind}.id`), '=', id)
    .executeTakeFirst();
}

/** The applications' word for each kind of posting (jobs → job). */
const applicationKind = { jobs: 'job', trainings: 'training', projects: 'project' } as const;

/**
 * A page of the postings of one kind the actor may read, newest first. An employer's own postings
 * carry how many applications each has and how many are new (申请 not yet looked at, 报名 not yet
 * answered), counted in the same query (walk3: 我的岗位 did not say); nobody else gets the counts.
 */
export async function postingsPage(db: Db, actor: Actor, kind: PostingKind, query: z.infer<typeof listQuery>) {
  const own = await employerIdOf(db, actor);
  let rows = selectPostings(db, kind)
    .where(await readableCondition(db, actor, kind))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('applications')
          .select([
            sql<number>`count(*) filter (where applications.state <> 'withdrawn')::int`.as('total'),
            sql<number>`count(*) filter (where applications.state in ('applied', 'enrolled'))::int`.as('fresh'),
          ])
          .where('applications.kind', '=', applicationKind[kind])
          .whereRef('applications.opportunityId', '=', sql.ref(`${kind}.id`))
          .where(sql.ref(`${kind}.employer_id`), '=', own ?? '0')
          .as('counts'),
      (join) => join.onTrue(),
    )
    .select([
      sql<number | null>`case when ${sql.ref(`${kind}.employer_id`)} = ${own ?? '0'} then counts.total end`.as(
        'applicationCount',
      ),
      sql<number | null>`case when ${sql.ref(`${kind}.employer_id`)} = ${own ?? '0'} then counts.fresh end`.as(
        'newApplicationCount',
      ),
    ]);
  if (query.status) rows = rows.where(sql.ref(`${kind}.status`), '=', query.status);
  if (query.employerId) rows = rows.where(sql.ref(`${kind}.employer_id`), '=', query.employerId);
  return paged(rows, (filtered) => filtered.orderBy(sql.ref(`${kind}.id`), 'desc'), query);
}

/** One posting the actor may read, or undefined. */
export async function readablePosting(db: Db, actor: Actor, kind: PostingKind, id: string) {
  return selectPostings(db, kind)
    .where(sql.ref(`${kind}.id`), '=', id)
    .where(await readableCondition(db, actor, kind))
    .executeTakeFirst();
}

/** Inserts a checked posting with its search document; answers its id. */
export function insertPosting(
  db: Db,
  kind: PostingKind,
  values: Record<string, unknown>,
  employerId: string,
  createdBy: string,
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto(kind as 'jobs')
      .values(insertRow(kind as 'jobs', { ...toRowValues(values), employerId, createdBy }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueSearch(trx, kind, [row.id]);
    return row.id;
  });
}

/** Changes a checked posting (its version goes up) with its search document. */
export function updatePosting(db: Db, kind: PostingKind, id: string, values: Record<string, unknown>) {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable(kind as 'jobs')
      .set(updateRow(kind as 'jobs', { ...toRowValues(values), version: sql`version + 1`, updatedAt: new Date() }))
      .where('id', '=', id)
      .execute();
    await enqueueSearch(trx, kind, [id]);
  });
}

/** Deletes a posting and its search document. */
export function deletePosting(db: Db, kind: PostingKind, id: string) {
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom(kind as 'jobs')
      .where('id', '=', id)
      .execute();
    await enqueueSearch(trx, kind, [id], 'delete');
  });
}
