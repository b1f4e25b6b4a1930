import { chinaToday } from '@anju/domain/clock';
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { paged, pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { personHistory } from './history.ts';
import { idNumberHash } from './id-number.ts';
import { historyValueOn, personsQuery, skillsOf } from './queries.ts';
import { enqueueResidents } from './resident-search.ts';
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
import { insertMember, loadWritableHousehold, updatePerson } from './writes.ts';

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
    const row = await personsQuery(db, actor).where('persons.id', '=', id).executeTakeFirst();
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
      let base = personsQuery(db, actor);
      if (query.householdId) base = base.where('persons.householdId', '=', query.householdId);
      if (query.siteId) base = base.where('households.siteId', '=', query.siteId);
      if (query.q) base = base.where('persons.name', 'like', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
      if (query.idNumber) {
        base = base.where('persons.idNumberHash', '=', idNumberHash(key, query.idNumber));
      }
      if (query.laborCapacity) base = base.where('persons.laborCapacity', '=', query.laborCapacity);
      if (query.monitoringCategory) base = base.where('households.monitoringCategory', '=', query.monitoringCategory);
      if (query.employmentStatus) {
        base = query.asOf
          ? base.where(historyValueOn('employment_status', 'persons.id', query.asOf), '=', query.employmentStatus)
          : base.where('persons.employmentStatus', '=', query.employmentStatus);
      }
      const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'desc'] : [query.sort, 'asc'];
      const disclosure = disclosureFor(actor, {});
      // Who sees only ages is sorted by age: an order by the full date would tell birthdays apart.
      const order =
        column === 'birthDate' && !disclosure.birthDate
          ? sql<number>`-extract(year from age(${chinaToday()}::date, persons.birth_date))`
          : sql.ref(`persons.${column}`);
      const sorted = (filtered: typeof base) =>
        filtered
          .$if(Boolean(query.asOf), (qb) =>
            qb.select(historyValueOn('employment_status', 'persons.id', query.asOf ?? '').as('employmentStatusAsOf')),
          )
          .orderBy(order, direction as 'asc')
          .orderBy('persons.id');
      const { items: rows, total } = await paged(base, sorted, query);
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
      const id = await db.transaction().execute(async (trx) => {
        const household = await loadWritableHousehold(trx, actor, householdId);
        const personId = await insertMember(trx, key, actor, household, member, validFrom, 'json');
        await enqueueResidents(trx, [personId]);
        await writeAudit(trx, c, { action: 'create', resourceType: 'person', resourceId: personId });
        return personId;
      });
      return c.json(await readPerson(c, id, {}), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      await db.transaction().execute((trx) => updatePerson(trx, c, key, actor, id, c.req.valid('json')));
      return c.json(await readPerson(c, id, {}), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { id } = c.req.valid('param');
      await db.transaction().execute(async (trx) => {
        const person = await trx.selectFrom('persons').select('householdId').where('id', '=', id).executeTakeFirst();
        if (!person) throw outOfScope('person');
        await loadWritableHousehold(trx, actor, person.householdId);
        // Applications are the employer's and the resident's record too: they are not deleted with a typo.
        const applied = await trx.selectFrom('applications').select('id').where('personId', '=', id).executeTakeFirst();
        if (applied)
          throw new AppError('conflict', 'This person has applications; merge the record into the right one instead');
        await trx.updateTable('users').set({ personId: null }).where('personId', '=', id).execute();
        // History outlives the person: it keeps the household, loses the person link.
        await trx.updateTable('registryHistory').set({ personId: null }).where('personId', '=', id).execute();
        await trx.deleteFrom('persons').where('id', '=', id).execute();
        await enqueueResidents(trx, [id], 'delete');
        await writeAudit(trx, c, { action: 'delete', resourceType: 'person', resourceId: id });
      });
      return c.body(null, 204);
    })
    .openapi(historyRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryReader(actor);
      const { id } = c.req.valid('param');
      const asOf = c.req.valid('query').asOf ?? null;
      const row = await personsQuery(db, actor).where('persons.id', '=', id).executeTakeFirst();
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
      await db.transaction().execute(async (trx) => {
        const person = await trx
          .selectFrom('persons')
          .select(['householdId', 'countyCode'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!person) throw outOfScope('person');
        await loadWritableHousehold(trx, actor, person.householdId);
        const known = codes.length
          ? new Set(
              (await trx.selectFrom('skills').select('code').where('code', 'in', codes).execute()).map((r) => r.code),
            )
          : new Set<string>();
        const unknown = skills.flatMap((s, index) =>
          known.has(s.skillCode)
            ? []
            : [{ path: `json.skills.${index}.skillCode`, message: 'unknown skill code', code: 'unknown-skill' }],
        );
        if (unknown.length) throw new AppError('validation', 'Unknown skill codes', { errors: unknown });
        await trx.deleteFrom('personSkills').where('personId', '=', id).execute();
        if (skills.length) {
          await trx
            .insertInto('personSkills')
            .values(
              skills.map((s) => ({
                personId: id,
                countyCode: person.countyCode,
                skillCode: s.skillCode,
                level: s.level,
                certificate: s.certificate ?? null,
                certifiedOn: s.certifiedOn ?? null,
              })),
            )
            .execute();
        }
        await writeAudit(trx, c, {
          action: 'update',
          resourceType: 'person-skills',
          resourceId: id,
          fields: ['skills'],
        });
      });
      return c.json(await readPerson(c, id, {}), 200);
    });
}
