import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

/**
 * The login role the API's pool connects as: no superuser, no CREATEDB/CREATEROLE, owning no
 * table, granted only the DML it needs by migration 2026-12-05T0851 (audit_log: select and insert).
 * Migrations and the seeders run as the owner, the role of DATABASE_URL.
 */
export const APP_ROLE = 'anju_app';

/** Creates the app role, or resets it to these attributes and password (the embedded start, as superuser). */
export async function ensureAppRole(admin: pg.Client, password: string): Promise<void> {
  // A server restored to a point in time replays WAL read-only before it promotes itself: wait for
  // the end of recovery (at most 2 minutes) before changing a role.
  for (let waited = 0; waited < 120_000; waited += 250) {
    const { rows } = await admin.query<{ recovering: boolean }>('select pg_is_in_recovery() as recovering');
    if (!rows[0]?.recovering) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const attributes = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${admin.escapeLiteral(password)}`;
  const { rowCount } = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
  await admin.query(`${rowCount ? 'alter' : 'create'} role ${APP_ROLE} with ${attributes}`);
}

/** Why the pool's role is more powerful than the app needs, if it is (logged as a warning at start). */
export async function excessPrivilegeOf(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ role: string; superuser: boolean; owned: number }>`
    select current_user as role, r.rolsuper as superuser,
      (select count(*)::int from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owned
    from pg_roles r where r.rolname = current_user`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  if (row.superuser) return `the API connects as ${row.role}, a superuser`;
  if (row.owned > 0) return `the API connects as ${row.role}, which owns ${row.owned} tables`;
  return undefined;
}
