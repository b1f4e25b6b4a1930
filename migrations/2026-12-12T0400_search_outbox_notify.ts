import { type Kysely, sql } from 'kysely';

/**
 * A write that queues search work says so on commit (issue 23): `NOTIFY search_outbox` once per
 * statement that inserts into search_outbox, whichever code path inserts. The search-sync loop
 * LISTENs and drains at once instead of at its next poll. PostgreSQL delivers a notification only
 * when the transaction commits, and folds identical ones of one transaction into one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function search_outbox_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('search_outbox', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger search_outbox_notify after insert on search_outbox
    for each statement execute function search_outbox_notify()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists search_outbox_notify on search_outbox`.execute(db);
  await sql`drop function if exists search_outbox_notify()`.execute(db);
}
