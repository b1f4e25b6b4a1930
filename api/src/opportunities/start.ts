import type { AppDeps } from '../http/env.ts';
import { startSearchSync } from '../search-sync/worker.ts';
import { ensureSeedSkills } from '../skills/seed.ts';
import { applySkillSynonyms } from '../skills/synonyms.ts';

/**
 * What the platform runs at start for opportunities: the seeded skill taxonomy (on every
 * database, demo or not), then, unless `background` is false, synonyms from it and the
 * outbox → Meilisearch sync loop. Returns the stop function.
 */
export async function startOpportunities(deps: AppDeps, { background = true } = {}): Promise<() => Promise<void>> {
  const added = await ensureSeedSkills(deps.db);
  if (added) deps.logger.info({ added }, 'skill taxonomy seeded');
  if (!background) return async () => {};
  // In the background: start-up need not wait for Meilisearch to process ~1,000 synonyms.
  void applySkillSynonyms(deps.db, deps.search).catch((error) =>
    deps.logger.warn({ err: error }, 'skill synonyms not applied'),
  );
  return startSearchSync(deps);
}
