import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { linkPerson, managedOrHidden, unlinkPerson } from './accounts.ts';
import { listStaff } from './queries.ts';
import { userIdParam, userSchema } from './schema.ts';

/**
 * A resident's account ↔ their person record (one person, at most one account), and the list
 * of workers and helpers in the caller's scope that the pairing and hand-over forms pick from.
 * Mounted inside `/api/users` before `/{id}`.
 */

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

const staffRoute = createRoute({
  method: 'get',
  path: '/staff',
  summary: 'Active workers or helpers whose sites overlap the caller’s (for pairing and hand-over)',
  request: { query: z.object({ role: z.enum(['worker', 'helper']) }) },
  responses: {
    200: json(
      z
        .object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['worker', 'helper']) })) })
        .openapi('StaffList'),
      'Accounts, by name',
    ),
  },
});
const linkRoute = createRoute({
  method: 'put',
  path: '/{id}/person',
  summary: 'Link a resident’s account to their person in the registry (worker of that site, or admin); audited',
  request: { params: userIdParam, ...body(z.object({ personId: id }).openapi('LinkPerson')) },
  responses: {
    200: json(userSchema, 'The account, linked'),
    400: { description: 'Not a resident account' },
    404: { description: 'No such account or person within your scope' },
    409: { description: 'The person already has an account (reason person-already-linked)' },
  },
});
const unlinkRoute = createRoute({
  method: 'delete',
  path: '/{id}/person',
  summary: 'Remove the link between a resident’s account and their person; audited',
  request: { params: userIdParam },
  responses: { 200: json(userSchema, 'The account, unlinked'), 404: { description: 'No such account' } },
});

export function userLinkRoutes({ db }: Pick<AppDeps, 'db'>) {
  return createRouter()
    .openapi(staffRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { role } = c.req.valid('query');
      return c.json({ items: await listStaff(db, actor, role) }, 200);
    })
    .openapi(linkRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id: userId } = c.req.valid('param');
      const { personId } = c.req.valid('json');
      await linkPerson(db, c, actor, userId, personId);
      return c.json(await managedOrHidden(db, actor, userId), 200);
    })
    .openapi(unlinkRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id: userId } = c.req.valid('param');
      await unlinkPerson(db, c, actor, userId);
      return c.json(await managedOrHidden(db, actor, userId), 200);
    });
}
