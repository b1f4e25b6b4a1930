import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { findScopedHousehold, trackingReaders } from '../tracking/scope.ts';
import { completeStep, withdrawWorkflow } from './engine.ts';
import {
  findScopedWorkflow,
  listWorkflows,
  presentWorkflow,
  startWorkflowAtomically,
  trailsOf,
  withLockedWorkflow,
} from './queries.ts';
import {
  completeBody,
  idParam,
  listQuery,
  startBody,
  stepParam,
  withdrawBody,
  workflowPage,
  workflowSchema,
} from './schema.ts';

const startRoute = createRoute({
  method: 'post',
  path: '/households/{id}/workflows',
  summary: 'Start a policy workflow (监测识别, 风险消除, 低保申请, 低保复核) for a household',
  request: { params: idParam, ...body(startBody) },
  responses: { 201: json(workflowSchema, 'Started'), ...problems, ...conflict },
});
const householdListRoute = createRoute({
  method: 'get',
  path: '/households/{id}/workflows',
  summary: "A household's workflows with their trails",
  request: { params: idParam },
  responses: { 200: json(workflowPage, 'Workflows'), ...problems },
});
const listRoute = createRoute({
  method: 'get',
  path: '/workflows',
  summary: 'Workflows on the households in scope (待办流程: state=open)',
  request: { query: listQuery },
  responses: { 200: json(workflowPage, 'Workflows'), ...problems },
});
const getRoute = createRoute({
  method: 'get',
  path: '/workflows/{id}',
  summary: 'One workflow with its steps: who, when, outcome, deadline',
  request: { params: idParam },
  responses: { 200: json(workflowSchema, 'Workflow'), ...problems },
});
const completeRoute = createRoute({
  method: 'post',
  path: '/workflows/{id}/steps/{stepKey}',
  summary: 'Complete the current step with an outcome (passed, failed, objection); the last step approves',
  request: { params: stepParam, ...body(completeBody) },
  responses: { 200: json(workflowSchema, 'Updated'), ...problems, ...conflict },
});
const withdrawRoute = createRoute({
  method: 'post',
  path: '/workflows/{id}/withdraw',
  summary: 'Withdraw an open workflow',
  request: { params: idParam, ...body(withdrawBody) },
  responses: { 200: json(workflowSchema, 'Withdrawn'), ...problems, ...conflict },
});

/** 低保 terms are amounts: a read that shows them is audited with the field named. */
const fieldsShown = (kinds: string[]) => (kinds.some((kind) => kind.startsWith('dibao')) ? ['dibaoTerms'] : []);

async function presentOne(db: Db, c: Context<AppEnv>, actor: Actor, id: string, action = 'read') {
  const { row } = await findScopedWorkflow(db, actor, id);
  const today = chinaToday();
  const trail = await trailsOf(db, [row.id]);
  await writeAudit(db, c, {
    action,
    resourceType: 'workflow',
    resourceId: row.id,
    fields: fieldsShown([row.kind]),
    detail: { householdId: row.householdId, kind: row.kind },
  });
  return presentWorkflow(row, trail, today, true);
}

/** Policy workflows (帮扶流程), mounted at /api. */
export function workflowRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(startRoute, async (c) => {
      const actor = requireActor(c);
      const household = await findScopedHousehold(db, actor, c.req.valid('param').id, trackingReaders);
      const input = c.req.valid('json');
      const id = await startWorkflowAtomically(db, actor, household, input);
      await writeAudit(db, c, {
        action: 'workflow-start',
        resourceType: 'workflow',
        resourceId: id,
        detail: { householdId: household.id, kind: input.kind },
      });
      return c.json(await presentOne(db, c, actor, id), 201);
    })
    .openapi(householdListRoute, async (c) => {
      const actor = requireActor(c);
      const household = await findScopedHousehold(db, actor, c.req.valid('param').id, trackingReaders);
      const today = chinaToday();
      const { rows, total } = await listWorkflows(
        db,
        actor,
        { householdId: household.id, page: 1, pageSize: 200 },
        today,
      );
      const trail = await trailsOf(
        db,
        rows.map((row) => row.id),
      );
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'workflow',
        fields: fieldsShown(rows.map((row) => row.kind)),
        detail: { householdId: household.id, count: rows.length },
      });
      const items = rows.map((row) => presentWorkflow(row, trail, today, true));
      return c.json({ items, total, page: 1, pageSize: 200 }, 200);
    })
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      const { overdue, ...query } = c.req.valid('query');
      const today = chinaToday();
      const { rows, total } = await listWorkflows(db, actor, { ...query, overdue: overdue === 'true' }, today);
      const trail = await trailsOf(
        db,
        rows.map((row) => row.id),
      );
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'workflow',
        fields: fieldsShown(rows.map((row) => row.kind)),
        detail: { count: rows.length },
      });
      const items = rows.map((row) => presentWorkflow(row, trail, today, false));
      return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
    })
    .openapi(getRoute, async (c) => {
      const actor = requireActor(c);
      return c.json(await presentOne(db, c, actor, c.req.valid('param').id), 200);
    })
    .openapi(completeRoute, async (c) => {
      const actor = requireActor(c);
      const { id, stepKey } = c.req.valid('param');
      const input = c.req.valid('json');
      await withLockedWorkflow(db, actor, id, (trx, { workflow, household }) =>
        completeStep(trx, actor, workflow, household, stepKey, input),
      );
      await writeAudit(db, c, {
        action: 'workflow-step',
        resourceType: 'workflow',
        resourceId: id,
        detail: { stepKey, outcome: input.outcome, objection: input.objection ?? null },
      });
      return c.json(await presentOne(db, c, actor, id), 200);
    })
    .openapi(withdrawRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      await withLockedWorkflow(db, actor, id, (trx, { workflow }) => withdrawWorkflow(trx, actor, workflow, note));
      await writeAudit(db, c, { action: 'workflow-withdraw', resourceType: 'workflow', resourceId: id });
      return c.json(await presentOne(db, c, actor, id), 200);
    });
}
