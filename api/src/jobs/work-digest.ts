import { chinaToday, clock } from '@anju/domain/clock';
import { stepsTakenBy } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { notifyAll } from '../notifications/notify.ts';
import { summaryDueOnSql } from '../tracking/visit-due.ts';

/**
 * 工作提醒: each morning, one message per responsible worker with visits overdue or due within
 * 7 days, alerts still open on their households, and the workflow steps a worker takes (入户核实,
 * 民主评议, 公示, 发放 …) open on their households, overdue or due within 3 days; nothing for a
 * worker with nothing due. One per worker and day (dedupe key).
 */
export async function sendWorkDigests(db: Db, now = clock()): Promise<Record<string, number>> {
  const today = chinaToday(now);
  const workerSteps = stepsTakenBy('worker', null);
  const { rows } = await sql<{
    userId: string;
    overdue: string;
    due: string;
    alerts: string;
    stepsOverdue: string;
    stepsDue: string;
  }>`
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
    ), steps as (
      select h.responsible_worker_id as user_id,
        count(*) filter (where s.due_on < ${today}::date) as steps_overdue,
        count(*) filter (where s.due_on between ${today}::date and ${today}::date + 3) as steps_due
      from workflow_steps s
      join workflows w on w.id = s.workflow_id and w.state = 'open'
      join households h on h.id = s.household_id
      where s.completed_on is null and h.responsible_worker_id is not null
        and (w.kind || ':' || s.step_key) = any(${workerSteps}::text[])
      group by 1
    )
    select u.id as user_id, coalesce(v.overdue, 0) as overdue, coalesce(v.due, 0) as due,
      coalesce(a.alerts, 0) as alerts, coalesce(st.steps_overdue, 0) as steps_overdue,
      coalesce(st.steps_due, 0) as steps_due
    from users u
    left join visits v on v.user_id = u.id
    left join open_alerts a on a.user_id = u.id
    left join steps st on st.user_id = u.id
    where u.role = 'worker' and u.status = 'active'
      and (coalesce(v.overdue, 0) + coalesce(v.due, 0) + coalesce(a.alerts, 0)
        + coalesce(st.steps_overdue, 0) + coalesce(st.steps_due, 0)) > 0`.execute(db);
  const delivered = await notifyAll(
    db,
    rows.map((row) => ({
      userId: row.userId,
      template: 'work-digest' as const,
      params: {
        overdueVisits: Number(row.overdue),
        dueVisits: Number(row.due),
        openAlerts: Number(row.alerts),
        overdueSteps: Number(row.stepsOverdue),
        dueSteps: Number(row.stepsDue),
      },
      link: '/tracking/worklist',
      dedupeKey: `work-digest:${row.userId}:${today}`,
    })),
  );
  return { workers: rows.length, delivered };
}
