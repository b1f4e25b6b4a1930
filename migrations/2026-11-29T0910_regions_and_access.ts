import { type Kysely, sql } from 'kysely';

/**
 * Regions (city ⊃ county ⊃ township ⊃ site), accounts, sessions, login throttling and the
 * append-only audit log. `regions.path` holds the ids from the root, e.g. `/1/4/17/`, so
 * "everything under this region" is a prefix match.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) =>
      col.notNull().check(sql`level in ('province', 'city', 'county', 'township', 'site')`),
    )
    .addColumn('parent_id', 'bigint', (col) => col.references('regions.id'))
    .addColumn('path', 'text', (col) => col.notNull().unique())
    .addColumn('county_code', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index regions_path_prefix_idx on regions (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex('regions_parent_idx').on('regions').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('login', 'text', (col) => col.unique())
    .addColumn('phone', 'text', (col) => col.unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) =>
      col.notNull().check(sql`role in ('resident', 'helper', 'employer', 'worker', 'official', 'admin')`),
    )
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`),
    )
    .addColumn('region_id', 'bigint', (col) => col.references('regions.id'))
    .addColumn('department', 'text')
    .addColumn('setup_code_hash', 'text')
    .addColumn('setup_code_expires_at', 'timestamptz')
    .addColumn('created_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_login_or_phone', sql`login is not null or phone is not null`)
    .execute();

  // Sites (or any region) a worker or helper is responsible for.
  await db.schema
    .createTable('user_regions')
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('region_id', 'bigint', (col) => col.notNull().references('regions.id'))
    .addPrimaryKeyConstraint('user_regions_pk', ['user_id', 'region_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('blocked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'bigint')
    .addColumn('role', 'text')
    .addColumn('region_path', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('resource_type', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('fields', sql`text[]`)
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`))
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('detail', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['user_id', 'at']).execute();
  // Append-only, even for a superuser connection: updates and deletes raise.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
  // Where the application connects as a non-superuser role, take the privileges away too.
  await sql`revoke update, delete, truncate on audit_log from public`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function if exists audit_log_append_only`.execute(db);
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('user_regions').execute();
  await db.schema.dropTable('users').execute();
  await db.schema.dropTable('regions').execute();
}
