import { addDays } from '@anju/domain/dates';
import { ESCALATE_AFTER_DAYS } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The nightly pass (督办): an open step overdue by more than `ESCALATE_AFTER_DAYS` is raised to the
 * county officials' worklist, once (one `workflow_escalations` row per step).
 */
export async function escalateOverdueSteps(db: Db, today: string): Promise<{ escalated: number }> {
  const { rows } = await sql<{ id: string }>`
    insert into workflow_escalations (county_code, household_id, workflow_id, step_id, escalated_on, days_overdue)
    select s.county_code, s.household_id, s.workflow_id, s.id, ${today}::date, ${today}::date - s.due_on
    from workflow_steps s join workflows w on w.id = s.workflow_id
    where w.state = 'open' and s.completed_on is null and s.due_on < ${addDays(today, -ESCALATE_AFTER_DAYS)}::date
    on conflict (step_id) do nothing
    returning id`.execute(db);
  return { escalated: rows.length };
}
