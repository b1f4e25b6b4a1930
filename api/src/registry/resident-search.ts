import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';

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

export async function residentDocuments(db: Db, personIds: string[]): Promise<ResidentDocument[]> {
  if (personIds.length === 0) return [];
  const rows = await db
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
    .where('persons.id', 'in', personIds)
    .execute();
  return rows.map((row) => ({
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
  }));
}

/** Enqueues search updates in the caller's transaction (the outbox keeps search in step with PostgreSQL). */
export async function enqueueResidents(db: Db, personIds: string[], operation: 'upsert' | 'delete' = 'upsert') {
  if (personIds.length === 0) return;
  await sql`
    insert into search_outbox (index_name, document_id, operation)
    select ${RESIDENTS_INDEX}, unnest(${personIds}::text[]), ${operation}`.execute(db);
}

/**
 * Writes the residents' documents straight to Meilisearch after the commit, and clears their
 * outbox rows. Until the shared outbox drain worker lands, this is what keeps search fresh;
 * a failure leaves the outbox rows for the worker (or the next write) to retry.
 */
export async function indexResidents(
  deps: Pick<AppDeps, 'db' | 'search' | 'logger'>,
  personIds: string[],
  options: { wait?: boolean } = {},
): Promise<void> {
  const index = deps.search.client.index(deps.search.indexUid(RESIDENTS_INDEX));
  try {
    for (let i = 0; i < personIds.length; i += 5000) {
      const batch = personIds.slice(i, i + 5000);
      const documents = await residentDocuments(deps.db, batch);
      const found = new Set(documents.map((d) => d.id));
      const gone = batch.filter((id) => !found.has(id));
      const tasks = [];
      if (documents.length) tasks.push(index.addDocuments(documents));
      if (gone.length) tasks.push(index.deleteDocuments(gone));
      for (const task of tasks) {
        if (options.wait) await task.waitTask({ timeout: 60_000 });
        else await task;
      }
      await deps.db
        .deleteFrom('searchOutbox')
        .where('indexName', '=', RESIDENTS_INDEX)
        .where('documentId', 'in', batch)
        .execute();
    }
  } catch (error) {
    deps.logger.warn({ err: error }, 'indexing residents failed; the outbox keeps them');
  }
}

/** The filter the server adds to every residents search; the client cannot alter it. */
export async function residentSearchFilter(db: Db, actor: Actor): Promise<string | null | false> {
  const quote = (ids: string[]) => ids.map((id) => `"${id.replace(/\D/g, '')}"`).join(', ');
  switch (actor.role) {
    case 'admin':
      return null;
    case 'official':
    case 'worker': {
      if (actor.allRegions) return null;
      const regionIds = actor.regionPaths.map((path) => path.split('/').filter(Boolean).at(-1) as string);
      return regionIds.length ? `regionIds IN [${quote(regionIds)}]` : false;
    }
    case 'helper': {
      const rows = await db
        .selectFrom('helperAssignments')
        .select('householdId')
        .where('userId', '=', actor.userId)
        .execute();
      return rows.length ? `householdId IN [${quote(rows.map((r) => r.householdId))}]` : false;
    }
    default:
      return false;
  }
}
