import { randomInt } from 'node:crypto';
import { clock } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { keyedHash } from './field-crypto.ts';

/**
 * 短信验证码登录: a 6-digit code sent by SMS signs an active account with that phone in. Every
 * request is a row (`login_codes`), known phone or not, so the limits count alike and an unknown
 * phone looks the same from outside; only a known phone gets a code, stored as a keyed hash.
 */
export const loginCodePolicy = {
  /** The SMS template says 10 分钟内有效. */
  ttlMs: 10 * 60 * 1000,
  /** Wrong guesses one code survives; then it is void. */
  maxAttempts: 5,
  /** One code a minute per phone … */
  phoneEveryMs: 60 * 1000,
  /** … and at most five an hour per phone … */
  phonePerHour: 5,
  /** … and twenty an hour from one address (a community office shares one). */
  ipPerHour: 20,
};

const HOUR_MS = 60 * 60 * 1000;

/** Sends the code to the account (the notification service's SMS, injected by the composition root). */
export type SendLoginCode = (db: Db, userId: string, code: string) => Promise<void>;

const phoneHashOf = (key: string | undefined, phone: string) => keyedHash(key, 'login-code-phone', phone);
const codeHashOf = (key: string | undefined, userId: string, code: string) =>
  keyedHash(key, 'login-code', `${userId}:${code}`);

/** Seconds until the soonest limit lets this phone and address ask again; 0 when none holds. */
async function waitSeconds(db: Db, phoneHash: string, ip: string | null, now: Date): Promise<number> {
  const since = new Date(now.getTime() - HOUR_MS);
  const counted = (column: 'phoneHash' | 'ip', value: string) =>
    db
      .selectFrom('loginCodes')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.min('createdAt').as('oldest'),
        eb.fn.max('createdAt').as('newest'),
      ])
      .where(column, '=', value)
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow();
  const phone = await counted('phoneHash', phoneHash);
  const address = ip ? await counted('ip', ip) : undefined;
  const waits: number[] = [0];
  if (phone.newest) waits.push(new Date(phone.newest).getTime() + loginCodePolicy.phoneEveryMs - now.getTime());
  if (Number(phone.n) >= loginCodePolicy.phonePerHour && phone.oldest)
    waits.push(new Date(phone.oldest).getTime() + HOUR_MS - now.getTime());
  if (address && Number(address.n) >= loginCodePolicy.ipPerHour && address.oldest)
    waits.push(new Date(address.oldest).getTime() + HOUR_MS - now.getTime());
  return Math.ceil(Math.max(...waits) / 1000);
}

/**
 * Asks for a code for `phone` from `ip`: the seconds to wait when a limit holds (nothing is
 * recorded or sent then), else 0 — a code was sent when an active account has the phone, and
 * nothing was when none has, with the same answer. Requests for one phone queue on a lock.
 */
export async function requestLoginCode(
  db: Db,
  input: { phone: string; ip: string | null; encryptionKey: string | undefined; send: SendLoginCode },
): Promise<{ waitSeconds: number; userId: string | null }> {
  const phoneHash = phoneHashOf(input.encryptionKey, input.phone);
  const now = clock();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`login-code:${phoneHash}`}, 0))`.execute(trx);
    const wait = await waitSeconds(trx, phoneHash, input.ip, now);
    if (wait > 0) return { waitSeconds: wait, userId: null };
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('phone', '=', input.phone)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirst();
    const code = user ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
    await trx
      .insertInto('loginCodes')
      .values({
        phoneHash,
        ip: input.ip,
        userId: user?.id ?? null,
        codeHash: user && code ? codeHashOf(input.encryptionKey, user.id, code) : null,
        expiresAt: new Date(now.getTime() + loginCodePolicy.ttlMs),
        createdAt: now,
      })
      .execute();
    if (user && code) await input.send(trx, user.id, code);
    return { waitSeconds: 0, userId: user?.id ?? null };
  });
}

export type CodeCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'no-code' | 'expired' | 'used' | 'spent' | 'wrong' | 'disabled'; userId: string | null };

/**
 * Checks `code` against the phone's latest code (an earlier one is void once a newer was sent):
 * right, unexpired, unused and with guesses left, it is used up and the account returned; a wrong
 * guess is counted. The row is locked, so two requests with one code cannot both sign in.
 */
export async function useLoginCode(
  db: Db,
  input: { phone: string; code: string; encryptionKey: string | undefined },
): Promise<CodeCheck> {
  const phoneHash = phoneHashOf(input.encryptionKey, input.phone);
  const now = clock();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('loginCodes')
      .select(['id', 'userId', 'codeHash', 'attempts', 'usedAt', 'expiresAt'])
      .where('phoneHash', '=', phoneHash)
      .where('userId', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!row?.userId) return { ok: false, reason: 'no-code', userId: null };
    const refused = (reason: Exclude<CodeCheck, { ok: true }>['reason']) => ({
      ok: false as const,
      reason,
      userId: row.userId,
    });
    if (row.usedAt) return refused('used');
    if (row.expiresAt.getTime() <= now.getTime()) return refused('expired');
    if (row.attempts >= loginCodePolicy.maxAttempts) return refused('spent');
    if (row.codeHash !== codeHashOf(input.encryptionKey, row.userId, input.code)) {
      await trx
        .updateTable('loginCodes')
        .set({ attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute();
      return refused('wrong');
    }
    await trx.updateTable('loginCodes').set({ usedAt: now }).where('id', '=', row.id).execute();
    const user = await trx.selectFrom('users').select('status').where('id', '=', row.userId).executeTakeFirst();
    if (user?.status !== 'active') return refused('disabled');
    return { ok: true, userId: row.userId };
  });
}
