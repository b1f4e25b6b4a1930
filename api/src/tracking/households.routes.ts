import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { categoryBody, idParam } from './schema.ts';
import { findScopedHousehold, trackingDeciders } from './scope.ts';
import { defaultTimelineRange, householdTimeline } from './timeline.ts';
import { visitDueQuery } from './visit-due.ts';

const timelineRoute = createRoute({
  method: 'get',
  path: '/{id}/timeline',
  summary:
    "A household's timeline: income by source per month against the line, employment, 低保, visits, integration, alerts",
  request: {
    params: idParam,
    query: z.object({
      from: z
        .string()
        .regex(/^\d{4}-\d{2}$/, 'YYYY-MM')
        .optional(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}$/, 'YYYY-MM')
        .optional(),
    }),
  },
  responses: { 200: json(z.record(z.string(), z.unknown()), 'Timeline'), ...problems },
});
const categoryRoute = createRoute({
  method: 'post',
  path: '/{id}/monitoring-category',
  summary:
    'Refused (409 workflow-required): 监测识别 and 风险消除 go through a workflow, POST /api/households/{id}/workflows',
  request: { params: idParam, ...body(categoryBody) },
  responses: {
    200: json(z.object({ category: z.string(), guards: z.array(z.unknown()) }), 'Changed'),
    ...problems,
    ...conflict,
  },
});

export function trackingHouseholdRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(timelineRoute, async (c) => {
      const actor = requireActor(c);
      const household = await findScopedHousehold(db, actor, c.req.valid('param').id);
      const today = chinaToday();
      const range = defaultTimelineRange(today);
      const { from, to } = c.req.valid('query');
      const fromDate = from ? `${from}-01` : range.from;
      const toDate = to ? `${to}-01` : range.to;
      if (fromDate > toDate || Number(toDate.slice(0, 4)) - Number(fromDate.slice(0, 4)) > 10)
        throw new AppError('validation', 'from must not be after to, and the range at most 10 years', {
          errors: [{ path: 'query.from', message: 'must be before to (at most 10 years)' }],
        });
      const timeline = await householdTimeline(db, household, fromDate, toDate, today);
      const due = await visitDueQuery(db, actor, today, { householdId: household.id, page: 1, pageSize: 1 });
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'household',
        resourceId: household.id,
        fields: ['income', 'perCapitaNetIncome', 'dibaoMonthlyAmount', 'supportMeasureAmount'],
      });
      return c.json({ ...timeline, visitDue: due.items[0] ?? null }, 200);
    })
    .openapi(categoryRoute, async (c) => {
      const actor = requireActor(c);
      await findScopedHousehold(db, actor, c.req.valid('param').id, trackingDeciders);
      // 监测识别 and 风险消除 go through their approval steps now (api/src/workflows/).
      throw new AppError('conflict', 'The monitoring category changes only through a workflow (监测识别 / 风险消除)', {
        code: 'workflow-required',
        errors: [{ path: 'json.category', message: 'start a workflow: POST /api/households/{id}/workflows' }],
      });
    });
}
