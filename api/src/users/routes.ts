import { createRoute } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { issueSetupCode, type MessageChannel, screenOnlyChannel } from '../access/setup-codes.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { createAccount, managedOrHidden, setAccountStatus, updateAccount } from './accounts.ts';
import { userLinkRoutes } from './links.routes.ts';
import { assignableRegions, listUsers } from './queries.ts';
import {
  assignableRegionsSchema,
  createUserBody,
  setupCodeBody,
  setupCodeSchema,
  updateUserBody,
  userIdParam,
  userListQuery,
  userListSchema,
  userReadQuery,
  userSchema,
} from './schema.ts';
import { assertMayCreate, assertMayUpdate } from './service.ts';

const refusals = {
  401: { description: 'Not signed in' },
  403: { description: 'The role may not manage accounts' },
  404: { description: 'No such account within your scope' },
};

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Accounts: all for an admin, the residents of their sites for a community worker',
  request: { query: userListQuery },
  responses: { 200: json(userListSchema, 'A page of accounts'), ...refusals },
});
const createRouteDef = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create an account (admin: any role; worker: residents of their sites)',
  request: body(createUserBody),
  responses: {
    201: json(userSchema, 'Created'),
    400: { description: 'Invalid fields' },
    409: { description: 'Login or phone taken' },
    ...refusals,
  },
});
const regionsRoute = createRoute({
  method: 'get',
  path: '/assignable-regions',
  summary: 'Regions and sites the actor may attach accounts to (for the account form)',
  responses: { 200: json(assignableRegionsSchema, 'Regions, root first'), ...refusals },
});
const readRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One account; `?reveal=phone` shows the phone number unmasked and is audited',
  request: { params: userIdParam, query: userReadQuery },
  responses: { 200: json(userSchema, 'The account'), ...refusals },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change an account (a worker: a resident’s name, phone and site only)',
  request: { params: userIdParam, ...body(updateUserBody) },
  responses: { 200: json(userSchema, 'Changed'), 400: { description: 'Invalid fields' }, ...refusals },
});
const disableRoute = createRoute({
  method: 'post',
  path: '/{id}/disable',
  summary: 'Disable an account (admin); all its sessions end at once',
  request: { params: userIdParam },
  responses: { 200: json(userSchema, 'Disabled'), 409: { description: 'You cannot disable yourself' }, ...refusals },
});
const enableRoute = createRoute({
  method: 'post',
  path: '/{id}/enable',
  summary: 'Enable a disabled account again (admin)',
  request: { params: userIdParam },
  responses: { 200: json(userSchema, 'Enabled'), ...refusals },
});
const setupCodeRoute = createRoute({
  method: 'post',
  path: '/{id}/setup-code',
  summary: 'Issue a one-time setup code (shown once) so the person can set their own password',
  description:
    'For an account that already has a password, only at the person’s own request, which `residentRequest` documents (audited).',
  request: {
    params: userIdParam,
    body: { content: { 'application/json': { schema: setupCodeBody } }, required: false },
  },
  responses: {
    201: json(setupCodeSchema, 'The code, shown only in this answer'),
    409: { description: 'Account disabled, or it has a password and no documented request' },
    ...refusals,
  },
});

/** `/api/users`: account management. `channel` carries setup codes (SMS later; today only the worker's screen). */
export function userRoutes({ db }: AppDeps, channel: MessageChannel = screenOnlyChannel) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      return c.json(await listUsers(db, actor, c.req.valid('query')), 200);
    })
    .openapi(regionsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      return c.json({ items: await assignableRegions(db, actor) }, 200);
    })
    .route('/', userLinkRoutes({ db }))
    .openapi(createRouteDef, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const input = c.req.valid('json');
      assertMayCreate(actor, input);
      const id = await createAccount(db, c, actor, input);
      return c.json(await managedOrHidden(db, actor, id), 201);
    })
    .openapi(readRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id } = c.req.valid('param');
      const reveal = c.req.valid('query').reveal === 'phone';
      const user = await managedOrHidden(db, actor, id, reveal);
      if (reveal && user.phone) {
        await writeAudit(db, c, { action: 'read', resourceType: 'user', resourceId: id, fields: ['phone'] });
      }
      return c.json(user, 200);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      assertMayUpdate(actor, input);
      await updateAccount(db, c, actor, id, input);
      return c.json(await managedOrHidden(db, actor, id), 200);
    })
    .openapi(disableRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      if (id === actor.userId) throw new AppError('conflict', 'You cannot disable your own account');
      await setAccountStatus(db, c, actor, id, 'disabled');
      return c.json(await managedOrHidden(db, actor, id), 200);
    })
    .openapi(enableRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      await setAccountStatus(db, c, actor, id, 'active');
      return c.json(await managedOrHidden(db, actor, id), 200);
    })
    .openapi(setupCodeRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id } = c.req.valid('param');
      const { residentRequest } = c.req.valid('json');
      const user = await managedOrHidden(db, actor, id, true);
      if (user.status !== 'active') throw new AppError('conflict', 'The account is disabled');
      // A code replaces a password: only for a new account, or when the person asked for it.
      if (user.hasPassword && !residentRequest)
        throw new AppError('conflict', 'The account has a password; a new code needs the person’s documented request', {
          errors: [
            {
              path: 'json.residentRequest',
              message: 'required when the account already has a password',
              code: 'required',
            },
          ],
        });
      const { code, expiresAt } = await issueSetupCode(db, id);
      // The answer names the phone number the person signs in with: a read of that field.
      await writeAudit(db, c, {
        action: 'user.setup-code',
        resourceType: 'user',
        resourceId: id,
        fields: user.phone ? ['phone'] : undefined,
        detail: { hadPassword: user.hasPassword, ...(residentRequest ? { residentRequest } : {}) },
      });
      await channel.send(
        { phone: user.phone, name: user.name },
        `安居：您的账号激活码是 ${code}，72 小时内有效。请勿告诉他人。`,
      );
      return c.json({ code, expiresAt: expiresAt.toISOString(), login: (user.phone ?? user.login) as string }, 201);
    });
}
