import { addDays } from '@anju/domain/dates';
import { type RawBuilder, sql } from 'kysely';
import { dueFollowupsQuery } from './labour-export.queries.ts';

/** The worklist kinds the programmes add: a 稳岗 follow-up due, a 公益性岗位 term about to end. */
export const programmeWorklistKinds = ['retention_followup', 'welfare_term_end'] as const;
export type ProgrammeWorklistKind = (typeof programmeWorklistKinds)[number];

/** Ties on the due date: a follow-up call is as pressing as a missed visit, a rotation less so. */
export const programmeWorklistSeverity: Record<ProgrammeWorklistKind, number> = {
  retention_followup: 2,
  welfare_term_end: 3,
};

/** How far ahead programme work shows up: follow-ups a week before they are due, term ends 30 days before. */
export const RETENTION_LEAD_DAYS = 7;
export const TERM_END_LEAD_DAYS = 30;

/**
 * Rows for the worklist's `items` union (same columns, same order, `hh` = the households in
 * scope): each 稳岗 follow-up due within a week or overdue, each post term ending within 30 days.
 * `ref_id` names the labour-export member or the post assignment to act on.
 */
export function programmeWorklistRows(today: string): RawBuilder<unknown> {
  return sql`
      select 'retention_followup' as source, null::text, null::text, d.household_id, 'retention_followup', 'open', d.due_on,
        '劳务输出（' || d.destination_employer || '）第' || d.milestone_months || '个月稳岗回访到期',
        'Labour export (' || d.destination_employer || '): the ' || d.milestone_months || '-month retention follow-up is due',
        false, null::date, d.member_id::text
      from (${dueFollowupsQuery()}) d join hh on hh.id = d.household_id
      where d.due_on <= ${addDays(today, RETENTION_LEAD_DAYS)}::date
      union all
      select 'welfare_term_end', null::text, null::text, a.household_id, 'welfare_term_end', 'open', a.end_on,
        '公益性岗位「' || p.title || '」任期' || to_char(a.end_on, 'YYYY-MM-DD') || '届满，请安排轮换',
        'Public-welfare post "' || p.title || '": the term ends ' || to_char(a.end_on, 'YYYY-MM-DD') || '; plan the rotation',
        false, null::date, a.id::text
      from welfare_post_assignments a join welfare_posts p on p.id = a.post_id join hh on hh.id = a.household_id
      where a.ended_on is null and a.end_on >= ${today}::date and a.end_on <= ${addDays(today, TERM_END_LEAD_DAYS)}::date`;
}
