import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { endAllSessions } from './sessions.ts';

/** The account a login names, by login name or phone number, with what sign-in checks. */
export function findUserByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'status', 'name', 'login', 'phone', 'setupCodeHash', 'setupCodeExpiresAt'])
    .where((eb) => eb.or([eb('login', '=', login), eb('phone', '=', login)]))
    .executeTakeFirst();
}

/** Sets an account's password (its setup code spent) and ends every session it had, in one transaction. */
export function setPasswordEndingSessions(db: Db, userId: string, passwordHash: string) {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, setupCodeHash: null, setupCodeExpiresAt: null, updatedAt: new Date() })
      .where('id', '=', userId)
      .execute();
    // A new password ends every session the account had: whoever held one is out.
    await endAllSessions(trx, userId);
  });
}

/** The employer an employer account manages (its own, or its workshop's), if any; null for every other role. */
export async function employerIdOf(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== 'employer') return null;
  const row = await db.selectFrom('users').select('employerId').where('id', '=', actor.userId).executeTakeFirst();
  return row?.employerId ?? null;
}
