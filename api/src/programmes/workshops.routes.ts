import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { employerIdOf } from '../access/queries.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { idParam } from './schema.ts';
import { findProgrammePerson, findScopedSite, programmeWriters } from './scope.ts';
import {
  createWorkshop,
  decideWorkshop,
  employmentMonths,
  findWorkshop,
  present,
  recordEmploymentMonth,
  workshopList,
} from './workshops.queries.ts';
import {
  decisionBody,
  employmentBody,
  employmentQuery,
  employmentSchema,
  workshopBody,
  workshopSchema,
} from './workshops.schema.ts';

const workshopViewers = ['worker', 'official', 'admin', 'employer'] as const;

const createWorkshopRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Apply for recognition (认定) of an employer as a 帮扶车间 at a site in scope, with its criteria',
  request: body(workshopBody),
  responses: { 201: json(workshopSchema, 'Pending'), ...problems, ...conflict },
});
const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Workshops in scope (an employer account: its own)',
  responses: { 200: json(z.object({ items: z.array(workshopSchema) }), 'Workshops'), ...problems },
});
const readRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A workshop with its criteria checked against the latest month (the manager’s page)',
  request: { params: idParam },
  responses: { 200: json(workshopSchema, 'The workshop'), ...problems },
});
const decideRoute = createRoute({
  method: 'post',
  path: '/{id}/decision',
  summary: 'Recognise (only when the criteria are met: 409 criteria-not-met) or revoke a workshop',
  request: { params: idParam, ...body(decisionBody) },
  responses: { 200: json(workshopSchema, 'Decided'), ...problems, ...conflict },
});
const employmentRoute = createRoute({
  method: 'get',
  path: '/{id}/employment',
  summary: 'The relocated people a workshop employed, by month, with pay',
  request: { params: idParam, query: employmentQuery },
  responses: { 200: json(z.object({ items: z.array(employmentSchema) }), 'Employment'), ...problems },
});
const recordEmploymentRoute = createRoute({
  method: 'put',
  path: '/{id}/employment',
  summary: 'Record (or correct) that a relocated person worked at the workshop in a month, with pay',
  request: { params: idParam, ...body(employmentBody) },
  responses: { 200: json(employmentSchema, 'Recorded'), ...problems, ...conflict },
});

/** 帮扶车间: recognition with criteria, monthly employment of relocated people, the manager's page. */
export function workshopRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(createWorkshopRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const site = await findScopedSite(db, actor, input.siteId);
      const id = await createWorkshop(db, c, actor, site, input);
      return c.json(present(await findWorkshop(db, actor, null, id)), 201);
    })
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...workshopViewers);
      const rows = await workshopList(db, actor, await employerIdOf(db, actor));
      return c.json({ items: rows.map(present) }, 200);
    })
    .openapi(readRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...workshopViewers);
      const row = await findWorkshop(db, actor, await employerIdOf(db, actor), c.req.valid('param').id);
      return c.json(present(row), 200);
    })
    .openapi(decideRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'official', 'admin');
      const workshop = present(await findWorkshop(db, actor, null, c.req.valid('param').id));
      const input = c.req.valid('json');
      if (input.decidedOn > chinaToday())
        throw new AppError('validation', 'A decision cannot be dated in the future', {
          errors: [{ path: 'json.decidedOn', message: 'must not be in the future' }],
        });
      if (input.status === 'recognised' && !workshop.meetsCriteria)
        throw new AppError('conflict', 'The workshop does not meet its criteria', {
          code: 'criteria-not-met',
          errors: [
            {
              path: 'json.status',
              code: 'criteria-not-met',
              params: { employed: workshop.relocatedEmployed, required: workshop.minRelocatedEmployed },
              message: `吸纳搬迁群众${workshop.relocatedEmployed}人（要求≥${workshop.minRelocatedEmployed}人，占比≥${Math.round(workshop.minRelocatedShare * 100)}%），不符合认定条件`,
            },
          ],
        });
      await decideWorkshop(db, c, actor, workshop.id, input);
      return c.json(present(await findWorkshop(db, actor, null, workshop.id)), 200);
    })
    .openapi(employmentRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...workshopViewers);
      const workshop = await findWorkshop(db, actor, await employerIdOf(db, actor), c.req.valid('param').id);
      const { month } = c.req.valid('query');
      const items = await employmentMonths(db, workshop.id, month);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'workshop_employment',
        resourceId: workshop.id,
        fields: ['personName', 'payYuan'],
        detail: { count: items.length },
      });
      return c.json({ items }, 200);
    })
    .openapi(recordEmploymentRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const workshop = await findWorkshop(db, actor, null, c.req.valid('param').id);
      const input = c.req.valid('json');
      if (`${input.month}-01` > chinaToday())
        throw new AppError('validation', 'A future month cannot be recorded', {
          errors: [{ path: 'json.month', message: 'must not be in the future' }],
        });
      const person = await findProgrammePerson(db, actor, input.personId);
      const row = await recordEmploymentMonth(db, c, actor, workshop.id, person, input);
      return c.json({ ...row, personName: person.name }, 200);
    });
}
