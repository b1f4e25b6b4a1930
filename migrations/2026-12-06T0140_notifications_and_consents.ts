import { type Kysely, sql } from 'kysely';

/**
 * Issue 21 (part A): messages that reach people, and candidates with consent.
 *
 * notifications (the in-app inbox, 消息) gains the `template` it was written from, its `params`
 * and its `category` (opt-outs are per category). `notification_outbox` holds what still has to
 * leave by another channel (短信 SMS): written in the caller's transaction beside the inbox row,
 * drained by a worker that claims rows FOR UPDATE SKIP LOCKED; `status` records the delivery
 * (pending → sent | failed | dropped) and `available_at` holds a text through quiet hours or a
 * retry's backoff. `notification_preferences`: per user, the muted categories, SMS on/off and the
 * quiet hours in China time (minutes after midnight; default 22:00–08:00).
 *
 * consents (授权): a resident's dated consent to be shown to employers as a candidate, given or
 * withdrawn, by themselves or by a helper/worker on their behalf (with a note). The latest row is
 * the consent in force; `persons.visible_to_employers` keeps it current for matching's retrieval.
 * Persons already visible get a `given` row dated today, recorded as from the register.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .addColumn('template', 'text')
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('general'))
    .execute();
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .column('user_id')
    .where(sql.ref('read_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'dropped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('notification_outbox_pending_idx')
    .on('notification_outbox')
    .column('available_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('notification_outbox_user_sent_idx')
    .on('notification_outbox')
    .columns(['user_id', 'sent_at'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('muted_categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('sms_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('quiet_start_minute', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(22 * 60)
        .check(sql`quiet_start_minute between 0 and 1439`),
    )
    .addColumn('quiet_end_minute', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(8 * 60)
        .check(sql`quiet_end_minute between 0 and 1439`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'bigint', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('employer_candidates'))
    .addColumn('given', 'boolean', (c) => c.notNull())
    .addColumn('dated', 'date', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull().check(sql`given_by in ('self', 'helper', 'worker', 'register')`))
    .addColumn('recorded_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consents_person_idx').on('consents').columns(['person_id', 'id']).execute();
  await sql`insert into consents (person_id, county_code, given, dated, given_by, note)
    select id, county_code, true, current_date, 'register', '登记时已允许' from persons where visible_to_employers`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notification_outbox').execute();
  await db.schema.dropIndex('notifications_unread_idx').execute();
  await db.schema
    .alterTable('notifications')
    .dropColumn('template')
    .dropColumn('params')
    .dropColumn('category')
    .execute();
}
