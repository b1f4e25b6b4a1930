import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../db/database.ts';

export const RESIDENTS_INDEX = 'residents';

/** The search document of a person: what is needed to find them, and nothing sensitive. */
export interface ResidentDocument {
  id: string;
  name: string;
  pinyin: string;
  pinyinSpaced: string;
  initials: string;
  householdId: string;
  householdNumber: string;
  siteId: string;
  siteName: string;
  relation: string;
  phoneLast4: string | null;
  /** Every region the site lies in (from its path): the server-side filter matches on these. */
  regionIds: string[];
  /** A hash of the fields above, so search:check can spot drift (not displayed in results). */
  docHash: string;
}

export function pinyinOf(name: string) {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  return {
    pinyin: syllables.join('').toLowerCase(),
    pinyinSpaced: syllables.join(' ').toLowerCase(),
    initials: initials.join('').toLowerCase(),
  };
}

/** The current documents for these people (everyone when omitted); people gone are absent. */
export async function residentDocuments(db: Db, personIds?: string[]): Promise<ResidentDocument[]> {
  if (personIds && personIds.length === 0) return [];
  let query = db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select([
      'persons.id',
      'persons.name',
      'persons.phone',
      'persons.relation',
      'households.id as householdId',
      'households.householdNumber',
      'site.id as siteId',
      'site.name as siteName',
      'site.path as sitePath',
    ])
    .orderBy('persons.id');
  if (personIds) query = query.where('persons.id', 'in', personIds);
  const rows = await query.execute();
  return rows.map((row) => {
    const document = {
      id: row.id,
      name: row.name,
      ...pinyinOf(row.name),
      householdId: row.householdId,
      householdNumber: row.householdNumber,
      siteId: row.siteId,
      siteName: row.siteName,
      relation: row.relation,
      phoneLast4: row.phone ? row.phone.slice(-4) : null,
      regionIds: row.sitePath.split('/').filter(Boolean),
    };
    return { ...document, docHash: createHash('sha256').update(JSON.stringify(document)).digest('hex').slice(0, 16) };
  });
}

/**
 * Enqueues search updates in the caller's transaction; the search-sync drain worker
 * (`drainOutbox`) indexes them, as for every other index.
 */
export async function enqueueResidents(db: Db, personIds: string[], operation: 'upsert' | 'delete' = 'upsert') {
  if (personIds.length === 0) return;
  await sql`
    insert into search_outbox (index_name, document_id, operation)
    select ${RESIDENTS_INDEX}, unnest(${personIds}::text[]), ${operation}`.execute(db);
}
