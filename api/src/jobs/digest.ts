import { chinaToday, clock } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { type NotificationMessage, notificationChannels } from '../opportunities/notify.ts';

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
  const messages: NotificationMessage[] = rows.map((row) => {
    const parts = [
      [Number(row.jobs), '个岗位'],
      [Number(row.trainings), '个培训'],
      [Number(row.projects), '个产业项目'],
    ].filter(([n]) => Number(n) > 0);
    const total = Number(row.jobs) + Number(row.trainings) + Number(row.projects);
    return {
      userId: row.userId,
      kind: 'saved-search-digest',
      title: `订阅提醒：昨天以来有 ${total} 条新信息`,
      body: `符合您订阅的有 ${parts.map(([n, noun]) => `${n} ${noun}`).join('、')}`,
      link: null,
      dedupeKey: `saved-search-digest:${row.userId}:${day}`,
    };
  });
  let delivered = 0;
  for (const channel of notificationChannels) delivered += await channel.deliver(db, messages);
  return { users: rows.length, delivered };
}
