import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Login throttling per account and per IP, shared by every API process through PostgreSQL.
 * After a few free failures each further one doubles the wait, capped at 15 minutes, and
 * failures are forgotten after an hour: attackers slow to a crawl, a real user is never
 * locked out for good.
 */
export const throttlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
};

export async function secondsBlocked(db: Db, keys: string[]): Promise<number> {
  const rows = await db
    .selectFrom('loginThrottle')
    .select('blockedUntil')
    .where('key', 'in', keys)
    .where('blockedUntil', '>', new Date())
    .execute();
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return until ? Math.ceil((until - Date.now()) / 1000) : 0;
}

export async function recordFailure(db: Db, keys: string[]): Promise<void> {
  const { freeFailures, baseDelayMs, maxDelayMs, forgetAfterMs } = throttlePolicy;
  for (const key of keys) {
    await sql`
      insert into login_throttle (key, failures, blocked_until, updated_at) values (${key}, 1, null, now())
      on conflict (key) do update set
        failures = case when login_throttle.updated_at < now() - ${`${forgetAfterMs} milliseconds`}::interval
                        then 1 else login_throttle.failures + 1 end,
        updated_at = now()`.execute(db);
    await sql`
      update login_throttle set blocked_until = now() + least(
        ${maxDelayMs}::bigint, ${baseDelayMs}::bigint * power(2, greatest(failures - ${freeFailures}, 0))::bigint
      ) * interval '1 millisecond'
      where key = ${key} and failures > ${freeFailures}`.execute(db);
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}
