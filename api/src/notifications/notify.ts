import { clock } from '@anju/domain/clock';
import { type Insertable, type QueryCreator, sql } from 'kysely';
import { encryptField } from '../access/field-crypto.ts';
import type { Database, Db } from '../db/database.ts';
import type { NotificationTable } from '../opportunities/opportunities.tables.ts';
import { defaultPreferences, loadPreferences, type Preferences, preferencesOf } from './preferences.ts';
import { type NotificationParams, render, type TemplateName, templates } from './templates.ts';

export interface NotifyInput {
  userId: string;
  template: TemplateName;
  params: NotificationParams;
  /** Where tapping the message leads in the portal (an application, a job, a household). */
  link?: string | null;
  /** The same key never notifies twice (a re-indexed posting, a retried digest). */
  dedupeKey?: string;
  /** `in_app`: the inbox only; `sms`: the inbox and a text; default: as the template says. */
  channel?: 'in_app' | 'sms';
  /**
   * Params that must never be stored in clear (a login code): sealed with DATA_ENCRYPTION_KEY into
   * the row's `sealed` param, shown as ****** in the stored title and body, opened only by the
   * delivery worker and removed once sent. Such a message goes by SMS only: it is not in the inbox.
   */
  secret?: { params: NotificationParams; encryptionKey: string | undefined };
}

/** What a secret param reads as wherever it is stored. */
export const SECRET_PLACEHOLDER = '******';

export interface Notified {
  id: string;
  sms: boolean;
}

/**
 * The one way to tell someone something (消息). Writes the inbox row and, when the template, the
 * caller and the user's settings allow, an SMS row in `notification_outbox` — both in `db`, the
 * caller's transaction, so a rolled-back change tells nobody. A muted category writes nothing;
 * quiet hours and the daily SMS limit are the delivery worker's business (`delivery.ts`).
 * Returns undefined when nothing was written (muted, or already notified under `dedupeKey`).
 */
export async function notify(db: Db, input: NotifyInput): Promise<Notified | undefined> {
  const template = templates[input.template];
  const preferences = await loadPreferences(db, input.userId);
  if (isMuted(template, preferences)) return undefined;
  const secret = input.secret;
  const hidden = secret ? Object.fromEntries(Object.keys(secret.params).map((name) => [name, SECRET_PLACEHOLDER])) : {};
  const params = secret
    ? { ...input.params, sealed: encryptField(secret.encryptionKey, JSON.stringify(secret.params)) }
    : input.params;
  const inserted = await db
    .insertInto('notifications')
    .values(inboxRow(input, { ...input.params, ...hidden }, params))
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  const sms = secret ? preferences.smsEnabled || template.category === 'security' : goesBySms(input, preferences);
  if (sms)
    await db
      .insertInto('notificationOutbox')
      .values({ notificationId: inserted.id, userId: input.userId, channel: 'sms', availableAt: clock() })
      .execute();
  return { id: inserted.id, sms };
}

/**
 * The inbox row of a message: title and body rendered from `shown` (a secret's params hidden),
 * `stored` kept as its params. A message with a secret goes by text only.
 */
function inboxRow(input: NotifyInput, shown: NotificationParams, stored: unknown): Insertable<NotificationTable> {
  const { title, body } = render(input.template, shown);
  return {
    userId: input.userId,
    channel: input.secret ? 'sms' : 'in_app',
    kind: input.template,
    template: input.template,
    params: JSON.stringify(stored),
    category: templates[input.template].category,
    title,
    body,
    link: input.link ?? null,
    dedupeKey: input.dedupeKey ?? null,
    readAt: null,
  };
}

const isMuted = (template: (typeof templates)[TemplateName], preferences: Preferences) =>
  template.category !== 'security' && preferences.mutedCategories.includes(template.category);

/** Whether a (not secret) message also leaves as a text: the caller's or template's channel, and the user's settings. */
function goesBySms(input: NotifyInput, preferences: Preferences): boolean {
  const template = templates[input.template];
  const wanted = (input.channel ?? (template.sms ? 'sms' : 'in_app')) === 'sms';
  return wanted && (preferences.smsEnabled || template.category === 'security');
}

/** Rows per statement in `notifyAll` (11 parameters a row, far below PostgreSQL's 65,535). */
const NOTIFY_CHUNK = 1000;

/**
 * Several messages in one go (alerts, escalations, digests, saved-search matches), with what
 * `notify` does for each: the same inbox rows, texts, muting and dedupe, but set-based — one query
 * for everyone's settings and two statements per 1,000 messages, not three round trips a message
 * (a night escalating 100k overdue alerts spent most of its time here). A message with a secret
 * goes through `notify`. Returns how many were written.
 */
export async function notifyAll(db: Db, inputs: NotifyInput[]): Promise<number> {
  let written = 0;
  const plain = inputs.filter((input) => !input.secret);
  for (const input of inputs) if (input.secret && (await notify(db, input))) written++;
  const preferences = await preferencesOf(db, [...new Set(plain.map((input) => input.userId))]);
  const bySms: { sms: boolean; row: Insertable<NotificationTable> }[] = [];
  const keys = new Set<string>();
  for (const input of plain) {
    const template = templates[input.template];
    const settings = preferences.get(input.userId) ?? defaultPreferences;
    if (isMuted(template, settings)) continue;
    if (input.dedupeKey) {
      if (keys.has(input.dedupeKey)) continue; // the first of a key in one call wins, as one by one
      keys.add(input.dedupeKey);
    }
    bySms.push({ sms: goesBySms(input, settings), row: inboxRow(input, input.params, input.params) });
  }
  for (const sms of [false, true]) {
    const rows = bySms.filter((entry) => entry.sms === sms).map((entry) => entry.row);
    for (let at = 0; at < rows.length; at += NOTIFY_CHUNK) {
      const insert = (q: QueryCreator<Database>) =>
        q
          .insertInto('notifications')
          .values(rows.slice(at, at + NOTIFY_CHUNK))
          .onConflict((oc) => oc.column('dedupeKey').doNothing());
      if (!sms) {
        written += (await insert(db).returning('id').execute()).length;
        continue;
      }
      const result = await db
        .with('inserted', (q) => insert(q).returning(['id', 'userId']))
        .insertInto('notificationOutbox')
        .columns(['notificationId', 'userId', 'channel', 'availableAt'])
        .expression((eb) =>
          eb
            .selectFrom('inserted')
            .select([
              'inserted.id',
              'inserted.userId',
              sql<'sms'>`'sms'`.as('channel'),
              sql<Date>`${clock()}::timestamptz`.as('availableAt'),
            ]),
        )
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return written;
}

/**
 * 上报: tells every official whose region covers `regionPath` (the county, the city above it)
 * — the function other domains call when something needs a decision above the worker.
 */
export async function notifyOfficials(
  db: Db,
  input: {
    regionPath: string;
    subject: string;
    detail: string;
    /** The same in English (the en locale); the Chinese is shown when absent. */
    en?: { subject: string; detail: string };
    link?: string | null;
    dedupeKey: string;
  },
): Promise<number> {
  const officials = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.regionId')
    .select('users.id')
    .where('users.role', '=', 'official')
    .where('users.status', '=', 'active')
    .where(sql<boolean>`${input.regionPath} like regions.path || '%'`)
    .execute();
  return notifyAll(
    db,
    officials.map((official) => ({
      userId: official.id,
      template: 'escalation' as const,
      params: {
        subject: input.subject,
        detail: input.detail,
        ...(input.en ? { subjectEn: input.en.subject, detailEn: input.en.detail } : {}),
      },
      link: input.link ?? null,
      dedupeKey: `${input.dedupeKey}:${official.id}`,
    })),
  );
}
