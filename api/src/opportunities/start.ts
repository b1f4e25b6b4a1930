import type { AppDeps } from '../http/env.ts';
import { ensureSeedSkills } from '../skills/seed.ts';
import { applySkillSynonyms } from '../skills/synonyms.ts';

/**
 * What the platform runs at start for opportunities: the seeded skill taxonomy (on every
 * database, demo or not), then, unless `background` is false, synonyms from it. The outbox →
 * Meilisearch sync loop is started by the platform (search-sync reads opportunities, not the
 * other way round).
 */
export async function startOpportunities(deps: AppDeps, { background = true } = {}): Promise<void> {
  const added = await ensureSeedSkills(deps.db);
  if (added) deps.logger.info({ added }, 'skill taxonomy seeded');
  if (!background) return;
  // In the background: start-up need not wait for Meilisearch to process ~1,000 synonyms.
  void applySkillSynonyms(deps.db, deps.search).catch((error) =>
    deps.logger.warn({ err: error }, 'skill synonyms not applied'),
  );
}
