import { stepsTakenBy, workflowKinds, workflowSteps } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';

const stepNames = sql.join(
  workflowKinds.flatMap((kind) =>
    workflowSteps[kind].map((step) => sql`(${kind}, ${step.key}, ${step.nameZh}, ${step.nameEn})`),
  ),
);
const kindNames: Record<string, [string, string]> = {
  monitoring_identification: ['监测识别纳入', 'Monitoring identification'],
  risk_elimination: ['风险消除', 'Risk elimination'],
  dibao_application: ['低保申请', 'Dibao application'],
  dibao_review: ['低保复核', 'Dibao review'],
};
/** A workflow kind's name in one language, as SQL over `ws_w.kind` (fixed words, no input). */
const kindNameSql = (lang: 0 | 1) =>
  sql.raw(
    `case ws_w.kind ${Object.entries(kindNames)
      .map(([kind, names]) => `when '${kind}' then '${names[lang]}'`)
      .join(' ')} end`,
  );

/**
 * The worklist's `workflow_step` items (a union branch of `worklist.ts`, over its `hh` of households
 * in scope): open steps past their legal deadline that this actor completes (by role, and for an
 * official by the level of their region), and for a county official also the escalated ones (督办).
 */
export function overdueWorkflowSteps(actor: Actor, today: string) {
  const level = sql`(select me_r.level from users me join regions me_r on me_r.id = me.region_id where me.id = ${actor.userId})`;
  const pairs = (officialLevel: string | null) => stepsTakenBy(actor.role, officialLevel);
  const mine =
    actor.role === 'official'
      ? sql`(ws_w.kind || ':' || ws.step_key) = any(case ${level} when 'township' then ${pairs('township')}::text[]
          when 'county' then ${pairs('county')}::text[] else ${pairs(null)}::text[] end)
          or (ws_e.id is not null and ${level} = 'county')`
      : sql`(ws_w.kind || ':' || ws.step_key) = any(${pairs(null)}::text[])`;
  return sql`select 'workflow_step', null, ws.workflow_id::text, ws.household_id, 'workflow_step', 'open', ws.due_on,
      ${kindNameSql(0)} || '：' || names.zh || ' 逾期（期限 ' || to_char(ws.due_on, 'YYYY-MM-DD') || '）',
      ${kindNameSql(1)} || ': ' || names.en || ' overdue (due ' || to_char(ws.due_on, 'YYYY-MM-DD') || ')',
      ws_e.id is not null, null::date, null::text
    from workflow_steps ws join hh on hh.id = ws.household_id
    join workflows ws_w on ws_w.id = ws.workflow_id and ws_w.state = 'open'
    join (values ${stepNames}) as names(kind, key, zh, en) on names.kind = ws_w.kind and names.key = ws.step_key
    left join workflow_escalations ws_e on ws_e.step_id = ws.id
    where ws.completed_on is null and ws.due_on < ${today}::date and (${mine})`;
}
