import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, ensureAppRole, excessPrivilegeOf } from '../../api/src/db/app-role.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

/**
 * Issue 15: the API connects as `anju_app`, not as the owner. Every other test file runs the app
 * on this role too (tests/support/context.ts), which shows its grants suffice; this one shows
 * what it may NOT do, so SQL reaching PostgreSQL through the app cannot undo the audit log.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const asApp = (statement: string) => sql.raw(statement).execute(ctx.db);

describe('the app role anju_app', () => {
  it('is what the app connects as: no superuser, no CREATEDB/CREATEROLE, owning nothing', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select current_user as role, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls,
        (select count(*)::int from pg_class where relowner = r.oid) as tables,
        (select count(*)::int from pg_proc where proowner = r.oid) as functions,
        (select count(*)::int from pg_namespace where nspowner = r.oid) as schemas
      from pg_roles r where rolname = current_user`.execute(ctx.db);
    expect(rows[0]).toEqual({
      role: APP_ROLE,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      tables: 0,
      functions: 0,
      schemas: 0,
    });
    expect(await excessPrivilegeOf(ctx.db)).toBeUndefined();
    expect(await excessPrivilegeOf(ctx.ownerDb)).toMatch(/superuser/);
  });

  it('may append to and read the audit log, never change, empty or unguard it', async () => {
    await asApp(`insert into audit_log (action, resource_type, outcome) values ('read', 'test', 'ok')`);
    const { rows } = await sql`select count(*)::int as n from audit_log where resource_type = 'test'`.execute(ctx.db);
    expect(rows).toEqual([{ n: 1 }]);
    await expect(asApp(`update audit_log set action = 'x'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(asApp('delete from audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(asApp('truncate audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(asApp('alter table audit_log disable trigger audit_log_no_update_delete')).rejects.toThrow(
      /must be owner of table audit_log/,
    );
    await expect(asApp('drop table audit_log')).rejects.toThrow(/must be owner of table audit_log/);
  });

  it("cannot drop or alter tables, create any, become another role or read the migrator's bookkeeping", async () => {
    await expect(asApp('drop table households')).rejects.toThrow(/must be owner of table households/);
    await expect(asApp('alter table households add column x int')).rejects.toThrow(/must be owner/);
    await expect(asApp('create table sneaky (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(asApp('set role postgres')).rejects.toThrow(/permission denied to set role "postgres"/);
    await expect(asApp('set session authorization postgres')).rejects.toThrow(/permission denied/);
    await expect(asApp('create role sneaky')).rejects.toThrow(/permission denied to create role/);
    await expect(asApp('delete from kysely_migration')).rejects.toThrow(/permission denied/);
  });

  it('gets read and write on tables that later migrations create (default privileges)', async () => {
    await sql`create table later_migration_table (id bigint generated always as identity primary key, note text)`.execute(
      ctx.ownerDb,
    );
    try {
      await asApp(`insert into later_migration_table (note) values ('written by the app')`);
      await asApp(`update later_migration_table set note = 'changed'`);
      const { rows } = await sql`select note from later_migration_table`.execute(ctx.db);
      expect(rows).toEqual([{ note: 'changed' }]);
      await expect(asApp('drop table later_migration_table')).rejects.toThrow(/must be owner/);
    } finally {
      await sql`drop table later_migration_table`.execute(ctx.ownerDb);
    }
  });

  it('is reset to these attributes by every embedded start, idempotently', async () => {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    try {
      await ensureAppRole(admin, 'test-app'); // the password the test run's PostgreSQL gave it
      const { rows } = await admin.query('select rolcanlogin, rolsuper from pg_roles where rolname = $1', [APP_ROLE]);
      expect(rows).toEqual([{ rolcanlogin: true, rolsuper: false }]);
    } finally {
      await admin.end();
    }
    const { rows } = await sql`select current_user as role`.execute(ctx.db);
    expect(rows).toEqual([{ role: APP_ROLE }]);
  });
});
