import { addDays } from '@anju/domain/dates';
import { ESCALATE_AFTER_DAYS, stepOf, type WorkflowKind } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { notifyOfficials } from '../notifications/notify.ts';

/**
 * The nightly pass (督办): an open step overdue by more than `ESCALATE_AFTER_DAYS` is raised to the
 * county officials' worklist, once (one `workflow_escalations` row per step), and the officials of
 * the county (and the city above it) are told (消息: inbox and SMS), in the same transaction.
 */
export async function escalateOverdueSteps(db: Db, today: string): Promise<{ escalated: number }> {
  const run = (work: (trx: Db) => Promise<{ escalated: number }>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return run(async (trx) => {
    const { rows } = await sql<{
      stepId: string;
      stepKey: string;
      kind: WorkflowKind;
      daysOverdue: number;
      householdNumber: string;
      countyPath: string;
    }>`
      with raised as (
        insert into workflow_escalations (county_code, household_id, workflow_id, step_id, escalated_on, days_overdue)
        select s.county_code, s.household_id, s.workflow_id, s.id, ${today}::date, ${today}::date - s.due_on
        from workflow_steps s join workflows w on w.id = s.workflow_id
        where w.state = 'open' and s.completed_on is null and s.due_on < ${addDays(today, -ESCALATE_AFTER_DAYS)}::date
        on conflict (step_id) do nothing
        returning step_id, workflow_id, household_id, county_code, days_overdue)
      select raised.step_id::text as step_id, s.step_key, w.kind, raised.days_overdue,
        h.household_number, county.path as county_path
      from raised join workflow_steps s on s.id = raised.step_id join workflows w on w.id = raised.workflow_id
      join households h on h.id = raised.household_id
      join regions county on county.code = raised.county_code`.execute(trx);
    for (const row of rows) {
      const step = stepOf(row.kind, row.stepKey);
      await notifyOfficials(trx, {
        regionPath: row.countyPath,
        subject: '流程步骤逾期',
        detail: `户号 ${row.householdNumber} 的“${step?.nameZh ?? row.stepKey}”已逾期 ${row.daysOverdue} 天，请督办`,
        en: {
          subject: 'Workflow step overdue',
          detail: `Household ${row.householdNumber}: “${step?.nameEn ?? row.stepKey}” is ${row.daysOverdue} days overdue`,
        },
        link: '/workflows',
        dedupeKey: `workflow-escalation:${row.stepId}`,
      });
    }
    return { escalated: rows.length };
  });
}
