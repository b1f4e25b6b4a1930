import type { Db } from '../db/database.ts';
import { seedSkills } from './skill-seed-data.ts';

/**
 * Loads the seeded taxonomy into any database (demo or not), at every start. Idempotent and
 * respectful of admins: only codes that are missing are added, so edits made in the portal
 * are never overwritten. Parents are set in a second pass because they may come later.
 * (Not a data migration: migrations never import app code, and the list grows over time.)
 */
export async function ensureSeedSkills(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('skills')
      .values(
        seedSkills.map((skill) => ({
          code: skill.code,
          nameZh: skill.nameZh,
          nameEn: skill.nameEn,
          aliases: skill.aliases,
          category: skill.category,
          parentCode: null,
          occupationCode: skill.occupationCode,
          occupationEdition: skill.occupationEdition,
          certificateRequired: skill.certificateRequired,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    const added = new Set(inserted.map((row) => row.code));
    for (const skill of seedSkills) {
      if (added.has(skill.code) && skill.parentCode) {
        await trx.updateTable('skills').set({ parentCode: skill.parentCode }).where('code', '=', skill.code).execute();
      }
    }
    return added.size;
  });
}
