import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The household summaries (`household_summary`, `household_month_summary`) are kept current on
 * every write by statement-level triggers (migration 2026-11-29T1230); this rebuilds both from
 * the ledgers in one set-based pass — the nightly safety net, and after bulk loads that bypass
 * nothing but are cheaper to redo at once. Run it inside a batch transaction at city scale.
 */
export async function rebuildHouseholdSummaries(db: Db): Promise<{ ms: number }> {
  const started = performance.now();
  await sql`select refresh_household_summaries(null)`.execute(db);
  return { ms: Math.round(performance.now() - started) };
}
