import type { Db } from '../db/database.ts';
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
