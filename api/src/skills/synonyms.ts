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

/** Pushes the synonyms to the posting indexes (uids given, or the live ones) and waits. */
export async function applySkillSynonyms(db: Db, search: Search, uids?: string[]): Promise<void> {
  const synonyms = await skillSynonyms(db);
  for (const uid of uids ?? SKILL_SYNONYM_INDEXES.map((name) => search.indexUid(name))) {
    await search.client.index(uid).updateSynonyms(synonyms).waitTask({ timeout: 60_000 });
  }
}
