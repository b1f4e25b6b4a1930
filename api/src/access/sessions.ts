import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { type Actor, actorColumns, actorOf } from './actor.ts';
import type { ActorCache } from './actor-cache.ts';

export const SESSION_COOKIE = 'anju_session';

/** Idle and absolute lifetimes; a field worker's day fits in the absolute one. */
export const sessionPolicy = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
  /** How long this process may answer a session from memory (`actor-cache.ts`). */
  actorCacheMs: 5 * 1000,
};

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Db,
  userId: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  // 256 random bits; only their hash is stored.
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionPolicy.absoluteMs);
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      userId,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * The session's actor in one round trip (session, user and assigned regions joined), or undefined
 * when the token is unknown, idle too long or expired, or the user is not active. What the
 * session middleware runs on every request (issue 23: it was three queries); with a cache, a
 * session looked up in the last few seconds costs no query at all, and lookups of one session
 * that overlap share one query.
 */
export async function findSessionActor(db: Db, token: string, cache?: ActorCache): Promise<Actor | undefined> {
  const id = sessionIdOf(token);
  if (!cache) return lookUpSession(db, id);
  return cache.get(id, Date.now()) ?? cache.once(id, () => lookUpSession(db, id, cache));
}

async function lookUpSession(db: Db, id: string, cache?: ActorCache): Promise<Actor | undefined> {
  const generation = cache?.generation() ?? 0;
  const row = await actorColumns(db)
    .innerJoin('sessions', 'sessions.userId', 'users.id')
    .select(['sessions.expiresAt', 'sessions.lastSeenAt'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + sessionPolicy.idleMs <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  let lastSeen = row.lastSeenAt.getTime();
  if (now - lastSeen > sessionPolicy.touchEveryMs) {
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(now) })
      .where('id', '=', id)
      .execute();
    lastSeen = now;
  }
  const actor = actorOf(row);
  if (actor && cache) {
    const entry = { actor, expiresAt: row.expiresAt.getTime(), idleAt: lastSeen + sessionPolicy.idleMs };
    cache.remember(id, entry, generation, now);
  }
  return actor;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute();
}

export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}
