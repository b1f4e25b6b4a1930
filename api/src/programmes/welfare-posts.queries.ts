import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, paged } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import type { WelfareEligibility } from './programmes.tables.ts';

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

export function assignmentsQuery(db: Db) {
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
