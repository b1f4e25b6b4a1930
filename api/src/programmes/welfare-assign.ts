import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import type { WelfareEligibility } from './programmes.tables.ts';
import { type EligibilityFacts, eligibilityRefusal } from './welfare-eligibility.ts';
import { householdPostLimit, overlapping } from './welfare-posts.queries.ts';

/** The field code the portal words an eligibility refusal by (the English reason is for API users). */
const ineligibleCode = {
  laborCapacity: 'ineligible-labor-capacity',
  monitoredHousehold: 'ineligible-monitored-only',
  age: 'ineligible-age',
} as const;

interface Post {
  id: string;
  quota: number;
  eligibility: WelfareEligibility;
}
type Person = EligibilityFacts & { id: string; householdId: string; countyCode: string };

/**
 * Assigns `person` to `post` for a term inside the caller's transaction `trx`: refused when not
 * eligible (409 welfare-ineligible naming the rule), when the household already holds the posts
 * policy allows (409 household-post-limit) or when the quota is full (409 post-quota-full).
 * Used by a plain assignment and by a rotation (轮换), which ends the current term first.
 */
export async function assignWelfarePost(
  trx: Db,
  actor: Actor,
  post: Post,
  person: Person,
  term: { startOn: string; endOn: string },
): Promise<string> {
  const refusal = eligibilityRefusal(post.eligibility, person, term.startOn);
  if (refusal)
    throw new AppError('conflict', refusal.reasonEn, {
      code: 'welfare-ineligible',
      ...refusal,
      errors: [{ path: 'json.personId', message: refusal.reasonEn, code: ineligibleCode[refusal.rule] }],
    });
  // One assignment at a time per household and per post: the counts below cannot race.
  await sql`select id from households where id = ${person.householdId} for update`.execute(trx);
  await sql`select id from welfare_posts where id = ${post.id} for update`.execute(trx);
  const limit = await householdPostLimit(trx);
  if ((await overlapping(trx, { householdId: person.householdId }, term)) >= limit)
    throw new AppError('conflict', `The household already holds ${limit} public-welfare post(s)`, {
      code: 'household-post-limit',
      limit,
      errors: [
        {
          path: 'json.personId',
          message: `the household already holds ${limit} post(s)`,
          code: 'household-post-limit',
          params: { limit },
        },
      ],
    });
  if ((await overlapping(trx, { postId: post.id }, term)) >= post.quota)
    throw new AppError('conflict', 'The post has no place left for this term', {
      code: 'post-quota-full',
      errors: [
        {
          path: 'json.startOn',
          message: `the quota (${post.quota}) is full`,
          code: 'post-quota-full',
          params: { quota: post.quota },
        },
      ],
    });
  const row = await trx
    .insertInto('welfarePostAssignments')
    .values({
      countyCode: person.countyCode,
      postId: post.id,
      personId: person.id,
      householdId: person.householdId,
      startOn: term.startOn,
      endOn: term.endOn,
      endedOn: null,
      createdBy: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A plain assignment, in its own transaction. */
export function assignWelfarePostAlone(
  db: Db,
  actor: Actor,
  post: Post,
  person: Person,
  term: { startOn: string; endOn: string },
): Promise<string> {
  return db.transaction().execute((trx) => assignWelfarePost(trx, actor, post, person, term));
}

/**
 * 轮换 in one transaction: ends the current assignment on `endedOn` (409 ended when another
 * request ended it first) and assigns the next person for `term`.
 */
export function rotateWelfarePost(
  db: Db,
  actor: Actor,
  current: { id: string; endedOn: string },
  post: Post,
  person: Person,
  term: { startOn: string; endOn: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('welfarePostAssignments')
      .set({ endedOn: current.endedOn })
      .where('id', '=', current.id)
      .where('endedOn', 'is', null)
      .executeTakeFirst();
    if (ended.numUpdatedRows === 0n)
      throw new AppError('conflict', 'The assignment has already ended', { code: 'ended' });
    return assignWelfarePost(trx, actor, post, person, term);
  });
}
