import type { Actor } from './actor.ts';

/**
 * A short in-process memory of session → actor (issue 23): a search or a home page makes several
 * calls a second, and each would otherwise pay the session query. An entry lives `ttlMs` (5 s) at
 * most, and never past the session's own expiry or idle limit.
 *
 * Every write request on this process forgets everything once it has answered
 * (`sessionMiddleware`): logout, a password change, a new role, site or person link, a disabled
 * account — whatever route made it — take effect at once here. A lookup that began before such a
 * write is not remembered (the generation it started in has passed), so it cannot put the old
 * actor back. Another API process forgets only when its entry ages out: at most `ttlMs` of
 * staleness there (ARCHITECTURE.md, Growing past one machine).
 */
export interface ActorCache {
  /** The remembered actor of a session id, if still fresh. */
  get(sessionId: string, now: number): Actor | undefined;
  /** The generation to hand back to `remember`: read it before the lookup starts. */
  generation(): number;
  remember(sessionId: string, entry: CachedSession, generation: number, now: number): void;
  /** Forget every entry (after a write). */
  clear(): void;
}

export interface CachedSession {
  actor: Actor;
  /** The session's absolute expiry and the instant it goes idle, in ms since the epoch. */
  expiresAt: number;
  idleAt: number;
}

/** Enough for every signed-in user of a city at once; past it the oldest entries go first. */
const MAX_ENTRIES = 20_000;

export function createActorCache(ttlMs: number): ActorCache {
  const entries = new Map<string, CachedSession & { until: number }>();
  let generation = 0;
  return {
    get(sessionId, now) {
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      if (now >= entry.until || now >= entry.expiresAt || now >= entry.idleAt) {
        entries.delete(sessionId);
        return undefined;
      }
      return entry.actor;
    },
    generation: () => generation,
    remember(sessionId, entry, startedIn, now) {
      if (ttlMs <= 0 || startedIn !== generation) return;
      if (entries.size >= MAX_ENTRIES) {
        // A Map iterates in insertion order: drop the oldest tenth.
        let drop = Math.ceil(MAX_ENTRIES / 10);
        for (const key of entries.keys()) {
          entries.delete(key);
          if (--drop === 0) break;
        }
      }
      // One object serves many requests: frozen, so that no handler can change it for the next.
      Object.freeze(entry.actor.regionPaths);
      Object.freeze(entry.actor);
      entries.delete(sessionId);
      entries.set(sessionId, { ...entry, until: now + ttlMs });
    },
    clear() {
      generation++;
      entries.clear();
    },
  };
}
