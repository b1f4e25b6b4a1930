import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import type { skillInput, skillPatch } from './schema.ts';

const columns = [
  'code',
  'nameZh',
  'nameEn',
  'aliases',
  'category',
  'parentCode',
  'occupationCode',
  'occupationEdition',
  'certificateRequired',
] as const;

async function assertParentProblems(db: Db, code: string, parentCode: string | null | undefined) {
  if (!parentCode) return;
  if (parentCode === code) {
    throw new AppError('validation', 'A skill cannot be its own parent', {
      errors: [{ path: 'json.parentCode', message: 'cannot be the skill itself', code: 'parent-self' }],
    });
  }
  const parent = await db.selectFrom('skills').select('code').where('code', '=', parentCode).executeTakeFirst();
  if (!parent) {
    throw new AppError('validation', `Unknown parent skill ${parentCode}`, {
      errors: [{ path: 'json.parentCode', message: `unknown skill code ${parentCode}`, code: 'parent-unknown' }],
    });
  }
}

function occupationProblems(values: { occupationCode?: string | null; occupationEdition?: string | null }) {
  if (values.occupationCode && !values.occupationEdition) {
    throw new AppError('validation', 'An occupation code needs its edition', {
      errors: [
        {
          path: 'json.occupationEdition',
          message: 'required with occupationCode (codes change between editions)',
          code: 'required',
        },
      ],
    });
  }
}

/** One page of the taxonomy; q matches Chinese and English names, the code and aliases. */
export function listSkills(
  db: Db,
  query: PageRequest & { q?: string | undefined; category?: string | undefined; parentCode?: string | undefined },
) {
  let rows = db.selectFrom('skills');
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    rows = rows.where((eb) =>
      eb.or([
        eb('nameZh', 'ilike', like),
        eb('nameEn', 'ilike', like),
        eb('code', 'ilike', like),
        sql<boolean>`exists (select 1 from unnest(skills.aliases) alias where alias ilike ${like})`,
      ]),
    );
  }
  if (query.category) rows = rows.where('category', '=', query.category);
  if (query.parentCode) rows = rows.where('parentCode', '=', query.parentCode);
  return paged(rows, (filtered) => filtered.select(columns).orderBy('code'), query);
}

/** One skill; not-found when there is none. */
export async function findSkill(db: Db, code: string) {
  const row = await db.selectFrom('skills').select(columns).where('code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('not-found', 'No such skill');
  return row;
}

/** Adds a skill: its parent must exist, an occupation code needs its edition, the code must be free. */
export async function createSkill(db: Db, values: z.infer<typeof skillInput>) {
  await assertParentProblems(db, values.code, values.parentCode);
  occupationProblems(values);
  const exists = await db.selectFrom('skills').select('code').where('code', '=', values.code).executeTakeFirst();
  if (exists)
    throw new AppError('conflict', `Skill ${values.code} exists`, {
      errors: [{ path: 'json.code', message: 'taken', code: 'taken' }],
    });
  return db.insertInto('skills').values(values).returning(columns).executeTakeFirstOrThrow();
}

/** Changes a skill, checked like a new one against what it already holds. */
export async function updateSkill(db: Db, code: string, values: z.infer<typeof skillPatch>) {
  const existing = await db.selectFrom('skills').select(columns).where('code', '=', code).executeTakeFirst();
  if (!existing) throw new AppError('not-found', 'No such skill');
  await assertParentProblems(db, code, values.parentCode);
  occupationProblems({ ...existing, ...values });
  return db
    .updateTable('skills')
    .set({ ...values, updatedAt: new Date() })
    .where('code', '=', code)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** Deletes a skill no child skill and no posting (job, training, project) uses. */
export async function deleteSkill(db: Db, code: string) {
  const child = await db.selectFrom('skills').select('code').where('parentCode', '=', code).limit(1).executeTakeFirst();
  const needle = JSON.stringify([{ code }]);
  const used = await sql<{ n: number }>`
    select (select count(*) from jobs where required_skills @> ${needle}::jsonb or ${code} = any(optional_skills))
         + (select count(*) from trainings where skills_taught @> ${needle}::jsonb)
         + (select count(*) from projects where required_skills @> ${needle}::jsonb) as n`.execute(db);
  if (child || Number(used.rows[0]?.n) > 0) {
    throw new AppError('conflict', `Skill ${code} is in use (child skills or postings); rename it instead`);
  }
  const deleted = await db.deleteFrom('skills').where('code', '=', code).executeTakeFirst();
  if (!deleted.numDeletedRows) throw new AppError('not-found', 'No such skill');
}
