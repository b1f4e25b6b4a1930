import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { retentionMilestones, type SubsidyState } from './programmes.tables.ts';

/** The 1/3/6-month 稳岗 rates of one destination (region or employer). */
export interface RetentionRow {
  name: string;
  milestones: { months: number; followedUp: number; stillWorkingShare: number | null }[];
}

/** The dashboard's per-programme lists beside the totals of `report-figures.ts`. */
export interface ProgrammeBreakdown {
  retentionByDestination: RetentionRow[];
  retentionByEmployer: RetentionRow[];
  /** 公益性岗位 by post: places (quota) and people holding one today. */
  welfarePosts: { totals: { posts: number; quota: number; filled: number }; rows: WelfarePostRow[] };
  /** 帮扶车间: relocated people employed in the report's last month and what they were paid. */
  workshops: { name: string; siteName: string; status: string; relocatedEmployed: number; payYuan: number }[];
  /** Subsidy entries by year (of their period) and state, with their sums. */
  subsidiesByYear: { year: string; state: SubsidyState; entries: number; amountYuan: number }[];
}

interface WelfarePostRow {
  title: string;
  siteName: string;
  quota: number;
  filled: number;
}

/** A dashboard lists the largest of each; the export and the programme pages hold the rest. */
export const BREAKDOWN_ROWS = 20;

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) / 100 : null);

async function retentionBy(
  db: Db,
  sites: RawBuilder<unknown>,
  today: string,
  column: 'destination_region' | 'destination_employer',
): Promise<RetentionRow[]> {
  const { rows } = await sql<{ name: string; months: number; followed: number; working: number }>`
    with top as (
      select b.${sql.ref(column)} as name, count(*) as members from labor_export_members m
      join labor_export_batches b on b.id = m.batch_id
      where b.site_id in (${sites}) and b.departure_date <= ${today}::date
      group by 1 order by 2 desc, 1 limit ${BREAKDOWN_ROWS}
    )
    select top.name, f.milestone_months as months, count(*)::int as followed,
      (count(*) filter (where f.outcome in ('still_there', 'changed_job')))::int as working
    from top
    join labor_export_batches b on b.${sql.ref(column)} = top.name
      and b.site_id in (${sites}) and b.departure_date <= ${today}::date
    join labor_export_members m on m.batch_id = b.id
    join retention_followups f on f.member_id = m.id
    group by top.name, top.members, f.milestone_months
    order by top.members desc, top.name, f.milestone_months`.execute(db);
  const byName = new Map<string, RetentionRow>();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? {
      name: row.name,
      milestones: retentionMilestones.map((months) => ({ months, followedUp: 0, stillWorkingShare: null })),
    };
    const milestone = entry.milestones.find((m) => m.months === row.months);
    if (milestone) {
      milestone.followedUp = row.followed;
      milestone.stillWorkingShare = share(row.working, row.followed);
    }
    byName.set(row.name, entry);
  }
  return [...byName.values()];
}

async function welfarePosts(db: Db, sites: RawBuilder<unknown>, today: string) {
  const { rows } = await sql<WelfarePostRow & { posts: number }>`
    select p.title, site.name as "siteName", p.quota,
      (select count(*) from welfare_post_assignments a where a.post_id = p.id and a.start_on <= ${today}::date
        and coalesce(a.ended_on, a.end_on) >= ${today}::date)::int as filled
    from welfare_posts p join regions site on site.id = p.site_id
    where p.site_id in (${sites})`.execute(db);
  const totals = {
    posts: rows.length,
    quota: rows.reduce((sum, row) => sum + row.quota, 0),
    filled: rows.reduce((sum, row) => sum + row.filled, 0),
  };
  const largest = rows
    .sort((a, b) => b.quota - a.quota || b.filled - a.filled || a.title.localeCompare(b.title))
    .slice(0, BREAKDOWN_ROWS)
    .map(({ title, siteName, quota, filled }) => ({ title, siteName, quota, filled }));
  return { totals, rows: largest };
}

/**
 * The programme lists of a region's dashboard over the sites the actor sees (`sites` as in
 * `programmeFigures`): 稳岗 by destination and employer, posts filled/quota, workshops, subsidies.
 */
export async function programmeBreakdown(
  db: Db,
  sites: RawBuilder<unknown>,
  month: string,
  today: string,
): Promise<ProgrammeBreakdown> {
  const [byDestination, byEmployer, posts, workshops, subsidies] = await Promise.all([
    retentionBy(db, sites, today, 'destination_region'),
    retentionBy(db, sites, today, 'destination_employer'),
    welfarePosts(db, sites, today),
    sql<ProgrammeBreakdown['workshops'][number]>`
      select e.name, site.name as "siteName", w.status,
        count(distinct m.person_id)::int as "relocatedEmployed", coalesce(sum(m.pay_yuan), 0)::float8 as "payYuan"
      from workshop_recognitions w
      join employers e on e.id = w.employer_id
      join regions site on site.id = w.site_id
      left join workshop_employment_months m on m.workshop_id = w.id and m.month = ${month}
      where w.site_id in (${sites}) and w.status <> 'revoked'
      group by w.id, e.name, site.name, w.status
      order by 4 desc, e.name
      limit ${BREAKDOWN_ROWS}`.execute(db),
    sql<ProgrammeBreakdown['subsidiesByYear'][number]>`
      select left(s.period, 4) as year, s.state, count(*)::int as entries, sum(s.amount_yuan)::float8 as "amountYuan"
      from subsidy_entries s where s.site_id in (${sites})
      group by 1, 2 order by 1 desc, array_position(array['qualified', 'applied', 'approved', 'paid'], s.state::text)
      limit ${BREAKDOWN_ROWS * 4}`.execute(db),
  ]);
  return {
    retentionByDestination: byDestination,
    retentionByEmployer: byEmployer,
    welfarePosts: posts,
    workshops: workshops.rows,
    subsidiesByYear: subsidies.rows,
  };
}
