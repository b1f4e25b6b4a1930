import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { outOfScope } from '../http/problem.ts';

/** The employer an employer account manages (its workshop's employer), if any. */
export async function employerOf(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== 'employer') return null;
  const row = await db.selectFrom('users').select('employerId').where('id', '=', actor.userId).executeTakeFirst();
  return row?.employerId ?? null;
}

/**
 * Workshops an actor sees: staff by the site's region (the one policy), an employer account only
 * the workshop of its own employer; nobody else any.
 */
export function workshopsVisible(db: Db, actor: Actor, ownEmployerId: string | null) {
  const query = db
    .selectFrom('workshopRecognitions as w')
    .innerJoin('regions as site', 'site.id', 'w.siteId')
    .innerJoin('employers as e', 'e.id', 'w.employerId');
  if (actor.role === 'employer') return query.where('w.employerId', '=', ownEmployerId ?? '0');
  if (actor.role === 'resident' || actor.role === 'helper') return query.where(sql<boolean>`false`);
  return query.where(regionCovered(actor, 'site.path'));
}

const latestSql = sql<string | null>`(select max(month) from workshop_employment_months m where m.workshop_id = w.id)`;
const relocatedSql = sql<number>`(select count(distinct person_id)::int from workshop_employment_months m
  where m.workshop_id = w.id and m.month = (select max(month) from workshop_employment_months m2 where m2.workshop_id = w.id))`;

export function workshopRows(db: Db, actor: Actor, ownEmployerId: string | null) {
  return workshopsVisible(db, actor, ownEmployerId).select([
    'w.id',
    'w.employerId',
    'e.name as employerName',
    'w.siteId',
    'site.name as siteName',
    'w.minRelocatedEmployed',
    'w.minRelocatedShare',
    'w.totalEmployed',
    'w.status',
    'w.decidedOn',
    'w.note',
    'w.countyCode',
    latestSql.as('latestMonth'),
    relocatedSql.as('relocatedEmployed'),
  ]);
}

type WorkshopRow = Awaited<ReturnType<ReturnType<typeof workshopRows>['executeTakeFirstOrThrow']>>;

/** The criteria (认定条件) checked against the latest month: at least N relocated people and the share. */
export function present({ countyCode: _county, ...row }: WorkshopRow) {
  const relocatedShare =
    row.totalEmployed > 0 ? Math.round((row.relocatedEmployed / row.totalEmployed) * 1000) / 1000 : null;
  return {
    ...row,
    relocatedShare,
    meetsCriteria: row.relocatedEmployed >= row.minRelocatedEmployed && (relocatedShare ?? 0) >= row.minRelocatedShare,
  };
}

export async function findWorkshop(db: Db, actor: Actor, ownEmployerId: string | null, workshopId: string) {
  const row = await workshopRows(db, actor, ownEmployerId).where('w.id', '=', workshopId).executeTakeFirst();
  if (!row) throw outOfScope('workshop');
  return row;
}
