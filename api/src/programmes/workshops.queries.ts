import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import type { decisionBody, employmentBody, workshopBody } from './workshops.schema.ts';

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

/** The workshops the actor sees, newest first, at most 500. */
export function workshopList(db: Db, actor: Actor, ownEmployerId: string | null) {
  return workshopRows(db, actor, ownEmployerId).orderBy('w.id', 'desc').limit(500).execute();
}

/** Records an employer's workshop on a site in scope (one per employer, else 409 workshop-exists), audited; answers its id. */
export async function createWorkshop(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  site: { id: string; countyCode: string },
  input: z.infer<typeof workshopBody>,
) {
  const employer = await db.selectFrom('employers').select('id').where('id', '=', input.employerId).executeTakeFirst();
  if (!employer) throw new AppError('not-found', 'No such employer');
  const taken = await db
    .selectFrom('workshopRecognitions')
    .select('id')
    .where('employerId', '=', employer.id)
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', 'This employer already has a workshop record', {
      code: 'workshop-exists',
      workshopId: taken.id,
    });
  const row = await db
    .insertInto('workshopRecognitions')
    .values({
      countyCode: site.countyCode,
      employerId: employer.id,
      siteId: site.id,
      minRelocatedEmployed: input.minRelocatedEmployed,
      minRelocatedShare: input.minRelocatedShare,
      totalEmployed: input.totalEmployed,
      decidedBy: null,
      decidedOn: null,
      note: input.note ?? null,
      createdBy: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(db, c, { action: 'create', resourceType: 'workshop', resourceId: row.id });
  return row.id;
}

/** Records the recognition decision (认定 or 撤销) on a workshop, audited. */
export async function decideWorkshop(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  workshopId: string,
  input: z.infer<typeof decisionBody>,
) {
  await db
    .updateTable('workshopRecognitions')
    .set({
      status: input.status,
      decidedOn: input.decidedOn,
      decidedBy: actor.userId,
      ...(input.note ? { note: input.note } : {}),
    })
    .where('id', '=', workshopId)
    .execute();
  await writeAudit(db, c, {
    action: input.status === 'recognised' ? 'recognise' : 'revoke',
    resourceType: 'workshop',
    resourceId: workshopId,
  });
}

/** A workshop's monthly employment of relocated people, newest month first, at most 1000. */
export function employmentMonths(db: Db, workshopId: string, month: string | undefined) {
  let query = db
    .selectFrom('workshopEmploymentMonths as m')
    .innerJoin('persons', 'persons.id', 'm.personId')
    .select(['m.id', 'm.personId', 'persons.name as personName', 'm.month', 'm.payYuan'])
    .where('m.workshopId', '=', workshopId);
  if (month) query = query.where('m.month', '=', month);
  return query.orderBy('m.month', 'desc').orderBy('m.id').limit(1000).execute();
}

/** Records (or corrects) that a person worked at the workshop in a month, with pay, audited. */
export async function recordEmploymentMonth(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  workshopId: string,
  person: { id: string; countyCode: string; householdId: string },
  input: z.infer<typeof employmentBody>,
) {
  const row = await db
    .insertInto('workshopEmploymentMonths')
    .values({
      countyCode: person.countyCode,
      workshopId,
      personId: person.id,
      householdId: person.householdId,
      month: input.month,
      payYuan: input.payYuan,
      recordedBy: actor.userId,
    })
    .onConflict((oc) =>
      oc.columns(['workshopId', 'personId', 'month']).doUpdateSet({ payYuan: input.payYuan, recordedBy: actor.userId }),
    )
    .returning(['id', 'personId', 'month', 'payYuan'])
    .executeTakeFirstOrThrow();
  await writeAudit(db, c, { action: 'record', resourceType: 'workshop_employment', resourceId: row.id });
  return row;
}
