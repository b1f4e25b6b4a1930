import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { hashPassword } from '../access/passwords.ts';
import { endAllSessions } from '../access/sessions.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { findManagedUser, personHasOtherAccount, replaceAssignedRegions, visiblePersonExists } from './queries.ts';
import type { CreateUserBody, UpdateUserBody } from './schema.ts';
import { changedFields, checkAccountFields } from './service.ts';

/**
 * Account writes (帐号管理), each one transaction: the account row, its assigned regions, ended
 * sessions and the audit row commit together. The route has checked the role and the fields' shape.
 */

/** An account the actor manages, or 404 (an account out of scope is not told apart from none). */
export async function managedOrHidden(db: Db, actor: Actor, id: string, revealPhone = false) {
  const user = await findManagedUser(db, actor, id, revealPhone);
  if (!user) throw outOfScope('user');
  return user;
}

/** Creates an account; its id. */
export function createAccount(db: Db, c: Context<AppEnv>, actor: Actor, input: CreateUserBody) {
  return db.transaction().execute(async (trx) => {
    await checkAccountFields(trx, actor, input, {});
    const { id } = await trx
      .insertInto('users')
      .values({
        login: input.login ?? null,
        phone: input.phone ?? null,
        name: input.name,
        role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        regionId: input.regionId ?? null,
        homeSiteId: input.homeSiteId ?? null,
        department: input.department ?? null,
        setupCodeHash: null,
        setupCodeExpiresAt: null,
        createdBy: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceAssignedRegions(trx, id, input.assignedRegionIds ?? []);
    await writeAudit(trx, c, {
      action: 'user.create',
      resourceType: 'user',
      resourceId: id,
      detail: { role: input.role, fields: changedFields(input) },
    });
    return id;
  });
}

/** Changes an account; a new password set by someone else ends the sessions opened with the old one. */
export function updateAccount(db: Db, c: Context<AppEnv>, actor: Actor, id: string, input: UpdateUserBody) {
  return db.transaction().execute(async (trx) => {
    const existing = await managedOrHidden(trx, actor, id, true);
    await checkAccountFields(trx, actor, { ...input, role: existing.role }, { userId: id, existing });
    const { assignedRegionIds, password, ...columns } = input;
    await trx
      .updateTable('users')
      .set({
        ...columns,
        ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (assignedRegionIds) await replaceAssignedRegions(trx, id, assignedRegionIds);
    if (password !== undefined) await endAllSessions(trx, id);
    await writeAudit(trx, c, {
      action: 'user.update',
      resourceType: 'user',
      resourceId: id,
      detail: { fields: changedFields(input) },
    });
  });
}

/** Disables (every session ends at once) or enables an account again. */
export function setAccountStatus(db: Db, c: Context<AppEnv>, actor: Actor, id: string, status: 'active' | 'disabled') {
  return db.transaction().execute(async (trx) => {
    await managedOrHidden(trx, actor, id);
    await trx.updateTable('users').set({ status, updatedAt: new Date() }).where('id', '=', id).execute();
    if (status === 'disabled') await endAllSessions(trx, id);
    await writeAudit(trx, c, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      resourceType: 'user',
      resourceId: id,
    });
  });
}

/** Links a resident's account to their person in the registry (one person, at most one account). */
export function linkPerson(db: Db, c: Context<AppEnv>, actor: Actor, userId: string, personId: string) {
  return db.transaction().execute(async (trx) => {
    const account = await managedOrHidden(trx, actor, userId);
    if (account.role !== 'resident') {
      throw new AppError('validation', 'Only a resident’s account is linked to a person', {
        reason: 'link-not-resident',
        errors: [{ path: 'param.id', message: '只有搬迁群众的账号可以关联到家庭成员' }],
      });
    }
    if (!(await visiblePersonExists(trx, actor, personId))) throw outOfScope('person');
    if (await personHasOtherAccount(trx, personId, userId)) {
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
}

/** Removes the link between a resident's account and their person. */
export function unlinkPerson(db: Db, c: Context<AppEnv>, actor: Actor, userId: string) {
  return db.transaction().execute(async (trx) => {
    const account = await managedOrHidden(trx, actor, userId);
    await trx.updateTable('users').set({ personId: null, updatedAt: new Date() }).where('id', '=', userId).execute();
    await writeAudit(trx, c, {
      action: 'user.unlink-person',
      resourceType: 'user',
      resourceId: userId,
      detail: { personId: account.personId },
    });
  });
}
