import { chinaToday } from '@anju/domain/clock';
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { personHistory } from './history.ts';
import { personsPage, skillsOf, visiblePerson } from './queries.ts';
import {
  historyQuery,
  historySchema,
  idParams,
  personCreateBody,
  personListQuery,
  personSchema,
  personUpdateBody,
  revealQuery,
  skillsBody,
} from './schema.ts';
import { disclosureFor, requireRegistryReader, requireRegistryWriter } from './scope.ts';
import { personView } from './views.ts';
import { createPerson, deletePerson, replacePersonSkills, updatePersonAlone } from './writes.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'People (家庭成员) in the households the caller may see, with filters, paging and sorting',
  description:
    'ID numbers are masked; phones are masked for roles without the right. `asOf` answers employment status on a past day.',
  request: { query: personListQuery },
  responses: { 200: json(pageOf(personSchema, 'PersonPage'), 'A page of people') },
});
const readRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary:
    'One person with skills; `?reveal=idNumber` (worker of the site, admin) and `?include=healthNotes` are audited',
  request: { params: idParams, query: revealQuery },
  responses: { 200: json(personSchema, 'The person'), 404: { description: 'No such person (or not yours)' } },
});
const createPersonRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add a person to a household',
  request: body(personCreateBody),
  responses: { 201: json(personSchema, 'Created') },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change a person; send the `version` you read (409 when someone changed it since)',
  request: { params: idParams, ...body(personUpdateBody) },
  responses: { 200: json(personSchema, 'Updated'), 409: { description: 'Stale version; says what changed' } },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Remove a person entered by mistake (history stays)',
  request: { params: idParams },
  responses: { 204: { description: 'Removed' } },
});
const historyRoute = createRoute({
  method: 'get',
  path: '/{id}/history',
  summary: 'Dated history of employment, labour capacity, site and monitoring category; state on `asOf`',
  request: { params: idParams, query: historyQuery },
  responses: { 200: json(historySchema, 'History') },
});
const skillsRoute = createRoute({
  method: 'put',
  path: '/{id}/skills',
  summary: "Replace a person's skills (skill code, level 1–5, certificate)",
  request: { params: idParams, ...body(skillsBody) },
  responses: { 200: json(personSchema, 'The person with the new skills') },
});

export function personRoutes(deps: AppDeps) {
  const { db, config } = deps;
  const key = config.dataEncryptionKey;

  async function readPerson(c: Context<AppEnv>, id: string, wants: z.infer<typeof revealQuery>) {
    const actor = requireActor(c);
    requireRegistryReader(actor);
    const row = await visiblePerson(db, actor, id);
    if (!row) throw outOfScope('person');
    if (wants.reveal && !disclosureFor(actor, wants).fullIdNumber) {
      throw new AppError('forbidden', 'Your role may not see full ID numbers');
    }
    if (wants.include && !disclosureFor(actor, wants).healthNotes) {
      throw new AppError('forbidden', 'Your role may not see health notes');
    }
    const skills = (await skillsOf(db, [id])).get(id) ?? [];
    const { view, shown } = personView(row, disclosureFor(actor, wants), key, skills);
    if (shown.length)
      await writeAudit(db, c, { action: 'read', resourceType: 'person', resourceId: id, fields: shown });
    return view;
  }

  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryReader(actor);
      const query = c.req.valid('query');
      const disclosure = disclosureFor(actor, {});
      const { items: rows, total } = await personsPage(db, actor, key, query, { ageOnly: !disclosure.birthDate });
      const items = rows.map((row) => personView(row, disclosure, key).view);
      if (disclosure.fullPhone && rows.some((row) => row.phone)) {
        await writeAudit(db, c, {
          action: 'read',
          resourceType: 'person',
          resourceId: null,
          fields: ['phone'],
          detail: { list: true, count: rows.length },
        });
      }
      return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
    })
    .openapi(readRoute, async (c) => c.json(await readPerson(c, c.req.valid('param').id, c.req.valid('query')), 200))
    .openapi(createPersonRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const input = c.req.valid('json');
      const { householdId, validFrom = chinaToday(), ...member } = input;
      const id = await createPerson(db, c, key, actor, householdId, member, validFrom);
      return c.json(await readPerson(c, id, {}), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      await updatePersonAlone(db, c, key, actor, id, c.req.valid('json'));
      return c.json(await readPerson(c, id, {}), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      await deletePerson(db, c, actor, id);
      return c.body(null, 204);
    })
    .openapi(historyRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryReader(actor);
      const { id } = c.req.valid('param');
      const asOf = c.req.valid('query').asOf ?? null;
      const row = await visiblePerson(db, actor, id);
      if (!row) throw outOfScope('person');
      const history = await personHistory(db, id, row.householdId, asOf ?? chinaToday());
      return c.json({ ...history, asOf }, 200);
    })
    .openapi(skillsRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      const { skills } = c.req.valid('json');
      const codes = [...new Set(skills.map((s) => s.skillCode))];
      if (codes.length !== skills.length) {
        throw new AppError('validation', 'A skill is listed twice', {
          errors: [{ path: 'json.skills', message: 'each skill once', code: 'repeated' }],
        });
      }
      await replacePersonSkills(db, c, actor, id, skills);
      return c.json(await readPerson(c, id, {}), 200);
    });
}
