import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { assessmentValues } from './assessment-values.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { pageWithTotal, problems } from './http.ts';
import { assessmentBody, assessmentListQuery, assessmentSchema } from './schema.ts';
import { findScopedHousehold, trackingReaders, trackingRecorders } from './scope.ts';
import type { IntegrationAssessmentTable } from './tracking.tables.ts';

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

/** An assessment row as stored (selectAll, returningAll); toAssessment turns it into the API shape. */
type Row = Selectable<IntegrationAssessmentTable>;
const toAssessment = (row: Row) => ({
  id: row.id,
  householdId: row.householdId,
  assessedOn: row.assessedOn,
  economic: row.economic,
  socialTies: row.socialTies,
  dailyLifeServices: row.dailyLifeServices,
  culturalParticipation: row.culturalParticipation,
  psychologicalBelonging: row.psychologicalBelonging,
  total: row.economic + row.socialTies + row.dailyLifeServices + row.culturalParticipation + row.psychologicalBelonging,
  childrenInLocalSchool: row.childrenInLocalSchool,
  medicalInsuranceTransferred: row.medicalInsuranceTransferred,
  householdRegistrationMoved: row.householdRegistrationMoved,
  returnsToOriginVillage: row.returnsToOriginVillage,
  notes: row.notes,
});

export function assessmentRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingReaders);
      const { householdId, page: pageNo, pageSize } = c.req.valid('query');
      let query = db
        .selectFrom('integrationAssessments')
        .innerJoin('households', 'households.id', 'integrationAssessments.householdId')
        .innerJoin('regions as site', 'site.id', 'households.siteId')
        .where(householdVisible(actor));
      if (householdId) query = query.where('integrationAssessments.householdId', '=', householdId);
      const { rows, total } = await pageWithTotal(
        query,
        (q) =>
          q
            .selectAll('integrationAssessments')
            .orderBy('integrationAssessments.assessedOn', 'desc')
            .orderBy('integrationAssessments.id', 'desc'),
        pageNo,
        pageSize,
      );
      return c.json({ items: rows.map(toAssessment), total, page: pageNo, pageSize }, 200);
    })
    .openapi(createAssessmentRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingRecorders);
      if (input.assessedOn > chinaToday())
        throw new AppError('validation', 'An assessment cannot be in the future', {
          errors: [{ path: 'json.assessedOn', message: 'must not be in the future', code: 'in-future' }],
        });
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('integrationAssessments')
          .values(assessmentValues(household, actor.userId, input))
          .returningAll()
          .executeTakeFirstOrThrow();
        await evaluateAlerts(trx, { householdIds: [household.id] });
        return inserted;
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'integration_assessment', resourceId: row.id });
      return c.json(toAssessment(row), 201);
    });
}
