import { chinaToday } from '@anju/domain/clock';
import { monitoringCategories } from '@anju/domain/enums';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { policyValue } from './policy-values.ts';
import { checkVisitDates } from './record-visit.ts';
import {
  pageQuery,
  scheduleBody,
  scheduleSchema,
  visitBody,
  visitDueSchema,
  visitListQuery,
  visitSchema,
} from './schema.ts';
import { findScopedHousehold, trackingReaders, trackingRecorders } from './scope.ts';
import { visitDueQuery } from './visit-due.ts';
import { listVisits, recordVisitEvaluated, setVisitInterval } from './visits.queries.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Home visits (走访), newest first, of households in scope',
  request: { query: visitListQuery },
  responses: { 200: json(pageOf(visitSchema, 'VisitPage'), 'Visits'), ...problems },
});
const createVisitRoute = createRoute({
  method: 'post',
  path: '/',
  summary:
    "Record a home visit (走访) with findings, support measures and optionally one month's income by source; re-evaluates alerts",
  request: body(visitBody),
  responses: { 201: json(visitSchema, 'Recorded'), ...problems },
});
const dueRoute = createRoute({
  method: 'get',
  path: '/due',
  summary: 'When each household in scope is next due a visit; overdue is derived, never stored',
  request: { query: z.object({ overdueOnly: z.enum(['true', 'false']).optional(), ...pageQuery }) },
  responses: { 200: json(pageOf(visitDueSchema, 'VisitDuePage'), 'Due dates, earliest first'), ...problems },
});
const schedulesRoute = createRoute({
  method: 'get',
  path: '/schedules',
  summary: 'Visit intervals by monitoring category',
  responses: { 200: json(z.array(scheduleSchema), 'Schedules'), ...problems },
});
const putScheduleRoute = createRoute({
  method: 'put',
  path: '/schedules/{category}',
  summary: 'Set the visit interval of a monitoring category (admin)',
  request: {
    params: z.object({ category: z.enum(monitoringCategories) }),
    ...body(scheduleBody),
  },
  responses: { 200: json(scheduleSchema, 'Updated'), ...problems, ...conflict },
});

export function visitRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingReaders);
      return c.json(await listVisits(db, actor, c.req.valid('query')), 200);
    })
    .openapi(createVisitRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingRecorders);
      checkVisitDates(input, 'json');
      const visit = await recordVisitEvaluated(db, household, actor.userId, input);
      await writeAudit(db, c, {
        action: 'create',
        resourceType: 'visit',
        resourceId: visit.id,
        detail: input.income
          ? { incomeMonth: input.income.month, incomeSources: input.income.items.length }
          : undefined,
      });
      return c.json(visit, 201);
    })
    .openapi(dueRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'helper', 'worker', 'official', 'admin');
      const { overdueOnly, page: pageNo, pageSize } = c.req.valid('query');
      const today = chinaToday();
      return c.json(
        await visitDueQuery(db, actor, today, { overdueOnly: overdueOnly === 'true', page: pageNo, pageSize }),
        200,
      );
    })
    .openapi(schedulesRoute, async (c) => {
      requireActor(c);
      // The defaults everywhere this year (政策参数); a county may set its own.
      const year = Number(chinaToday().slice(0, 4));
      const rows = await Promise.all(
        monitoringCategories.map(async (category) => ({
          monitoringCategory: category,
          intervalDays: (await policyValue(db, `visit_interval_days:${category}`, null, year)) ?? 90,
        })),
      );
      return c.json(rows as z.infer<typeof scheduleSchema>[], 200);
    })
    .openapi(putScheduleRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { category } = c.req.valid('param');
      const { intervalDays } = c.req.valid('json');
      await setVisitInterval(db, category, intervalDays, Number(chinaToday().slice(0, 4)), actor.userId);
      await writeAudit(db, c, { action: 'update', resourceType: 'visit_schedule', resourceId: category });
      return c.json({ monitoringCategory: category, intervalDays }, 200);
    });
}
