import type { Db } from '../db/database.ts';
import { type NotificationMessage, notificationChannels } from '../opportunities/notify.ts';
import type { ApplicationKind, ApplicationState } from './state-machine.ts';

const nounOf: Record<ApplicationKind, string> = { job: '岗位', training: '培训', project: '产业项目' };
const stateWords: Record<ApplicationState, string> = {
  applied: '已申请',
  viewed: '已查看',
  interview: '约面试',
  hired: '已录用',
  rejected: '未录用',
  withdrawn: '已撤回',
  enrolled: '已报名',
  attending: '上课中',
  completed: '已结业',
  dropped: '已退出',
};

async function deliver(db: Db, messages: NotificationMessage[]) {
  for (const channel of notificationChannels) await channel.deliver(db, messages);
}

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
  await deliver(
    db,
    input.ownerUserIds.map((userId) => ({
      userId,
      kind: 'application-new',
      title: `新的申请：${input.title}`,
      body: `${person.name}申请了您发布的${nounOf[input.kind]}“${input.title}”`,
      link: `/candidates?kind=${input.kind}&posting=${input.opportunityId}`,
      dedupeKey: `application:${input.applicationId}:new:${userId}`,
    })),
  );
}

/** 进度提醒: the resident's own account hears of each step the other side takes. */
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
  await deliver(
    db,
    accounts.map(({ id }) => ({
      userId: id,
      kind: 'application-moved',
      title: `申请进度：${input.title}`,
      body: `您申请的${nounOf[input.kind]}“${input.title}”：${stateWords[input.to]}`,
      link: '/applications',
      dedupeKey: `application:${input.applicationId}:v${input.version}:${id}`,
    })),
  );
}
