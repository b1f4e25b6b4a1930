import { clock } from '@anju/domain/clock';
import type { Updateable } from 'kysely';
import { decryptField } from '../access/field-crypto.ts';
import type { Logger } from '../config/logger.ts';
import type { Db } from '../db/database.ts';
import { claimBatch, startDrainLoop } from '../db/outbox.ts';
import type { NotificationOutboxTable } from './notifications.tables.ts';
import { chinaDayStart, defaultPreferences, inQuietHours, quietHoursEnd, SMS_PER_USER_PER_DAY } from './preferences.ts';
import type { SmsProvider } from './sms.ts';
import { isTemplateName, type NotificationParams, smsText } from './templates.ts';

/** After this many failed sends a text is given up (status `failed`); the inbox row stays. */
export const MAX_SMS_ATTEMPTS = 5;

/** Seconds before retry n: 30, 60, 120 … capped at an hour. */
const retryDelaySeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

export interface DeliveryResult {
  sent: number;
  /** Waiting out quiet hours (moved to their end). */
  held: number;
  /** Not sent and never will be: no phone, SMS switched off since, or over the daily limit. */
  dropped: number;
  /** Failed this round (retried later, or given up after MAX_SMS_ATTEMPTS). */
  failed: number;
}

/**
 * Drains `notification_outbox`: claims due rows FOR UPDATE SKIP LOCKED (several processes may
 * run it), then per row holds it through the user's quiet hours, drops it past the daily limit
 * (the message is already in the inbox), or sends it and records the outcome. Login codes
 * (`security`) ignore quiet hours and the limit. A message with sealed params (a login code) is
 * opened with `encryptionKey` just before sending, and the sealed value removed once sent.
 * `now` defaults to the one clock.
 */
export async function drainNotificationOutbox(
  deps: { db: Db; sms: SmsProvider; encryptionKey?: string },
  options: { now?: Date; batchSize?: number } = {},
): Promise<DeliveryResult> {
  const now = options.now ?? clock();
  const result: DeliveryResult = { sent: 0, held: 0, dropped: 0, failed: 0 };
  await deps.db.transaction().execute(async (trx) => {
    const rows = await claimBatch(
      trx
        .selectFrom('notificationOutbox as o')
        .innerJoin('notifications as n', 'n.id', 'o.notificationId')
        .innerJoin('users as u', 'u.id', 'o.userId')
        .leftJoin('persons as p', 'p.id', 'u.personId')
        .leftJoin('notificationPreferences as pref', 'pref.userId', 'o.userId')
        .select([
          'o.id',
          'o.userId',
          'o.attempts',
          'o.notificationId',
          'n.template',
          'n.params',
          'n.category',
          'u.phone as userPhone',
          'p.phone as personPhone',
          'pref.smsEnabled',
          'pref.quietStartMinute',
          'pref.quietEndMinute',
        ])
        .where('o.status', '=', 'pending')
        .where('o.availableAt', '<=', now)
        .orderBy('o.id'),
      options.batchSize ?? 100,
      'o',
    ).execute();
    const sentToday = new Map<string, number>();
    const update = (id: string, values: Updateable<NotificationOutboxTable>) =>
      trx
        .updateTable('notificationOutbox')
        .set({ ...values, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
    for (const row of rows) {
      const security = row.category === 'security';
      const phone = row.userPhone ?? row.personPhone;
      const preferences = {
        smsEnabled: row.smsEnabled ?? defaultPreferences.smsEnabled,
        quietStartMinute: row.quietStartMinute ?? defaultPreferences.quietStartMinute,
        quietEndMinute: row.quietEndMinute ?? defaultPreferences.quietEndMinute,
      };
      if (!phone || !isTemplateName(row.template) || (!security && !preferences.smsEnabled)) {
        await update(row.id, { status: 'dropped', lastError: phone ? 'sms switched off' : 'no phone number' });
        result.dropped++;
        continue;
      }
      if (!security && inQuietHours(preferences, now)) {
        await update(row.id, { availableAt: quietHoursEnd(preferences, now) });
        result.held++;
        continue;
      }
      if (!security) {
        if (!sentToday.has(row.userId)) {
          const counted = await trx
            .selectFrom('notificationOutbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('userId', '=', row.userId)
            .where('status', '=', 'sent')
            .where('sentAt', '>=', chinaDayStart(now))
            .executeTakeFirstOrThrow();
          sentToday.set(row.userId, Number(counted.n));
        }
        if ((sentToday.get(row.userId) ?? 0) >= SMS_PER_USER_PER_DAY) {
          await update(row.id, { status: 'dropped', lastError: 'daily limit reached; kept in the inbox' });
          result.dropped++;
          continue;
        }
      }
      const { sealed, ...params } = row.params as NotificationParams;
      const outcome = await deps.sms.send({
        to: phone,
        text: smsText(row.template, sealed ? { ...params, ...unseal(deps.encryptionKey, sealed) } : params),
        reference: row.id,
      });
      const attempts = row.attempts + 1;
      if (outcome.ok && sealed)
        await trx
          .updateTable('notifications')
          .set({ params: JSON.stringify(params) })
          .where('id', '=', row.notificationId)
          .execute();
      if (outcome.ok) {
        await update(row.id, {
          status: 'sent',
          sentAt: now,
          attempts,
          providerMessageId: outcome.messageId,
          lastError: null,
        });
        sentToday.set(row.userId, (sentToday.get(row.userId) ?? 0) + 1);
        result.sent++;
      } else {
        await update(row.id, {
          attempts,
          lastError: outcome.error.slice(0, 500),
          ...(attempts >= MAX_SMS_ATTEMPTS
            ? { status: 'failed' as const }
            : { availableAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) }),
        });
        result.failed++;
      }
    }
  });
  return result;
}

const unseal = (key: string | undefined, sealed: string | number): NotificationParams =>
  JSON.parse(decryptField(key, String(sealed))) as NotificationParams;

/** The background loop the platform runs: drains every few seconds; stops on request. */
export function startNotificationDelivery(
  deps: { db: Db; sms: SmsProvider; logger: Logger; encryptionKey?: string },
  intervalMs = 5000,
): () => Promise<void> {
  return startDrainLoop('notification delivery', () => drainNotificationOutbox(deps), deps.logger, intervalMs);
}
