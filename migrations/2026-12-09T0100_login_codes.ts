import { type Kysely, sql } from 'kysely';

/**
 * Issue 21: 短信验证码登录 (sign-in with a code sent by SMS). One row per request for a code,
 * whether or not an account has that phone (rate limits count every request, and an unknown
 * phone must look the same from outside): `phone_hash` and `ip` are what the limits count by,
 * `user_id` and `code_hash` are set only when a code was really sent. The code is stored as a
 * keyed hash, never in clear; `attempts` counts wrong guesses, `used_at` makes it single use.
 * `created_at` and `expires_at` come from the application clock, so tests can move time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_codes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('login_codes_sent_whole', sql`(user_id is null) = (code_hash is null)`)
    .execute();
  await db.schema
    .createIndex('login_codes_phone_idx')
    .on('login_codes')
    .columns(['phone_hash', 'created_at'])
    .execute();
  await db.schema.createIndex('login_codes_ip_idx').on('login_codes').columns(['ip', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_codes').execute();
}
