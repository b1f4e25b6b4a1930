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
 *
 * Lookups of one session that overlap share one query (`once`): when an entry ages out under
 * load, the requests of that session in flight wait for one query instead of each sending its
 * own (bench/results/search-load-50.md: 50 at once, on a pool of 20, held searches up to 120 ms).
 * A lookup that began before a write is never joined by one that begins after it.
 */
export interface ActorCache {
  /** The remembered actor of a session id, if still fresh. */
  get(sessionId: string, now: number): Actor | undefined;
  /** The generation to hand back to `remember`: read it before the lookup starts. */
  generation(): number;
  remember(sessionId: string, entry: CachedSession, generation: number, now: number): void;
  /** `lookup()`, or the one already running for this session since the last clear. */
  once(sessionId: string, lookup: () => Promise<Actor | undefined>): Promise<Actor | undefined>;
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

/** One actor object serves many requests: frozen, so that no handler can change it for the next. */
function freeze(actor: Actor): Actor {
  Object.freeze(actor.regionPaths);
  return Object.freeze(actor);
}

export function createActorCache(ttlMs: number): ActorCache {
  const entries = new Map<string, CachedSession & { until: number }>();
  const running = new Map<string, { generation: number; actor: Promise<Actor | undefined> }>();
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
      freeze(entry.actor);
      entries.delete(sessionId);
      entries.set(sessionId, { ...entry, until: now + ttlMs });
    },
    once(sessionId, lookup) {
      const shared = running.get(sessionId);
      if (shared && shared.generation === generation) return shared.actor;
      const mine = {
        generation,
        actor: lookup()
          .then((actor) => actor && freeze(actor))
          .finally(() => {
            if (running.get(sessionId) === mine) running.delete(sessionId);
          }),
      };
      running.set(sessionId, mine);
      return mine.actor;
    },
    clear() {
      generation++;
      entries.clear();
      running.clear();
    },
  };
}
