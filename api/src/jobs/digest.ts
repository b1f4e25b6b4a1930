import { chinaToday, clock } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { type NotifyInput, notifyAll } from '../notifications/notify.ts';

/**
 * 订阅提醒日报: each morning, one message per resident summing up yesterday's saved-search
 * matches they have not read yet (each match was already notified as it was indexed). It is the
 * message an SMS channel sends instead of one text per posting; one per user and day.
 */
export async function sendSavedSearchDigests(db: Db, now = clock()): Promise<Record<string, number>> {
  const { rows } = await sql<{ userId: string; jobs: string; trainings: string; projects: string }>`
    select user_id,
      count(*) filter (where link like '/jobs/%') as jobs,
      count(*) filter (where link like '/trainings/%') as trainings,
      count(*) filter (where link like '/projects/%') as projects
    from notifications
    where kind = 'saved-search-match' and read_at is null
      and created_at > ${now}::timestamptz - interval '24 hours' and created_at <= ${now}::timestamptz
    group by user_id`.execute(db);
  const day = chinaToday(now);
  const messages: NotifyInput[] = rows.map((row) => ({
    userId: row.userId,
    template: 'saved-search-digest',
    params: {
      total: Number(row.jobs) + Number(row.trainings) + Number(row.projects),
      jobs: Number(row.jobs),
      trainings: Number(row.trainings),
      projects: Number(row.projects),
    },
    link: '/notifications',
    dedupeKey: `saved-search-digest:${row.userId}:${day}`,
  }));
  return { users: rows.length, delivered: await notifyAll(db, messages) };
}
