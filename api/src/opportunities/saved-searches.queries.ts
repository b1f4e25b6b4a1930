import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';

/** A user's role and the path of their region, to check a worker may act for a resident. */
export function userRoleAndRegion(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.regionId')
    .select(['users.role', 'regions.path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export function insertSavedSearch(
  db: Db,
  actor: Actor,
  userId: string,
  values: { index: 'jobs' | 'trainings' | 'projects'; name: string; params: Record<string, unknown> },
) {
  return db
    .insertInto('savedSearches')
    .values({
      userId,
      createdBy: actor.userId,
      indexName: values.index,
      name: values.name,
      params: JSON.stringify(values.params),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function savedSearchesOf(db: Db, userId: string) {
  return db.selectFrom('savedSearches').selectAll().where('userId', '=', userId).orderBy('id').execute();
}

export function savedSearchById(db: Db, id: string) {
  return db.selectFrom('savedSearches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSavedSearch(db: Db, id: string) {
  await db.deleteFrom('savedSearches').where('id', '=', id).execute();
}
