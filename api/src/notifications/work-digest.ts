import { chinaToday, clock } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { summaryDueOnSql } from '../tracking/visit-due.ts';
import { notifyAll } from './notify.ts';

/**
 * 工作提醒: each morning, one message per responsible worker with visits overdue or due within
 * 7 days and alerts still open on their households; nothing for a worker with nothing due.
 * One per worker and day (dedupe key).
 */
export async function sendWorkDigests(db: Db, now = clock()): Promise<Record<string, number>> {
  const today = chinaToday(now);
  const { rows } = await sql<{ userId: string; overdue: string; due: string; alerts: string }>`
    with visits as (
      select hs.responsible_worker_id as user_id,
        count(*) filter (where ${summaryDueOnSql} < ${today}::date) as overdue,
        count(*) filter (where ${summaryDueOnSql} between ${today}::date and ${today}::date + 7) as due
      from household_summary hs
      left join visit_schedules vs on vs.monitoring_category = hs.monitoring_category
      where hs.responsible_worker_id is not null
      group by 1
    ), open_alerts as (
      select responsible_worker_id as user_id, count(*) as alerts
      from alerts where responsible_worker_id is not null and closed_at is null
      group by 1
    )
    select u.id as user_id, coalesce(v.overdue, 0) as overdue, coalesce(v.due, 0) as due,
      coalesce(a.alerts, 0) as alerts
    from users u
    left join visits v on v.user_id = u.id
    left join open_alerts a on a.user_id = u.id
    where u.role = 'worker' and u.status = 'active'
      and (coalesce(v.overdue, 0) + coalesce(v.due, 0) + coalesce(a.alerts, 0)) > 0`.execute(db);
  const delivered = await notifyAll(
    db,
    rows.map((row) => ({
      userId: row.userId,
      template: 'work-digest' as const,
      params: { overdueVisits: Number(row.overdue), dueVisits: Number(row.due), openAlerts: Number(row.alerts) },
      link: '/tracking/worklist',
      dedupeKey: `work-digest:${row.userId}:${today}`,
    })),
  );
  return { workers: rows.length, delivered };
}
