import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import type { Actor } from './actor.ts';
import { createActorCache } from './actor-cache.ts';
import { findSessionActor, SESSION_COOKIE, sessionPolicy } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends Sec-Fetch-Site and/or
 * Origin on a cross-site request, so a write whose headers show another origin is refused.
 * Clients that are not browsers send neither and cannot be driven cross-site.
 */
function assertSameOrigin(c: Context): void {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new AppError('forbidden', 'Cross-site request refused');
  }
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin) {
    // Behind a trusted proxy the browser's host is the one it forwarded; nobody else may say so.
    const forwardedHost = (c as Context<AppEnv>).get('viaTrustedProxy') ? c.req.header('x-forwarded-host') : undefined;
    const host = forwardedHost ?? c.req.header('host');
    if (!host || hostOf(origin) !== host) throw new AppError('forbidden', 'Cross-origin request refused');
  }
}

/** The host of an Origin header, or null when it is not a URL (`null`, garbage): never a 500. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Resolves the session cookie into `c.var.actor` (absent when signed out). Sessions seen in the
 * last 5 s are answered from this app's memory (`actor-cache.ts`); every write request, signed in
 * or not (logout, a password set with a setup code), forgets them all once it has answered.
 */
export function sessionMiddleware({ db }: AppDeps): MiddlewareHandler<AppEnv> {
  const cache = createActorCache(sessionPolicy.actorCacheMs);
  return async (c, next) => {
    const write = !SAFE_METHODS.has(c.req.method);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      if (write) assertSameOrigin(c);
      const actor = await findSessionActor(db, token, cache);
      if (actor) c.set('actor', actor);
    }
    try {
      await next();
    } finally {
      if (write) cache.clear();
    }
  };
}

/** The signed-in actor, or 401 problem+json. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Please sign in');
  return actor;
}
