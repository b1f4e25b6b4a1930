import { applicationRoutes } from '../applications/routes.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { matchingRoutes } from './routes.ts';
import { tableOpportunitySource, trackedIncome } from './table-source.ts';

/** Matching (/api/persons/{id}/matches, pathways, /api/jobs/{id}/candidates) and /api/applications, over the real tables. */
export function matchingApi(deps: AppDeps) {
  const source = tableOpportunitySource();
  return createRouter()
    .route('/', matchingRoutes(deps, source, trackedIncome(deps.db)))
    .route('/applications', applicationRoutes(deps, source));
}
