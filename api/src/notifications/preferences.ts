import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NotificationCategory } from './templates.ts';

export interface Preferences {
  mutedCategories: NotificationCategory[];
  smsEnabled: boolean;
  /** Quiet hours (免打扰) in minutes after midnight, China time; start = end means none. */
  quietStartMinute: number;
  quietEndMinute: number;
}

/** 22:00–08:00 China time: SMS waits, the inbox does not. */
export const defaultPreferences: Preferences = {
  mutedCategories: [],
  smsEnabled: true,
  quietStartMinute: 22 * 60,
  quietEndMinute: 8 * 60,
};

/** At most this many texts per user per China day; further ones stay in the inbox only. */
export const SMS_PER_USER_PER_DAY = 5;

export async function loadPreferences(db: Db, userId: string): Promise<Preferences> {
  return (await preferencesOf(db, [userId])).get(userId) ?? defaultPreferences;
}

/** The settings of several users in one query; a user who never saved any has the defaults. */
export async function preferencesOf(db: Db, userIds: readonly string[]): Promise<Map<string, Preferences>> {
  const found = new Map<string, Preferences>();
  if (userIds.length === 0) return found;
  const rows = await db
    .selectFrom('notificationPreferences')
    .select(['userId', 'mutedCategories', 'smsEnabled', 'quietStartMinute', 'quietEndMinute'])
    .where('userId', '=', sql<string>`any(${[...userIds]}::bigint[])`)
    .execute();
  for (const { userId, ...row } of rows)
    found.set(userId, { ...row, mutedCategories: row.mutedCategories as NotificationCategory[] });
  for (const userId of userIds) if (!found.has(userId)) found.set(userId, defaultPreferences);
  return found;
}

export async function savePreferences(db: Db, userId: string, preferences: Preferences): Promise<void> {
  const values = { ...preferences, updatedAt: new Date() };
  await db
    .insertInto('notificationPreferences')
    .values({ userId, ...values })
    .onConflict((oc) => oc.column('userId').doUpdateSet(values))
    .execute();
}

const CHINA_OFFSET_MINUTES = 8 * 60;
const DAY_MINUTES = 24 * 60;

/** Minutes after midnight in China (UTC+8) at this instant. */
export const chinaMinuteOf = (at: Date) =>
  (at.getUTCHours() * 60 + at.getUTCMinutes() + CHINA_OFFSET_MINUTES) % DAY_MINUTES;

export function inQuietHours(preferences: Pick<Preferences, 'quietStartMinute' | 'quietEndMinute'>, at: Date) {
  const { quietStartMinute: start, quietEndMinute: end } = preferences;
  if (start === end) return false;
  const minute = chinaMinuteOf(at);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The first instant after `at` when the quiet hours are over (the start of their last minute + 1). */
export function quietHoursEnd(preferences: Pick<Preferences, 'quietEndMinute'>, at: Date): Date {
  const wait = (preferences.quietEndMinute - chinaMinuteOf(at) + DAY_MINUTES) % DAY_MINUTES;
  const minuteStart = new Date(at);
  minuteStart.setUTCSeconds(0, 0);
  return new Date(minuteStart.getTime() + wait * 60_000);
}

/** Midnight in China that began the China day of `at`. */
export function chinaDayStart(at: Date): Date {
  const shifted = new Date(at.getTime() + CHINA_OFFSET_MINUTES * 60_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - CHINA_OFFSET_MINUTES * 60_000);
}
