import type { Search } from '../../../search/src/client.ts';
import type { Db } from '../db/database.ts';

export const SKILL_SYNONYM_INDEXES = ['jobs', 'trainings', 'projects'] as const;

/**
 * Meilisearch synonyms from the taxonomy: a skill's Chinese name and each alias all mean each
 * other (电焊 ↔ 焊工 ↔ 焊接). A word shared by several skills gets the union.
 */
export async function skillSynonyms(db: Db): Promise<Record<string, string[]>> {
  const skills = await db.selectFrom('skills').select(['nameZh', 'aliases']).execute();
  const map = new Map<string, Set<string>>();
  for (const skill of skills) {
    const words = [...new Set([skill.nameZh, ...skill.aliases].map((w) => w.trim()).filter(Boolean))];
    for (const word of words) {
      const set = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) set.add(other);
      map.set(word, set);
    }
  }
  return Object.fromEntries([...map].filter(([, set]) => set.size).map(([word, set]) => [word, [...set].slice(0, 50)]));
}

/** The same synonyms, whatever the order of words and of each word's list. */
function sameSynonyms(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const words = Object.keys(a);
  if (words.length !== Object.keys(b).length) return false;
  return words.every((word) => {
    const other = b[word];
    return (
      other !== undefined &&
      other.length === a[word].length &&
      [...other].sort().join('\n') === [...a[word]].sort().join('\n')
    );
  });
}

/**
 * Pushes the synonyms to the posting indexes (uids given, or the live ones) and waits; an index
 * that has them already is left alone. A settings task queues ahead of the postings written after
 * it, so at every start an unchanged push held the first new postings back from search.
 */
export async function applySkillSynonyms(db: Db, search: Search, uids?: string[]): Promise<void> {
  const synonyms = await skillSynonyms(db);
  for (const uid of uids ?? SKILL_SYNONYM_INDEXES.map((name) => search.indexUid(name))) {
    const index = search.client.index(uid);
    const current = await index.getSynonyms().catch(() => undefined);
    if (current && sameSynonyms(current, synonyms)) continue;
    await index.updateSynonyms(synonyms).waitTask({ timeout: 60_000 });
  }
}
