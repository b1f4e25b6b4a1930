import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { skillRoutes } from '../skills/routes.ts';
import { employerRoutes } from './employers.routes.ts';
import { postingSiteRoutes } from './posting-sites.routes.ts';
import { postingRoutes } from './postings.routes.ts';
import { savedSearchRoutes } from './saved-searches.routes.ts';
import { jobInput, jobPatch, projectInput, projectPatch, trainingInput, trainingPatch } from './schema.ts';
import { searchRoutes } from './search.routes.ts';

/** Everything of the opportunities issue, mounted once under /api. */
export function opportunityRoutes(deps: AppDeps) {
  return createRouter()
    .route('/skills', skillRoutes(deps))
    .route('/employers', employerRoutes(deps))
    .route('/jobs', postingRoutes(deps, { kind: 'jobs', noun: 'job', input: jobInput, patch: jobPatch }))
    .route(
      '/trainings',
      postingRoutes(deps, { kind: 'trainings', noun: 'training course', input: trainingInput, patch: trainingPatch }),
    )
    .route(
      '/projects',
      postingRoutes(deps, { kind: 'projects', noun: 'industry project', input: projectInput, patch: projectPatch }),
    )
    .route('/posting-sites', postingSiteRoutes(deps))
    .route('/search', searchRoutes(deps))
    .route('/saved-searches', savedSearchRoutes(deps));
}
