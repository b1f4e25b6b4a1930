import { type Kysely, sql } from 'kysely';

/**
 * Matching retrieval reads open postings inside a bounding box around a person's site
 * (lat between … and lng between …): partial indexes on the open ones keep that fast over 100k jobs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['jobs', 'trainings', 'projects']) {
    await db.schema
      .createIndex(`${table}_open_place_idx`)
      .on(table)
      .columns(['lat', 'lng'])
      .where(sql.ref('status'), '=', 'open')
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['jobs', 'trainings', 'projects']) await db.schema.dropIndex(`${table}_open_place_idx`).execute();
}
