import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The programme figures of a region's dashboard (and its export), over the sites the actor sees. */
export interface ProgrammeFigures {
  /** People who left with a batch that has departed and who have not been followed up as back home (返乡). */
  labourExportOut: number;
  /** 稳岗: of the migrants followed up at 3 (6) months, the share still in work (仍在岗 or 换工作); null when none yet. */
  retention3: { followedUp: number; stillWorkingShare: number | null };
  retention6: { followedUp: number; stillWorkingShare: number | null };
  /** People holding a 公益性岗位 today. */
  welfarePostHolders: number;
  /** Relocated people employed by the 帮扶车间 of these sites in the report's last month. */
  workshopEmployed: number;
  /** Subsidy entries paid in today's year, and their sum. */
  subsidiesPaidThisYear: { entries: number; amountYuan: number };
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) / 100 : null);

/**
 * One statement per figure group; `sites` is a select of site ids (tracking's `scopedRegionSites`),
 * `month` the report's last month ('YYYY-MM'), `today` China's today (the clock).
 */
export async function programmeFigures(
  db: Db,
  sites: RawBuilder<unknown>,
  month: string,
  today: string,
): Promise<ProgrammeFigures> {
  const { rows } = await sql<{
    out: number;
    f3: number;
    w3: number;
    f6: number;
    w6: number;
    holders: number;
    workshop: number;
    paidEntries: number;
    paidYuan: number;
  }>`
    with members as (
      select m.id, m.person_id from labor_export_members m
      join labor_export_batches b on b.id = m.batch_id
      where b.site_id in (${sites}) and b.departure_date <= ${today}::date
    ), followed as (
      select f.milestone_months, f.outcome from retention_followups f join members m on m.id = f.member_id
    )
    select
      (select count(distinct m.person_id) from members m
        where not exists (select 1 from retention_followups f where f.member_id = m.id and f.outcome = 'came_home'))::int as out,
      (select count(*) from followed where milestone_months = 3)::int as f3,
      (select count(*) from followed where milestone_months = 3 and outcome in ('still_there', 'changed_job'))::int as w3,
      (select count(*) from followed where milestone_months = 6)::int as f6,
      (select count(*) from followed where milestone_months = 6 and outcome in ('still_there', 'changed_job'))::int as w6,
      (select count(distinct a.person_id) from welfare_post_assignments a join welfare_posts p on p.id = a.post_id
        where p.site_id in (${sites}) and a.start_on <= ${today}::date
          and coalesce(a.ended_on, a.end_on) >= ${today}::date)::int as holders,
      (select count(distinct e.person_id) from workshop_employment_months e
        join workshop_recognitions w on w.id = e.workshop_id
        where w.site_id in (${sites}) and e.month = ${month})::int as workshop,
      (select count(*) from subsidy_entries s where s.site_id in (${sites}) and s.state = 'paid'
        and extract(year from s.paid_on) = ${Number(today.slice(0, 4))})::int as "paidEntries",
      (select coalesce(sum(s.amount_yuan), 0) from subsidy_entries s where s.site_id in (${sites}) and s.state = 'paid'
        and extract(year from s.paid_on) = ${Number(today.slice(0, 4))})::float8 as "paidYuan"`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('programme figures: no row');
  return {
    labourExportOut: row.out,
    retention3: { followedUp: row.f3, stillWorkingShare: share(row.w3, row.f3) },
    retention6: { followedUp: row.f6, stillWorkingShare: share(row.w6, row.f6) },
    welfarePostHolders: row.holders,
    workshopEmployed: row.workshop,
    subsidiesPaidThisYear: { entries: row.paidEntries, amountYuan: row.paidYuan },
  };
}
