import { type Kysely, sql } from 'kysely';

/**
 * 单位认证 with a reason: an admin may reject an employer (驳回) with a reason the employer reads
 * on its profile, corrects and resubmits. `review_status` says where the review stands;
 * `verified` stays the column every visibility query reads, and a trigger keeps the two in step
 * (code that only sets `verified`, such as seeds, still gives a consistent row).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('employers')
    .addColumn('review_status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`review_status in ('pending', 'verified', 'rejected')`),
    )
    .addColumn('rejection_reason', 'text')
    .addColumn('rejected_at', 'timestamptz')
    .addColumn('rejected_by', 'bigint', (col) => col.references('users.id'))
    .addColumn('submitted_at', 'timestamptz')
    .execute();
  await sql`update employers set review_status = 'verified' where verified`.execute(db);
  await sql`update employers set submitted_at = created_at`.execute(db);

  await sql`create function employers_review_in_step() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.verified then new.review_status := 'verified'; end if;
        new.submitted_at := coalesce(new.submitted_at, now());
      elsif new.verified is distinct from old.verified and new.review_status is not distinct from old.review_status then
        new.review_status := case when new.verified then 'verified' else 'pending' end;
      end if;
      if new.review_status <> 'rejected' then
        new.rejection_reason := null;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger employers_review_in_step before insert or update on employers
    for each row execute function employers_review_in_step()`.execute(db);

  await sql`alter table employers add constraint employers_verified_matches_review
    check (verified = (review_status = 'verified'))`.execute(db);
  await sql`alter table employers add constraint employers_rejection_has_reason
    check (review_status <> 'rejected' or length(trim(rejection_reason)) > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger employers_review_in_step on employers`.execute(db);
  await sql`drop function employers_review_in_step()`.execute(db);
  await sql`alter table employers drop constraint employers_verified_matches_review`.execute(db);
  await sql`alter table employers drop constraint employers_rejection_has_reason`.execute(db);
  await db.schema
    .alterTable('employers')
    .dropColumn('review_status')
    .dropColumn('rejection_reason')
    .dropColumn('rejected_at')
    .dropColumn('rejected_by')
    .dropColumn('submitted_at')
    .execute();
}
