import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import type { RetentionOutcome, Transport } from './programmes.tables.ts';
import { retentionMilestones } from './programmes.tables.ts';

/** When the follow-up `months` after departure is due: one expression, used by the API and the worklist. */
export const retentionDueSql = (departure: string, months: string) =>
  sql<string>`(${sql.ref(departure)} + make_interval(months => ${sql.ref(months)}))::date`;

const batchColumns = [
  'b.id',
  'b.siteId',
  'site.name as siteName',
  'b.destinationEmployer',
  'b.destinationEmployerId',
  'b.destinationRegion',
  'b.departureDate',
  'b.transport',
  'b.organiser',
  'b.note',
] as const;

function batchesInScope(db: Db, actor: Actor) {
  return db
    .selectFrom('laborExportBatches as b')
    .innerJoin('regions as site', 'site.id', 'b.siteId')
    .where(regionCovered(actor, 'site.path'));
}

export async function insertBatch(
  db: Db,
  values: {
    countyCode: string;
    siteId: string;
    destinationEmployer: string;
    destinationEmployerId: string | null;
    destinationRegion: string;
    departureDate: string;
    transport: Transport;
    organiser: string;
    note: string | null;
    createdBy: string;
  },
) {
  const row = await db.insertInto('laborExportBatches').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listBatches(db: Db, actor: Actor, filter: { siteId?: string }, request: PageRequest) {
  let query = batchesInScope(db, actor);
  if (filter.siteId) query = query.where('b.siteId', '=', filter.siteId);
  return paged(
    query,
    (filtered) =>
      filtered
        .select([
          ...batchColumns,
          sql<number>`(select count(*)::int from labor_export_members m where m.batch_id = b.id)`.as('memberCount'),
        ])
        .orderBy('b.departureDate', 'desc')
        .orderBy('b.id', 'desc'),
    request,
  );
}

/** A batch the actor's region covers, or the audited 404. */
export async function findBatch(db: Db, actor: Actor, batchId: string) {
  const batch = await batchesInScope(db, actor)
    .select([
      ...batchColumns,
      'b.countyCode',
      sql<number>`(select count(*)::int from labor_export_members m where m.batch_id = b.id)`.as('memberCount'),
    ])
    .where('b.id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw outOfScope('labour export batch');
  return batch;
}

export async function insertMember(
  db: Db,
  values: {
    countyCode: string;
    batchId: string;
    personId: string;
    householdId: string;
    workplace: string | null;
    contractStart: string | null;
    contractEnd: string | null;
    monthlyPayYuan: number | null;
  },
) {
  const row = await db.insertInto('laborExportMembers').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface MemberRow {
  id: string;
  batchId: string;
  personId: string;
  personName: string | null;
  householdId: string;
  workplace: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  monthlyPayYuan: number | null;
  followups: {
    id: string;
    milestoneMonths: number;
    followedUpOn: string;
    outcome: RetentionOutcome;
    reason: string | null;
  }[];
  due: { milestoneMonths: number; dueOn: string; overdue: boolean }[];
}

/** Members of the given batches (or the given member ids), with their follow-ups and what is still due. */
export async function membersOf(
  db: Db,
  today: string,
  filter: { batchIds?: string[]; memberIds?: string[]; personId?: string },
): Promise<MemberRow[]> {
  let query = db
    .selectFrom('laborExportMembers as m')
    .innerJoin('laborExportBatches as b', 'b.id', 'm.batchId')
    .innerJoin('persons', 'persons.id', 'm.personId')
    .select([
      'm.id',
      'm.batchId',
      'm.personId',
      'persons.name as personName',
      'm.householdId',
      'm.workplace',
      'm.contractStart',
      'm.contractEnd',
      'm.monthlyPayYuan',
      'b.departureDate',
    ]);
  if (filter.batchIds) {
    if (filter.batchIds.length === 0) return [];
    query = query.where('m.batchId', 'in', filter.batchIds);
  }
  if (filter.memberIds) {
    if (filter.memberIds.length === 0) return [];
    query = query.where('m.id', 'in', filter.memberIds);
  }
  if (filter.personId) query = query.where('m.personId', '=', filter.personId);
  const members = await query.orderBy('m.id').execute();
  if (members.length === 0) return [];
  const memberIds = members.map((member) => member.id);
  const [followups, due] = await Promise.all([
    db
      .selectFrom('retentionFollowups')
      .select(['id', 'memberId', 'milestoneMonths', 'followedUpOn', 'outcome', 'reason'])
      .where('memberId', 'in', memberIds)
      .orderBy('milestoneMonths')
      .execute(),
    dueFollowups(db, memberIds),
  ]);
  return members.map(({ departureDate: _departure, ...member }) => ({
    ...member,
    followups: followups.filter((row) => row.memberId === member.id).map(({ memberId: _memberId, ...row }) => row),
    due: due
      .filter((row) => row.memberId === member.id)
      .map((row) => ({ milestoneMonths: row.milestoneMonths, dueOn: row.dueOn, overdue: row.dueOn < today })),
  }));
}

/**
 * The follow-ups still owed: each milestone (1, 3, 6 months) not yet recorded, unless the
 * person came home at an earlier one (nothing left to retain).
 */
export function dueFollowupsQuery() {
  return sql`select m.id as member_id, m.household_id, m.person_id, b.destination_employer, ms.months as milestone_months,
      ${retentionDueSql('b.departure_date', 'ms.months')} as due_on
    from labor_export_members m
    join labor_export_batches b on b.id = m.batch_id
    cross join unnest(${sql.val([...retentionMilestones])}::int[]) as ms(months)
    where not exists (select 1 from retention_followups f where f.member_id = m.id and f.milestone_months = ms.months)
      and not exists (select 1 from retention_followups f where f.member_id = m.id
        and f.milestone_months < ms.months and f.outcome = 'came_home')`;
}

async function dueFollowups(db: Db, memberIds: string[]) {
  const { rows } = await sql<{ memberId: string; milestoneMonths: number; dueOn: string }>`
    select member_id::text as "memberId", milestone_months as "milestoneMonths", to_char(due_on, 'YYYY-MM-DD') as "dueOn"
    from (${dueFollowupsQuery()}) due where member_id = any(${memberIds}::bigint[])
    order by member_id, milestone_months`.execute(db);
  return rows;
}

/** A member the actor reaches through the batch's region, for recording a follow-up. */
export async function findMember(db: Db, actor: Actor, memberId: string) {
  const member = await db
    .selectFrom('laborExportMembers as m')
    .innerJoin('laborExportBatches as b', 'b.id', 'm.batchId')
    .innerJoin('regions as site', 'site.id', 'b.siteId')
    .select(['m.id', 'm.countyCode', 'm.batchId', 'b.departureDate'])
    .where('m.id', '=', memberId)
    .where(regionCovered(actor, 'site.path'))
    .executeTakeFirst();
  if (!member) throw outOfScope('labour export member');
  return member;
}

/**
 * 稳岗率: per destination (or destination employer), for each milestone, how many of the
 * members followed up are still at the employer, in other work, home or unreachable.
 */
export async function retentionFigures(db: Db, actor: Actor, by: 'destination' | 'employer') {
  const scoped = db
    .selectFrom('laborExportMembers as m')
    .innerJoin('laborExportBatches as b', 'b.id', 'm.batchId')
    .innerJoin('regions as site', 'site.id', 'b.siteId')
    .where(regionCovered(actor, 'site.path'))
    .select([by === 'destination' ? 'b.destinationRegion as grp' : 'b.destinationEmployer as grp', 'm.id as mid']);
  const { rows } = await sql<{
    group: string;
    members: number;
    months: number;
    followedUp: number;
    stillThere: number;
    changedJob: number;
    cameHome: number;
    unreachable: number;
  }>`
    with scoped as (${scoped})
    select s.grp as "group", count(distinct s.mid)::int as members, ms.months,
      count(f.id)::int as "followedUp",
      (count(*) filter (where f.outcome = 'still_there'))::int as "stillThere",
      (count(*) filter (where f.outcome = 'changed_job'))::int as "changedJob",
      (count(*) filter (where f.outcome = 'came_home'))::int as "cameHome",
      (count(*) filter (where f.outcome = 'unreachable'))::int as unreachable
    from scoped s
    cross join unnest(${sql.val([...retentionMilestones])}::int[]) as ms(months)
    left join retention_followups f on f.member_id = s.mid and f.milestone_months = ms.months
    group by s.grp, ms.months
    order by s.grp, ms.months`.execute(db);
  const groups = new Map<string, { group: string; members: number; milestones: ReturnType<typeof figure>[] }>();
  for (const row of rows) {
    const entry = groups.get(row.group) ?? { group: row.group, members: 0, milestones: [] };
    entry.members = Math.max(entry.members, row.members);
    entry.milestones.push(figure(row));
    groups.set(row.group, entry);
  }
  return [...groups.values()];
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

function figure(row: {
  months: number;
  followedUp: number;
  stillThere: number;
  changedJob: number;
  cameHome: number;
  unreachable: number;
}) {
  return {
    months: row.months,
    followedUp: row.followedUp,
    stillThere: row.stillThere,
    changedJob: row.changedJob,
    cameHome: row.cameHome,
    unreachable: row.unreachable,
    workingShare: share(row.stillThere + row.changedJob, row.followedUp),
    retainedShare: share(row.stillThere, row.followedUp),
  };
}

/** Whether a person is already in a batch. */
export async function isBatchMember(db: Db, batchId: string, personId: string) {
  const taken = await db
    .selectFrom('laborExportMembers')
    .select('id')
    .where('batchId', '=', batchId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return taken !== undefined;
}

/** Whether a member's follow-up at this milestone (1, 3 or 6 months) is already recorded. */
export async function followupRecorded(db: Db, memberId: string, milestoneMonths: number) {
  const existing = await db
    .selectFrom('retentionFollowups')
    .select('id')
    .where('memberId', '=', memberId)
    .where('milestoneMonths', '=', milestoneMonths)
    .executeTakeFirst();
  return existing !== undefined;
}

export function insertFollowup(
  db: Db,
  actor: Actor,
  member: { id: string; countyCode: string },
  input: {
    milestoneMonths: number;
    followedUpOn: string;
    outcome: RetentionOutcome;
    reason?: string | null;
  },
) {
  return db
    .insertInto('retentionFollowups')
    .values({
      countyCode: member.countyCode,
      memberId: member.id,
      milestoneMonths: input.milestoneMonths,
      followedUpOn: input.followedUpOn,
      outcome: input.outcome,
      reason: input.reason ?? null,
      recordedBy: actor.userId,
    })
    .returning(['id', 'milestoneMonths', 'followedUpOn', 'outcome', 'reason'])
    .executeTakeFirstOrThrow();
}

/** The batches sent to an employer. */
export async function batchIdsOfEmployer(db: Db, employerId: string) {
  const batches = await db
    .selectFrom('laborExportBatches')
    .select('id')
    .where('destinationEmployerId', '=', employerId)
    .execute();
  return batches.map((batch) => batch.id);
}

/** Whether a destination employer is registered (programmes may not import opportunities: a folder cycle). */
export async function employerExists(db: Db, id: string) {
  return (await db.selectFrom('employers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
