import type { Db } from '../db/database.ts';

export interface NotificationMessage {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** The same key never notifies twice (a posting re-indexed after an edit raises no new alert). */
  dedupeKey: string;
}

/**
 * Where notifications go. In-app rows now; an SMS channel later implements the same interface
 * (and may deliver from the in-app row, so every message is on record).
 */
export interface NotificationChannel {
  name: string;
  deliver: (db: Db, messages: NotificationMessage[]) => Promise<number>;
}

export const inAppChannel: NotificationChannel = {
  name: 'in_app',
  async deliver(db, messages) {
    if (messages.length === 0) return 0;
    const inserted = await db
      .insertInto('notifications')
      .values(messages.map((m) => ({ ...m, channel: 'in_app', readAt: null })))
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  },
};

export const notificationChannels: NotificationChannel[] = [inAppChannel];
