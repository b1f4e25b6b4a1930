import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { paged, pageOf, pageQueryOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { skillInput, skillPatch, skillSchema } from './schema.ts';
import { applySkillSynonyms } from './synonyms.ts';

const codeParam = z.object({ code: z.string().openapi({ param: { name: 'code', in: 'path' } }) });
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

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['skills'],
  summary: 'The skill taxonomy; q searches Chinese and English names and aliases',
  request: {
    query: z.object({
      q: z.string().trim().max(50).optional(),
      category: z.string().optional(),
      parentCode: z.string().optional(),
      // The portal's skill picker takes the taxonomy in one or two pages.
      ...pageQueryOf({ defaultSize: 100, maxSize: 500 }),
    }),
  },
  responses: {
    200: json(pageOf(skillSchema, 'SkillPage'), 'Skills'),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/{code}',
  tags: ['skills'],
  summary: 'One skill',
  request: { params: codeParam },
  responses: { 200: json(skillSchema, 'The skill'), 404: { description: 'No such skill' } },
});
const createSkillRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['skills'],
  summary: 'Admin: add a skill',
  request: body(skillInput),
  responses: { 201: json(skillSchema, 'Added'), 409: { description: 'Code taken' } },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{code}',
  tags: ['skills'],
  summary: 'Admin: change a skill (names, aliases, parent, occupation, certificate)',
  request: { params: codeParam, ...body(skillPatch) },
  responses: { 200: json(skillSchema, 'Changed') },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/{code}',
  tags: ['skills'],
  summary: 'Admin: delete a skill no posting and no child skill uses',
  request: { params: codeParam },
  responses: { 204: { description: 'Deleted' }, 409: { description: 'In use' } },
});

export function skillRoutes({ db, search, logger }: AppDeps) {
  // Synonyms follow the taxonomy; search being down must not fail the admin's edit.
  const refreshSynonyms = () =>
    applySkillSynonyms(db, search).catch((error) => logger.warn({ err: error }, 'skill synonyms not updated'));

  return createRouter()
    .openapi(listRoute, async (c) => {
      requireActor(c);
      const query = c.req.valid('query');
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
      return c.json(await paged(rows, (filtered) => filtered.select(columns).orderBy('code'), query), 200);
    })
    .openapi(getRoute, async (c) => {
      requireActor(c);
      const row = await db
        .selectFrom('skills')
        .select(columns)
        .where('code', '=', c.req.valid('param').code)
        .executeTakeFirst();
      if (!row) throw new AppError('not-found', 'No such skill');
      return c.json(row, 200);
    })
    .openapi(createSkillRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const values = c.req.valid('json');
      await assertParentProblems(db, values.code, values.parentCode);
      occupationProblems(values);
      const exists = await db.selectFrom('skills').select('code').where('code', '=', values.code).executeTakeFirst();
      if (exists)
        throw new AppError('conflict', `Skill ${values.code} exists`, {
          errors: [{ path: 'json.code', message: 'taken', code: 'taken' }],
        });
      const row = await db.insertInto('skills').values(values).returning(columns).executeTakeFirstOrThrow();
      await refreshSynonyms();
      return c.json(row, 201);
    })
    .openapi(updateRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const { code } = c.req.valid('param');
      const values = c.req.valid('json');
      const existing = await db.selectFrom('skills').select(columns).where('code', '=', code).executeTakeFirst();
      if (!existing) throw new AppError('not-found', 'No such skill');
      await assertParentProblems(db, code, values.parentCode);
      occupationProblems({ ...existing, ...values });
      const row = await db
        .updateTable('skills')
        .set({ ...values, updatedAt: new Date() })
        .where('code', '=', code)
        .returning(columns)
        .executeTakeFirstOrThrow();
      await refreshSynonyms();
      return c.json(row, 200);
    })
    .openapi(deleteRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const { code } = c.req.valid('param');
      const child = await db
        .selectFrom('skills')
        .select('code')
        .where('parentCode', '=', code)
        .limit(1)
        .executeTakeFirst();
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
      await refreshSynonyms();
      return c.body(null, 204);
    });
}
