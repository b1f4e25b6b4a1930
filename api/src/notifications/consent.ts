import { chinaToday } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type ConsentGivenBy = 'self' | 'helper' | 'worker' | 'register';

/** A person's consent to be shown to employers (授权), the latest record first, with its history. */
export async function loadConsent(db: Db, personId: string) {
  const history = await db
    .selectFrom('consents')
    .leftJoin('users', 'users.id', 'consents.recordedBy')
    .select(['consents.given', 'consents.dated', 'consents.givenBy', 'consents.note', 'users.name as recordedByName'])
    .where('consents.personId', '=', personId)
    .orderBy('consents.id', 'desc')
    .limit(50)
    .execute();
  const latest = history[0];
  return {
    personId,
    given: latest?.given ?? false,
    dated: latest?.dated ?? null,
    givenBy: latest?.givenBy ?? null,
    history,
  };
}

/**
 * The dated consent row alone, in the caller's transaction, for writers that set
 * `persons.visible_to_employers` themselves (a person registered or edited with it): the flag
 * never changes without the record that says who gave it and when.
 */
export async function insertConsent(
  db: Db,
  input: {
    personId: string;
    countyCode: string;
    given: boolean;
    givenBy: ConsentGivenBy;
    recordedBy: string | null;
    note: string | null;
  },
) {
  await db
    .insertInto('consents')
    .values({
      personId: input.personId,
      countyCode: input.countyCode,
      given: input.given,
      dated: chinaToday(),
      givenBy: input.givenBy,
      recordedBy: input.recordedBy,
      note: input.note,
    })
    .execute();
}

/**
 * Records a dated consent (or its withdrawal) and keeps `persons.visible_to_employers`, which
 * matching's candidate retrieval filters on, equal to it — in one transaction.
 */
export async function recordConsent(
  db: Db,
  input: { personId: string; given: boolean; givenBy: ConsentGivenBy; recordedBy: string; note: string | null },
) {
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('persons')
      .select('countyCode')
      .where('id', '=', input.personId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await insertConsent(trx, { ...input, countyCode: person.countyCode });
    await trx
      .updateTable('persons')
      .set({ visibleToEmployers: input.given, version: sql<number>`version + 1`, updatedAt: new Date() })
      .where('id', '=', input.personId)
      .execute();
  });
  return loadConsent(db, input.personId);
}
