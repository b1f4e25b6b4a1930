import { jobViewRoutes } from '../applications/job-view.routes.ts';
import { applicationRoutes } from '../applications/routes.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { matchingRoutes } from './routes.ts';
import { tableOpportunitySource, trackedIncome } from './table-source.ts';

/** Matching (/api/persons/{id}/matches, pathways, /api/jobs/{id}/candidates) and /api/applications, over the real tables. */
export function matchingApi(deps: AppDeps) {
  const source = tableOpportunitySource();
  const income = trackedIncome(deps.db);
  return createRouter()
    .route('/', matchingRoutes(deps, source, income))
    .route('/applications', applicationRoutes(deps, source))
    .route('/', jobViewRoutes(deps, source, income));
}
