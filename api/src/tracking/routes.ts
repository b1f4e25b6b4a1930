import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { alertRoutes } from './alerts.routes.ts';
import { assessmentRoutes } from './assessments.routes.ts';
import { dibaoRoutes } from './dibao.routes.ts';
import { exportRoutes } from './exports.routes.ts';
import { trackingHouseholdRoutes } from './households.routes.ts';
import { incomeRoutes } from './income.routes.ts';
import { lineRoutes } from './lines.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { visitRoutes } from './visits.routes.ts';

/** Tracking (防返贫监测), mounted at /api: one sub-app per resource. */
export function trackingRoutes(deps: AppDeps) {
  return createRouter()
    .route('/visits', visitRoutes(deps))
    .route('/income-records', incomeRoutes(deps))
    .route('/monitoring-lines', lineRoutes(deps))
    .route('/dibao-enrolments', dibaoRoutes(deps))
    .route('/integration-assessments', assessmentRoutes(deps))
    .route('/alerts', alertRoutes(deps))
    .route('/households', trackingHouseholdRoutes(deps))
    .route('/reports', reportRoutes(deps))
    .route('/exports', exportRoutes(deps));
}
