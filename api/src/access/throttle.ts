import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Login throttling, shared by every API process through PostgreSQL. Three counters per attempt:
 * the account from this address (the tight one), the account from anywhere (guessing spread
 * over many addresses) and this address for every account (a higher ceiling: a community
 * office puts many people behind one NAT). After a counter's free failures each further one
 * doubles its wait, capped at 15 minutes; counters are forgotten an hour after their last
 * attempt. From one of the account's usual places (a recent successful sign-in) no counter
 * makes the owner wait more than a minute after the last failure.
 */
export const throttlePolicy = {
  pairFreeFailures: 5,
  accountFreeFailures: 20,
  ipFreeFailures: 50,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  usualPlaceDays: 90,
  usualPlaceMaxWaitMs: 60 * 1000,
};

export interface ThrottleRule {
  key: string;
  freeFailures: number;
}

/** The counters an attempt of `kind` on `login` from `ip` is held to. */
export function throttleRules(kind: 'login' | 'setup', login: string, ip: string | null): ThrottleRule[] {
  const account = login.trim().toLowerCase();
  const address = ip ?? 'unknown';
  const { pairFreeFailures, accountFreeFailures, ipFreeFailures } = throttlePolicy;
  return [
    { key: `${kind}-pair:${account}|${address}`, freeFailures: pairFreeFailures },
    // A 6-digit setup code is guessable: its account-wide budget is as tight as the pair's.
    { key: `${kind}:${account}`, freeFailures: kind === 'setup' ? pairFreeFailures : accountFreeFailures },
    { key: `ip:${address}`, freeFailures: ipFreeFailures },
  ];
}

const delayMs = (failures: number, freeFailures: number) =>
  Math.min(throttlePolicy.maxDelayMs, throttlePolicy.baseDelayMs * 2 ** Math.min(30, failures - freeFailures));

/**
 * Decides and counts in one step: seconds to wait when any counter is blocked, else 0, and
 * then this attempt is already counted as a failure on every counter (`attemptSucceeded`
 * takes it back). The counters are locked for the decision, so parallel guesses queue and
 * cannot slip past the limit between a check and a count.
 */
export async function reserveAttempt(db: Db, rules: ThrottleRule[], options: { usualPlace: boolean }): Promise<number> {
  const sorted = [...rules].sort((a, b) => a.key.localeCompare(b.key));
  return db.transaction().execute(async (trx) => {
    for (const { key } of sorted) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    const { rows } = await sql<{ key: string; failures: number; waitMs: number; usualWaitMs: number; stale: boolean }>`
      select key, failures,
        greatest(0, extract(epoch from (blocked_until - now())) * 1000)::float8 as "waitMs",
        greatest(0, extract(epoch from (updated_at - now())) * 1000 + ${throttlePolicy.usualPlaceMaxWaitMs})::float8 as "usualWaitMs",
        updated_at < now() - ${`${throttlePolicy.forgetAfterMs} milliseconds`}::interval as stale
      from login_throttle where key = any(${sorted.map((rule) => rule.key)}::text[])`.execute(trx);
    const current = new Map(rows.map((row) => [row.key, row]));
    let waitMs = 0;
    for (const row of rows) {
      if (row.stale) continue;
      waitMs = Math.max(waitMs, options.usualPlace ? Math.min(row.waitMs, row.usualWaitMs) : row.waitMs);
    }
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    for (const { key, freeFailures } of sorted) {
      const row = current.get(key);
      const failures = !row || row.stale ? 1 : row.failures + 1;
      const blockedUntil =
        failures >= freeFailures
          ? sql`now() + ${delayMs(failures, freeFailures)} * interval '1 millisecond'`
          : sql`null::timestamptz`;
      await sql`
        insert into login_throttle (key, failures, blocked_until, updated_at)
        values (${key}, ${failures}, ${blockedUntil}, now())
        on conflict (key) do update set
          failures = excluded.failures, blocked_until = excluded.blocked_until, updated_at = excluded.updated_at`.execute(
        trx,
      );
    }
    return 0;
  });
}

/** The attempt was right: forget this account's failures from here and give back the rest. */
export async function attemptSucceeded(db: Db, rules: ThrottleRule[]): Promise<void> {
  const [pair, ...shared] = rules;
  await db.deleteFrom('loginThrottle').where('key', '=', pair.key).execute();
  for (const { key, freeFailures } of shared) {
    // Below its threshold again, a counter holds no block (this attempt's own reservation may have set one).
    await sql`
      update login_throttle set failures = greatest(failures - 1, 0),
        blocked_until = case when failures - 1 < ${freeFailures} then null else blocked_until end
      where key = ${key}`.execute(db);
  }
}

/** Whether `ip` is one of the account's usual places: a successful sign-in from it recently. */
export async function isUsualPlace(db: Db, userId: string | undefined, ip: string | null): Promise<boolean> {
  if (!userId || !ip) return false;
  const row = await db
    .selectFrom('loginPlaces')
    .select('userId')
    .where('userId', '=', userId)
    .where('ip', '=', ip)
    .where('lastSuccessAt', '>', sql<Date>`now() - ${`${throttlePolicy.usualPlaceDays} days`}::interval`)
    .executeTakeFirst();
  return Boolean(row);
}

export async function rememberPlace(db: Db, userId: string, ip: string | null): Promise<void> {
  if (!ip) return;
  await db
    .insertInto('loginPlaces')
    .values({ userId, ip })
    .onConflict((oc) => oc.columns(['userId', 'ip']).doUpdateSet({ lastSuccessAt: sql`now()` }))
    .execute();
}
