import { type Kysely, sql } from 'kysely';

/**
 * Stored ID masks showed the first 4 and last 4 characters; together with the birth date that
 * left one candidate number. From now on a mask shows the last character only: rewrite the
 * masks already stored (the ciphertext and the lookup hash are unchanged).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update persons
    set id_number_masked = repeat('*', length(id_number_masked) - 1) || right(id_number_masked, 1)
    where id_number_masked is not null and length(id_number_masked) >= 15
      and id_number_masked <> repeat('*', length(id_number_masked) - 1) || right(id_number_masked, 1)`.execute(db);
}

/** The earlier characters are not in the mask any more; going down keeps the shorter masks. */
export async function down(_db: Kysely<any>): Promise<void> {}
