import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';

/** A worker hands a resident a 6-digit one-time code to set their first password. */
export const SETUP_CODE_LIFETIME_MS = 72 * 60 * 60 * 1000;

const digest = (userId: string, code: string) => createHash('sha256').update(`${userId}:${code}`).digest('hex');

export async function issueSetupCode(db: Db, userId: string): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + SETUP_CODE_LIFETIME_MS);
  await db
    .updateTable('users')
    .set({ setupCodeHash: digest(userId, code), setupCodeExpiresAt: expiresAt, updatedAt: new Date() })
    .where('id', '=', userId)
    .execute();
  return { code, expiresAt };
}

export async function verifySetupCode(
  user: { id: string; setupCodeHash: string | null; setupCodeExpiresAt: Date | null },
  code: string,
): Promise<boolean> {
  if (!user.setupCodeHash || !user.setupCodeExpiresAt || user.setupCodeExpiresAt.getTime() < Date.now()) return false;
  const expected = Buffer.from(user.setupCodeHash, 'hex');
  const actual = Buffer.from(digest(user.id, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Where a code goes to the resident. SMS later; today only the worker's screen shows it. */
export interface MessageChannel {
  send(to: { phone: string | null; name: string }, text: string): Promise<void>;
}

/** Sends nothing: the code is in the issuing answer only, and never in a log. */
export const screenOnlyChannel: MessageChannel = {
  async send() {},
};
