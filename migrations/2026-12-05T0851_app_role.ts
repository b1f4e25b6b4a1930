import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: the API no longer connects as the owner (a superuser, for the embedded PostgreSQL),
 * which could drop tables or disable the audit log's append-only triggers. It connects as the
 * login role `anju_app`: no superuser, no CREATEDB/CREATEROLE, owning nothing, with only the DML
 * it needs. Migrations, the seeders and `pnpm migrate` keep running as the owner (the role of
 * DATABASE_URL), which is the role this migration runs as.
 *
 * The embedded start creates `anju_app` with a password kept under DATA_DIR before migrating; on
 * an external PostgreSQL the administrator creates it (`create role anju_app login password …`)
 * or, failing that, this migration creates it without login when the owner may create roles.
 *
 * - every table: select, insert, update, delete; sequences: usage, select;
 * - `audit_log`: select and insert only (its triggers refuse update/delete/truncate even to the
 *   owner; the app has no privilege to try, nor to disable them: only the table's owner may);
 * - the migrator's own tables: nothing;
 * - default privileges: tables and sequences later migrations create get the same grants.
 */

// Frozen copy of the app's role name (migrations never import app code).
const role = 'anju_app';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`do $$ begin
      if not exists (select from pg_roles where rolname = '${role}') then
        begin
          create role ${role} nologin;
        exception when insufficient_privilege then
          raise exception 'the API connects as the role ${role}, which does not exist and % may not create: have the database administrator run  create role ${role} login password ''…''  then start again', current_user;
        end;
      end if;
      execute format('grant connect on database %I to ${role}', current_database());
    end $$`)
    .execute(db);
  await sql.raw(`grant usage on schema public to ${role}`).execute(db);
  await sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`).execute(db);
  await sql.raw(`grant usage, select on all sequences in schema public to ${role}`).execute(db);
  await sql.raw(`revoke all on audit_log from ${role}`).execute(db);
  await sql.raw(`grant select, insert on audit_log to ${role}`).execute(db);
  await sql.raw(`revoke all on kysely_migration, kysely_migration_lock from ${role}`).execute(db);
  await sql
    .raw(`alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`)
    .execute(db);
  await sql.raw(`alter default privileges in schema public grant usage, select on sequences to ${role}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The role itself stays: roles belong to the whole PostgreSQL cluster, not to this database.
  await sql.raw(`alter default privileges in schema public revoke all on sequences from ${role}`).execute(db);
  await sql.raw(`alter default privileges in schema public revoke all on tables from ${role}`).execute(db);
  await sql.raw(`revoke all on all sequences in schema public from ${role}`).execute(db);
  await sql.raw(`revoke all on all tables in schema public from ${role}`).execute(db);
  await sql.raw(`revoke usage on schema public from ${role}`).execute(db);
  await sql
    .raw(`do $$ begin execute format('revoke connect on database %I from ${role}', current_database()); end $$`)
    .execute(db);
}
