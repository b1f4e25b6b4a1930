import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { listAssessments, recordAssessment } from './assessments.queries.ts';
import { assessmentBody, assessmentListQuery, assessmentSchema } from './schema.ts';
import { findScopedHousehold, trackingReaders, trackingRecorders } from './scope.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Community integration (社区融入) assessments, newest first',
  request: { query: assessmentListQuery },
  responses: { 200: json(pageOf(assessmentSchema, 'IntegrationAssessmentPage'), 'Assessments'), ...problems },
});
const createAssessmentRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Record an integration assessment: five dimensions 1–5 plus facts; re-evaluates alerts',
  request: body(assessmentBody),
  responses: { 201: json(assessmentSchema, 'Recorded'), ...problems },
});

export function assessmentRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingReaders);
      return c.json(await listAssessments(db, actor, c.req.valid('query')), 200);
    })
    .openapi(createAssessmentRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingRecorders);
      if (input.assessedOn > chinaToday())
        throw new AppError('validation', 'An assessment cannot be in the future', {
          errors: [{ path: 'json.assessedOn', message: 'must not be in the future', code: 'in-future' }],
        });
      const row = await recordAssessment(db, household, actor.userId, input);
      await writeAudit(db, c, { action: 'create', resourceType: 'integration_assessment', resourceId: row.id });
      return c.json(row, 201);
    });
}
