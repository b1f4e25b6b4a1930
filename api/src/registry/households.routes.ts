import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { mapPage, pageOf } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { householdsPage, householdsQuery, personsQuery, skillsOf } from './queries.ts';
import { householdCreateBody, householdListQuery, householdSchema, householdUpdateBody, idParams } from './schema.ts';
import { disclosureFor, requireRegistryReader, requireRegistryWriter } from './scope.ts';
import { householdView, personView } from './views.ts';
import { createHouseholdAlone, updateHouseholdAlone } from './writes.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Households (搬迁户) the caller may see, with filters, paging and sorting',
  request: { query: householdListQuery },
  responses: { 200: json(pageOf(householdSchema, 'HouseholdPage'), 'A page of households') },
});
const readRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One household with its members (masked) and their skills',
  request: { params: idParams },
  responses: { 200: json(householdSchema, 'The household'), 404: { description: 'No such household (or not yours)' } },
});
const createHouseholdRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Register a household, optionally with its members',
  request: body(householdCreateBody),
  responses: { 201: json(householdSchema, 'Created') },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Change a household; send the `version` you read (409 when someone changed it since)',
  request: { params: idParams, ...body(householdUpdateBody) },
  responses: { 200: json(householdSchema, 'Updated'), 409: { description: 'Stale version; says what changed' } },
});

export function householdRoutes(deps: AppDeps) {
  const { db, config } = deps;

  async function readHousehold(c: Context<AppEnv>, id: string) {
    const actor = requireActor(c);
    requireRegistryReader(actor);
    const row = await householdsQuery(db, actor).where('households.id', '=', id).executeTakeFirst();
    if (!row) throw outOfScope('household');
    const people = await personsQuery(db, actor).where('persons.householdId', '=', id).orderBy('persons.id').execute();
    const skills = await skillsOf(
      db,
      people.map((p) => p.id),
    );
    const disclosure = disclosureFor(actor, {});
    const members = people.map((p) => personView(p, disclosure, config.dataEncryptionKey, skills.get(p.id) ?? []).view);
    if (disclosure.fullPhone && people.some((p) => p.phone)) {
      await writeAudit(db, c, { action: 'read', resourceType: 'household', resourceId: id, fields: ['phone'] });
    }
    return { ...householdView(row), members };
  }

  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryReader(actor);
      const query = c.req.valid('query');
      return c.json(mapPage(await householdsPage(db, actor, query), householdView), 200);
    })
    .openapi(readRoute, async (c) => c.json(await readHousehold(c, c.req.valid('param').id), 200))
    .openapi(createHouseholdRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const id = await createHouseholdAlone(db, c, config.dataEncryptionKey, actor, c.req.valid('json'));
      return c.json(await readHousehold(c, id), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      await updateHouseholdAlone(db, c, actor, id, c.req.valid('json'));
      return c.json(await readHousehold(c, id), 200);
    });
}
