import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole, staffInScope } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { findManagedUser } from './queries.ts';
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

async function managedAccount(db: AppDeps['db'], actor: Actor, userId: string) {
  const account = await findManagedUser(db, actor, userId);
  if (!account) throw outOfScope('user');
  return account;
}

export function userLinkRoutes({ db }: Pick<AppDeps, 'db'>) {
  return createRouter()
    .openapi(staffRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { role } = c.req.valid('query');
      const items = await db
        .selectFrom('users')
        .select(['users.id', 'users.name', 'users.role'])
        .where('users.role', '=', role)
        .where('users.status', '=', 'active')
        .where(staffInScope(actor))
        .orderBy('users.name')
        .limit(1000)
        .execute();
      return c.json({ items: items as { id: string; name: string; role: 'worker' | 'helper' }[] }, 200);
    })
    .openapi(linkRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id: userId } = c.req.valid('param');
      const { personId } = c.req.valid('json');
      await db.transaction().execute(async (trx) => {
        const account = await managedAccount(trx, actor, userId);
        if (account.role !== 'resident') {
          throw new AppError('validation', 'Only a resident’s account is linked to a person', {
            reason: 'link-not-resident',
            errors: [{ path: 'param.id', message: '只有搬迁群众的账号可以关联到家庭成员' }],
          });
        }
        const person = await trx
          .selectFrom('persons')
          .innerJoin('households', 'households.id', 'persons.householdId')
          .select('persons.id')
          .where('persons.id', '=', personId)
          .where(householdVisible(actor))
          .executeTakeFirst();
        if (!person) throw outOfScope('person');
        const holder = await trx
          .selectFrom('users')
          .select('id')
          .where('personId', '=', personId)
          .where('id', '!=', userId)
          .executeTakeFirst();
        if (holder) {
          throw new AppError('conflict', 'This person already has an account', {
            reason: 'person-already-linked',
            errors: [{ path: 'json.personId', message: '这个人已经关联了另一个账号', code: 'taken' }],
          });
        }
        await trx.updateTable('users').set({ personId, updatedAt: new Date() }).where('id', '=', userId).execute();
        await writeAudit(trx, c, {
          action: 'user.link-person',
          resourceType: 'user',
          resourceId: userId,
          detail: { personId },
        });
      });
      return c.json(await managedAccount(db, actor, userId), 200);
    })
    .openapi(unlinkRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'worker');
      const { id: userId } = c.req.valid('param');
      await db.transaction().execute(async (trx) => {
        const account = await managedAccount(trx, actor, userId);
        await trx
          .updateTable('users')
          .set({ personId: null, updatedAt: new Date() })
          .where('id', '=', userId)
          .execute();
        await writeAudit(trx, c, {
          action: 'user.unlink-person',
          resourceType: 'user',
          resourceId: userId,
          detail: { personId: account.personId },
        });
      });
      return c.json(await managedAccount(db, actor, userId), 200);
    });
}
