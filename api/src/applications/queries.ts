import { chinaToday } from '@anju/domain/clock';
import type { EmploymentStatus } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { paged } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import {
  type ApplicationKind,
  type ApplicationSide,
  type ApplicationState,
  checkTransition,
  initialState,
} from './state-machine.ts';

/** Runs `work` in the caller's transaction, or opens one: an application and its event land together. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const applicationColumns = [
  'applications.id',
  'applications.kind',
  'applications.opportunityId',
  'applications.personId',
  'applications.householdId',
  'applications.countyCode',
  'applications.state',
  'applications.version',
  'applications.createdAt',
  'applications.updatedAt',
] as const;

export interface NewApplication {
  kind: ApplicationKind;
  opportunityId: string;
  personId: string;
  createdBy: string | null;
  actorRole: string | null;
  note?: string | null;
}

/** Files an application (or enrolment) for a person, with its first event; 409 if one is already open. */
export async function createApplication(db: Db, input: NewApplication) {
  return inTransaction(db, async (trx) => {
    const person = await trx
      .selectFrom('persons')
      .select(['id', 'householdId', 'countyCode'])
      .where('id', '=', input.personId)
      .executeTakeFirst();
    if (!person) throw new AppError('not-found', 'No such person');
    const state = initialState(input.kind);
    const application = await trx
      .insertInto('applications')
      .values({
        kind: input.kind,
        opportunityId: input.opportunityId,
        personId: person.id,
        householdId: person.householdId,
        countyCode: person.countyCode,
        state,
        createdBy: input.createdBy,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!application) {
      throw new AppError('conflict', `This person already has an open ${input.kind} application for it`, {
        reason: 'already-applied',
      });
    }
    await trx
      .insertInto('applicationEvents')
      .values({
        applicationId: application.id,
        countyCode: person.countyCode,
        fromState: null,
        toState: state,
        actorUserId: input.createdBy,
        actorRole: input.actorRole,
        note: input.note ?? null,
        certificate: null,
      })
      .execute();
    return (await findApplication(trx, application.id))!;
  });
}

export function findApplication(db: Db, id: string) {
  return db.selectFrom('applications').select(applicationColumns).where('applications.id', '=', id).executeTakeFirst();
}

export function applicationEvents(db: Db, applicationId: string) {
  return db
    .selectFrom('applicationEvents')
    .select(['id', 'fromState', 'toState', 'actorUserId', 'actorRole', 'note', 'certificate', 'occurredAt'])
    .where('applicationId', '=', applicationId)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

/** The posting's title and its employer's name, whichever kind of posting the application is for. */
const postingColumn = (column: 'title' | 'name') => {
  const of = (table: 'jobs' | 'trainings' | 'projects') =>
    column === 'title'
      ? sql`(select p.title from ${sql.table(table)} p where p.id = applications.opportunity_id)`
      : sql`(select e.name from ${sql.table(table)} p join employers e on e.id = p.employer_id where p.id = applications.opportunity_id)`;
  return sql<
    string | null
  >`case applications.kind when 'job' then ${of('jobs')} when 'training' then ${of('trainings')} else ${of('projects')} end`;
};
const opportunityTitle = postingColumn('title');
const opportunityEmployer = postingColumn('name');
/** The certificate a course awards (结业证书), so whoever marks it completed can record it; null otherwise. */
const courseCertificate = sql<
  string | null
>`case applications.kind when 'training' then (select t.certificate from trainings t where t.id = applications.opportunity_id) end`;

export interface ApplicationFilter {
  personIds?: string[];
  /** Applications to these opportunities of one kind (an employer's postings, a provider's courses). */
  opportunities?: { kind: ApplicationKind; ids: string[] };
  /** Households on sites under these region paths (a worker's sites). */
  regionPaths?: string[];
  kind?: ApplicationKind;
  state?: ApplicationState;
  page: number;
  pageSize: number;
}

/** A page of applications, newest first, limited by whichever scopes the caller passes. */
export async function listApplications(db: Db, filter: ApplicationFilter) {
  let query = db.selectFrom('applications');
  if (filter.personIds) {
    query = filter.personIds.length
      ? query.where('applications.personId', 'in', filter.personIds)
      : query.where(sql.lit(false));
  }
  if (filter.opportunities) {
    const { kind, ids } = filter.opportunities;
    query = ids.length
      ? query.where('applications.kind', '=', kind).where('applications.opportunityId', 'in', ids)
      : query.where(sql.lit(false));
  }
  if (filter.regionPaths) {
    const paths = filter.regionPaths;
    query = query
      .innerJoin('households', 'households.id', 'applications.householdId')
      .innerJoin('regions', 'regions.id', 'households.siteId')
      .where((eb) =>
        paths.length
          ? eb.or(paths.map((path) => eb('regions.path', 'like', `${path.replace(/[%_\\]/g, '\\$&')}%`)))
          : eb.val(false),
      );
  }
  if (filter.kind) query = query.where('applications.kind', '=', filter.kind);
  if (filter.state) query = query.where('applications.state', '=', filter.state);
  return paged(
    query,
    (filtered) =>
      filtered
        .innerJoin('persons as applicant', 'applicant.id', 'applications.personId')
        .select(applicationColumns)
        .select([
          'applicant.name as personName',
          opportunityTitle.as('title'),
          opportunityEmployer.as('employerName'),
          courseCertificate.as('courseCertificate'),
        ])
        .orderBy('applications.updatedAt', 'desc')
        .orderBy('applications.id', 'desc'),
    filter,
  );
}

export interface TransitionInput {
  applicationId: string;
  to: ApplicationState;
  side: ApplicationSide;
  actorUserId: string | null;
  actorRole: string | null;
  note?: string | null;
  /** Optimistic concurrency: the version the caller read, when it has one. */
  expectedVersion?: number;
  /** For a hire: the employment the person now has (劳务输出 for labour-export jobs). */
  employmentStatus?: EmploymentStatus;
  /** For a completed course: the skills it taught and the certificate awarded. */
  skillsTaught?: { code: string; level: number }[];
  certificate?: string | null;
  /** 'YYYY-MM-DD' the hire or completion takes effect; today by default. */
  effectiveOn?: string;
}

/**
 * Moves an application one step, records the event, and applies what the step means for the
 * registry: a hire updates the person's employment (with dated history), a completed course adds
 * or raises the skills it taught.
 */
export async function transitionApplication(db: Db, input: TransitionInput) {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('applications')
      .select(['id', 'kind', 'state', 'version', 'personId', 'householdId', 'countyCode', 'opportunityId'])
      .where('id', '=', input.applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not-found', 'No such application');
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new AppError('conflict', 'The application changed since it was read; reload and try again');
    }
    const effects = checkTransition(current.kind, current.state, input.to, input.side);
    await trx
      .updateTable('applications')
      .set({ state: input.to, version: current.version + 1, updatedAt: new Date() })
      .where('id', '=', current.id)
      .execute();
    await trx
      .insertInto('applicationEvents')
      .values({
        applicationId: current.id,
        countyCode: current.countyCode,
        fromState: current.state,
        toState: input.to,
        actorUserId: input.actorUserId,
        actorRole: input.actorRole,
        note: input.note ?? null,
        certificate: input.to === 'completed' ? (input.certificate ?? null) : null,
      })
      .execute();
    const effectiveOn = input.effectiveOn ?? chinaToday();
    if (effects.includes('record_employment')) {
      const status = input.employmentStatus ?? 'employed_local';
      await trx
        .updateTable('persons')
        .set((eb) => ({ employmentStatus: status, version: eb('version', '+', 1), updatedAt: new Date() }))
        .where('id', '=', current.personId)
        .execute();
      await trx
        .insertInto('registryHistory')
        .values({
          countyCode: current.countyCode,
          householdId: current.householdId,
          personId: current.personId,
          attribute: 'employment_status',
          value: status,
          detail: JSON.stringify({
            applicationId: current.id,
            kind: current.kind,
            opportunityId: current.opportunityId,
          }),
          validFrom: effectiveOn,
          recordedBy: input.actorUserId,
        })
        .execute();
    }
    if (effects.includes('grant_skills')) {
      for (const skill of input.skillsTaught ?? []) {
        await trx
          .insertInto('personSkills')
          .values({
            personId: current.personId,
            skillCode: skill.code,
            countyCode: current.countyCode,
            level: skill.level,
            certificate: input.certificate ?? null,
            certifiedOn: input.certificate ? effectiveOn : null,
          })
          .onConflict((oc) =>
            oc.columns(['personId', 'skillCode']).doUpdateSet((eb) => ({
              level: sql<number>`greatest(${eb.ref('personSkills.level')}, ${eb.ref('excluded.level')})`,
              certificate: sql<
                string | null
              >`coalesce(${eb.ref('excluded.certificate')}, ${eb.ref('personSkills.certificate')})`,
              certifiedOn: sql<
                string | null
              >`coalesce(${eb.ref('excluded.certifiedOn')}, ${eb.ref('personSkills.certifiedOn')})`,
            })),
          )
          .execute();
      }
    }
    return (await findApplication(trx, current.id))!;
  });
}

/** The people in the households a helper (帮扶责任人) is assigned to. */
export async function helperPersonIds(db: Db, userId: string) {
  const rows = await db
    .selectFrom('persons')
    .innerJoin('helperAssignments', 'helperAssignments.householdId', 'persons.householdId')
    .select('persons.id')
    .where('helperAssignments.userId', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}
