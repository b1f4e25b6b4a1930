import { createRoute } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { createEnrolment, findEnrolment, listEnrolments, presentEnrolment } from './dibao.queries.ts';
import { dibaoCreateBody, dibaoListQuery, dibaoSchema, dibaoTransitionBody, idParam } from './schema.ts';
import { findScopedHousehold, trackingDeciders, trackingReaders } from './scope.ts';

const AMOUNT_FIELDS = ['monthlyAmountYuan'];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: '低保 enrolments of households in scope',
  request: { query: dibaoListQuery },
  responses: { 200: json(pageOf(dibaoSchema, 'DibaoEnrolmentPage'), 'Enrolments'), ...problems },
});
const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One 低保 enrolment with its dated state history',
  request: { params: idParam },
  responses: { 200: json(dibaoSchema, 'Enrolment'), ...problems },
});
const createEnrolmentRoute = createRoute({
  method: 'post',
  path: '/',
  summary:
    "Start a household's 低保 record as not applied; an application is refused (409 workflow-required): it is a 低保申请 workflow",
  request: body(dibaoCreateBody),
  responses: { 201: json(dibaoSchema, 'Created'), ...problems, ...conflict },
});
const transitionRoute = createRoute({
  method: 'post',
  path: '/{id}/transitions',
  summary:
    'Refused (409 workflow-required): 低保申请 and 低保复核 go through a workflow, POST /api/households/{id}/workflows',
  request: { params: idParam, ...body(dibaoTransitionBody) },
  responses: { 200: json(dibaoSchema, 'Moved'), ...problems, ...conflict },
});

/** 低保 states change only in a workflow (低保申请, 低保复核): the one refusal of every other path. */
function workflowRequired(path: string, householdId: string) {
  return new AppError('conflict', '低保 changes only through a workflow (低保申请 / 低保复核)', {
    code: 'workflow-required',
    errors: [
      { path, message: `start a workflow: POST /api/households/${householdId}/workflows`, code: 'workflow-required' },
    ],
  });
}

export function dibaoRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingReaders);
      const { householdId, state, ...pageRequest } = c.req.valid('query');
      const page = await listEnrolments(db, actor, { householdId, state }, pageRequest);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'dibao_enrolment',
        fields: AMOUNT_FIELDS,
        detail: { count: page.items.length },
      });
      const items = await Promise.all(page.items.map((row) => presentEnrolment(db, row, false)));
      return c.json({ ...page, items }, 200);
    })
    .openapi(getRoute, async (c) => {
      const actor = requireActor(c);
      const row = await findEnrolment(db, actor, c.req.valid('param').id);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'dibao_enrolment',
        resourceId: row.id,
        fields: AMOUNT_FIELDS,
      });
      return c.json(await presentEnrolment(db, row, true), 200);
    })
    .openapi(createEnrolmentRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingDeciders);
      if (input.state !== 'not_applied') throw workflowRequired('json.state', household.id);
      const created = await createEnrolment(db, household, actor.userId, input);
      await writeAudit(db, c, { action: 'create', resourceType: 'dibao_enrolment', resourceId: created.id });
      return c.json(await presentEnrolment(db, created, true), 201);
    })
    .openapi(transitionRoute, async (c) => {
      const actor = requireActor(c);
      const enrolment = await findEnrolment(db, actor, c.req.valid('param').id);
      requireRole(actor, ...trackingDeciders);
      // 低保申请 and 复核 go through their approval steps (api/src/workflows/), never around them.
      throw workflowRequired('json.to', enrolment.householdId);
    });
}
