import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import type { WelfareEligibility } from './programmes.tables.ts';
import type { monthBody, postBody } from './welfare-posts.schema.ts';

/** The policy number: how many 公益性岗位 one household may hold at a time (default 1). */
export async function householdPostLimit(db: Db): Promise<number> {
  const row = await db
    .selectFrom('programmeSettings')
    .select('value')
    .where('key', '=', 'household_post_limit')
    .executeTakeFirst();
  return row?.value ?? 1;
}

export async function setHouseholdPostLimit(db: Db, value: number) {
  await db
    .insertInto('programmeSettings')
    .values({ key: 'household_post_limit', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: new Date() }))
    .execute();
}

const filledSql = (today: string) =>
  sql<number>`(select count(*)::int from welfare_post_assignments a where a.post_id = p.id
    and a.start_on <= ${today}::date and a.end_on >= ${today}::date
    and (a.ended_on is null or a.ended_on >= ${today}::date))`;

function postsInScope(db: Db, actor: Actor, today: string) {
  return db
    .selectFrom('welfarePosts as p')
    .innerJoin('regions as site', 'site.id', 'p.siteId')
    .where(regionCovered(actor, 'site.path'))
    .select([
      'p.id',
      'p.siteId',
      'site.name as siteName',
      'p.title',
      'p.duties',
      'p.quota',
      'p.monthlyPayYuan',
      'p.eligibility',
      'p.countyCode',
      filledSql(today).as('filled'),
    ]);
}

export async function listPosts(
  db: Db,
  actor: Actor,
  today: string,
  filter: { siteId?: string },
  request: PageRequest,
) {
  let query = postsInScope(db, actor, today);
  if (filter.siteId) query = query.where('p.siteId', '=', filter.siteId);
  const page = await paged(query, (filtered) => filtered.orderBy('p.id', 'desc'), request);
  return mapPage(page, ({ countyCode: _c, ...item }) => item);
}

/** A post the actor's region covers, or the audited 404. */
export async function findPost(db: Db, actor: Actor, today: string, postId: string) {
  const post = await postsInScope(db, actor, today).where('p.id', '=', postId).executeTakeFirst();
  if (!post) throw outOfScope('public-welfare post');
  return post;
}

function assignmentsQuery(db: Db) {
  return db
    .selectFrom('welfarePostAssignments as a')
    .innerJoin('welfarePosts as p', 'p.id', 'a.postId')
    .innerJoin('persons', 'persons.id', 'a.personId')
    .select([
      'a.id',
      'a.postId',
      'p.title as postTitle',
      'a.personId',
      'persons.name as personName',
      'a.householdId',
      'a.startOn',
      'a.endOn',
      'a.endedOn',
    ]);
}

/** One assignment in its API shape. */
export function assignmentById(db: Db, id: string) {
  return assignmentsQuery(db).where('a.id', '=', id).executeTakeFirstOrThrow();
}

/** A resident's own assignments, the latest first. */
export function assignmentsOfPerson(db: Db, personId: string) {
  return assignmentsQuery(db).where('a.personId', '=', personId).orderBy('a.startOn', 'desc').execute();
}

/** A post's assignments, the latest term first. */
export function assignmentsOfPost(db: Db, postId: string) {
  return assignmentsQuery(db)
    .where('a.postId', '=', postId)
    .orderBy('a.endOn', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/** An assignment whose post the actor's region covers, or the audited 404. */
export async function findAssignment(db: Db, actor: Actor, assignmentId: string) {
  const row = await db
    .selectFrom('welfarePostAssignments as a')
    .innerJoin('welfarePosts as p', 'p.id', 'a.postId')
    .innerJoin('regions as site', 'site.id', 'p.siteId')
    .select(['a.id', 'a.countyCode', 'a.postId', 'a.personId', 'a.startOn', 'a.endOn', 'a.endedOn'])
    .where('a.id', '=', assignmentId)
    .where(regionCovered(actor, 'site.path'))
    .executeTakeFirst();
  if (!row) throw outOfScope('public-welfare post assignment');
  return row;
}

/** Assignments overlapping a term (not ended before it starts), of a post or of a household. */
export async function overlapping(
  db: Db,
  where: { postId?: string; householdId?: string },
  term: { startOn: string; endOn: string },
) {
  let query = db
    .selectFrom('welfarePostAssignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('startOn', '<=', term.endOn)
    .where('endOn', '>=', term.startOn)
    .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', term.startOn)]));
  if (where.postId) query = query.where('postId', '=', where.postId);
  if (where.householdId) query = query.where('householdId', '=', where.householdId);
  return (await query.executeTakeFirstOrThrow()).n;
}

export type PostRow = Awaited<ReturnType<typeof findPost>> & { eligibility: WelfareEligibility };

export async function insertPost(
  db: Db,
  actor: Actor,
  site: { id: string; countyCode: string },
  input: z.infer<typeof postBody>,
) {
  const row = await db
    .insertInto('welfarePosts')
    .values({
      countyCode: site.countyCode,
      siteId: site.id,
      title: input.title,
      duties: input.duties ?? null,
      quota: input.quota,
      monthlyPayYuan: input.monthlyPayYuan,
      eligibility: JSON.stringify(input.eligibility),
      createdBy: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends an assignment early (轮换 without a next holder). */
export async function endAssignment(db: Db, id: string, endedOn: string) {
  await db.updateTable('welfarePostAssignments').set({ endedOn }).where('id', '=', id).execute();
}

/** An assignment's months of attendance and pay, in order. */
export function assignmentMonths(db: Db, assignmentId: string) {
  return db
    .selectFrom('welfarePostMonths')
    .select(['id', 'month', 'attendanceDays', 'payYuan'])
    .where('assignmentId', '=', assignmentId)
    .orderBy('month')
    .execute();
}

/** Records (or corrects) one month's attendance days and pay of an assignment. */
export function recordAssignmentMonth(
  db: Db,
  actor: Actor,
  assignment: { id: string; countyCode: string; personId: string },
  input: z.infer<typeof monthBody>,
) {
  return db
    .insertInto('welfarePostMonths')
    .values({
      countyCode: assignment.countyCode,
      assignmentId: assignment.id,
      personId: assignment.personId,
      month: input.month,
      attendanceDays: input.attendanceDays,
      payYuan: input.payYuan,
      recordedBy: actor.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['assignmentId', 'month'])
        .doUpdateSet({ attendanceDays: input.attendanceDays, payYuan: input.payYuan, recordedBy: actor.userId }),
    )
    .returning(['id', 'month', 'attendanceDays', 'payYuan'])
    .executeTakeFirstOrThrow();
}
