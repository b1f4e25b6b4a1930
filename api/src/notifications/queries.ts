import type { Db } from '../db/database.ts';
import { mapPage, paged } from '../http/paging.ts';
import { isTemplateName, type NotificationParams, render } from './templates.ts';

export async function listInbox(
  db: Db,
  userId: string,
  query: { unread?: 'true' | 'false'; page: number; pageSize: number },
) {
  // A message sent by SMS only (a login code) is no inbox item.
  let rows = db.selectFrom('notifications').where('userId', '=', userId).where('channel', '=', 'in_app');
  if (query.unread === 'true') rows = rows.where('readAt', 'is', null);
  if (query.unread === 'false') rows = rows.where('readAt', 'is not', null);
  const [page, unread] = await Promise.all([
    paged(rows, (filtered) => filtered.selectAll().orderBy('id', 'desc'), query),
    unreadCount(db, userId),
  ]);
  return {
    ...mapPage(page, (row) => ({
      id: row.id,
      kind: row.kind,
      category: row.category,
      title: row.title,
      body: row.body,
      en: isTemplateName(row.template) ? render(row.template, row.params as NotificationParams, 'en') : null,
      link: row.link,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
    unread,
  };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', userId)
    .where('channel', '=', 'in_app')
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: new Date() })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows) return true;
  return false;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: new Date() })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
