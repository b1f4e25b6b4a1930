import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf, pageQueryOf } from '../http/paging.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { createSkill, deleteSkill, findSkill, listSkills, updateSkill } from './queries.ts';
import { skillInput, skillPatch, skillSchema } from './schema.ts';
import { applySkillSynonyms } from './synonyms.ts';

const codeParam = z.object({ code: z.string().openapi({ param: { name: 'code', in: 'path' } }) });
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
      return c.json(await listSkills(db, c.req.valid('query')), 200);
    })
    .openapi(getRoute, async (c) => {
      requireActor(c);
      return c.json(await findSkill(db, c.req.valid('param').code), 200);
    })
    .openapi(createSkillRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const row = await createSkill(db, c.req.valid('json'));
      await refreshSynonyms();
      return c.json(row, 201);
    })
    .openapi(updateRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const row = await updateSkill(db, c.req.valid('param').code, c.req.valid('json'));
      await refreshSynonyms();
      return c.json(row, 200);
    })
    .openapi(deleteRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      await deleteSkill(db, c.req.valid('param').code);
      await refreshSynonyms();
      return c.body(null, 204);
    });
}
