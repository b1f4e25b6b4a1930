import type { Db } from '../db/database.ts';
import { notifyAll } from '../notifications/notify.ts';
import type { ApplicationKind, ApplicationState } from './state-machine.ts';

/**
 * 新申请提醒: the accounts that manage the posting hear of a new application in their inbox,
 * with a link to the people who applied. Written in the application's transaction.
 */
export async function notifyProviderOfApplication(
  db: Db,
  input: { applicationId: string; kind: ApplicationKind; opportunityId: string; title: string; ownerUserIds: string[] },
) {
  const person = await db
    .selectFrom('applications')
    .innerJoin('persons', 'persons.id', 'applications.personId')
    .select('persons.name')
    .where('applications.id', '=', input.applicationId)
    .executeTakeFirstOrThrow();
  await notifyAll(
    db,
    input.ownerUserIds.map((userId) => ({
      userId,
      template: 'application-new' as const,
      params: { title: input.title, kind: input.kind, personName: person.name },
      link: `/candidates?kind=${input.kind}&posting=${input.opportunityId}`,
      dedupeKey: `application:${input.applicationId}:new:${userId}`,
    })),
  );
}

/** 进度提醒: the resident's own account hears of each step the other side takes (inbox and SMS). */
export async function notifyApplicantOfMove(
  db: Db,
  input: {
    applicationId: string;
    personId: string;
    kind: ApplicationKind;
    to: ApplicationState;
    version: number;
    title: string;
  },
) {
  const accounts = await db.selectFrom('users').select('id').where('personId', '=', input.personId).execute();
  await notifyAll(
    db,
    accounts.map(({ id }) => ({
      userId: id,
      template: 'application-moved' as const,
      params: { title: input.title, kind: input.kind, state: input.to },
      link: '/applications',
      dedupeKey: `application:${input.applicationId}:v${input.version}:${id}`,
    })),
  );
}
