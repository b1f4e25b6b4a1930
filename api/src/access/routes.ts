import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientIp } from '../http/client-ip.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { loadActor } from './actor.ts';
import { writeAudit } from './audit.ts';
import { loginCodePolicy, requestLoginCode, type SendLoginCode, useLoginCode } from './login-codes.ts';
import { meOf } from './me.ts';
import { requireActor } from './middleware.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.ts';
import { findUserByLogin, setPasswordEndingSessions } from './queries.ts';
import {
  loginBody,
  loginCodeRequestBody,
  loginCodeRequested,
  loginCodeSignInBody,
  meSchema,
  setupBody,
} from './schema.ts';
import { createSession, endSession, SESSION_COOKIE, sessionPolicy } from './sessions.ts';
import { verifySetupCode } from './setup-codes.ts';
import { attemptSucceeded, isUsualPlace, rememberPlace, reserveAttempt, throttleRules } from './throttle.ts';

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  summary: 'Sign in with user name or phone number and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: loginBody } }, required: true } },
  responses: {
    200: json(meSchema, 'Signed in'),
    401: { description: 'Wrong login or password' },
    429: { description: 'Too many attempts' },
  },
});

const setupRoute = createRoute({
  method: 'post',
  path: '/setup',
  summary: 'Set the first password with the one-time setup code a worker handed over; signs in',
  request: { body: { content: { 'application/json': { schema: setupBody } }, required: true } },
  responses: { 200: json(meSchema, 'Password set and signed in'), 401: { description: 'Wrong or expired code' } },
});

const loginCodeRequestRoute = createRoute({
  method: 'post',
  path: '/login-code',
  summary:
    'Ask for a 6-digit sign-in code by SMS (短信验证码); the same answer whether or not an account has the phone',
  request: { body: { content: { 'application/json': { schema: loginCodeRequestBody } }, required: true } },
  responses: {
    202: json(loginCodeRequested, 'Accepted: a code is on its way if an active account has this phone'),
    429: { description: 'Asked too often for this phone or from this address (Retry-After)' },
  },
});

const loginCodeSignInRoute = createRoute({
  method: 'post',
  path: '/login-code/sign-in',
  summary: 'Sign in with the phone number and the code it received; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: loginCodeSignInBody } }, required: true } },
  responses: { 200: json(meSchema, 'Signed in'), 401: { description: 'Wrong, used or expired code' } },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  summary: 'End the current session',
  responses: { 204: { description: 'Signed out' } },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in account',
  responses: { 200: json(meSchema, 'The signed-in account'), 401: { description: 'Not signed in' } },
});

async function startSession(deps: AppDeps, c: Context<AppEnv>, userId: string) {
  // Rotate: whatever session the browser presented is ended, a fresh id is issued.
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await endSession(deps.db, previous);
  const { token } = await createSession(deps.db, userId, {
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.env === 'production',
    path: '/',
    maxAge: Math.floor(sessionPolicy.absoluteMs / 1000),
  });
  const actor = await loadActor(deps.db, userId);
  if (!actor) throw new AppError('unauthenticated');
  return meOf(deps.db, actor);
}

const tooManyAttempts = (wait: number) =>
  new AppError('rate-limited', `Too many failed attempts; try again in ${wait} s`, { retryAfterSeconds: wait });

/** `sendLoginCode`: how a code reaches the phone (the notification service's SMS, from app.ts). */
export function authRoutes(deps: AppDeps, sendLoginCode: SendLoginCode) {
  const { db } = deps;
  const encryptionKey = deps.config.dataEncryptionKey;
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { login, password } = c.req.valid('json');
      const ip = clientIp(c);
      const rules = throttleRules('login', login, ip);
      const user = await findUserByLogin(db, login);
      const wait = await reserveAttempt(db, rules, { usualPlace: await isUsualPlace(db, user?.id, ip) });
      if (wait > 0) {
        await writeAudit(db, c, {
          action: 'login',
          resourceType: 'session',
          outcome: 'denied',
          detail: { login, reason: 'throttled' },
          actor: null,
        });
        throw tooManyAttempts(wait);
      }
      const valid = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !valid || user.status !== 'active') {
        await writeAudit(db, c, {
          action: 'login',
          resourceType: 'session',
          resourceId: user?.id ?? null,
          outcome: 'failed',
          detail: { login, reason: user?.status === 'disabled' ? 'disabled' : 'bad-credentials' },
          actor: null,
        });
        throw new AppError('unauthenticated', 'Wrong login or password');
      }
      await attemptSucceeded(db, rules);
      await rememberPlace(db, user.id, ip);
      const me = await startSession(deps, c, user.id);
      await writeAudit(db, c, {
        action: 'login',
        resourceType: 'session',
        resourceId: user.id,
        actor: null,
        detail: { login },
      });
      return c.json(me, 200);
    })
    .openapi(setupRoute, async (c) => {
      const { login, code, password } = c.req.valid('json');
      const rules = throttleRules('setup', login, clientIp(c));
      const wait = await reserveAttempt(db, rules, { usualPlace: false });
      if (wait > 0) throw tooManyAttempts(wait);
      const user = await findUserByLogin(db, login);
      if (user?.status !== 'active' || !(await verifySetupCode(user, code))) {
        await writeAudit(db, c, {
          action: 'account-setup',
          resourceType: 'user',
          resourceId: user?.id ?? null,
          outcome: 'failed',
          actor: null,
        });
        throw new AppError('unauthenticated', 'Wrong or expired setup code');
      }
      // The code was right: a weak password sent with it is no guess, so the attempt is given back.
      await attemptSucceeded(db, rules);
      const problem = passwordProblem(password, [user.name, user.login, user.phone]);
      if (problem)
        throw new AppError('validation', `password ${problem.message}`, {
          errors: [{ path: 'json.password', ...problem, params: { min: MIN_PASSWORD_LENGTH } }],
        });
      const passwordHash = await hashPassword(password);
      await setPasswordEndingSessions(db, user.id, passwordHash);
      const me = await startSession(deps, c, user.id);
      await writeAudit(db, c, { action: 'account-setup', resourceType: 'user', resourceId: user.id, actor: null });
      return c.json(me, 200);
    })
    .openapi(loginCodeRequestRoute, async (c) => {
      const { phone } = c.req.valid('json');
      const { waitSeconds, userId } = await requestLoginCode(db, {
        phone,
        ip: clientIp(c),
        encryptionKey,
        send: sendLoginCode,
      });
      if (waitSeconds > 0)
        throw new AppError('rate-limited', `Asked too often; try again in ${waitSeconds} s`, {
          retryAfterSeconds: waitSeconds,
        });
      if (userId)
        await writeAudit(db, c, { action: 'login-code-sent', resourceType: 'user', resourceId: userId, actor: null });
      return c.json(
        {
          sent: true as const,
          expiresInSeconds: loginCodePolicy.ttlMs / 1000,
          resendAfterSeconds: loginCodePolicy.phoneEveryMs / 1000,
        },
        202,
      );
    })
    .openapi(loginCodeSignInRoute, async (c) => {
      const { phone, code } = c.req.valid('json');
      const checked = await useLoginCode(db, { phone, code, encryptionKey });
      if (!checked.ok) {
        await writeAudit(db, c, {
          action: 'login',
          resourceType: 'session',
          resourceId: checked.userId,
          outcome: 'failed',
          detail: { method: 'sms-code', reason: checked.reason },
          actor: null,
        });
        // One answer for an unknown phone, a wrong, used or expired code: nothing to learn from it.
        throw new AppError('unauthenticated', 'Wrong or expired code');
      }
      await rememberPlace(db, checked.userId, clientIp(c));
      const me = await startSession(deps, c, checked.userId);
      await writeAudit(db, c, {
        action: 'login',
        resourceType: 'session',
        resourceId: checked.userId,
        actor: null,
        detail: { method: 'sms-code' },
      });
      return c.json(me, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await endSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => c.json(await meOf(db, requireActor(c)), 200));
}
