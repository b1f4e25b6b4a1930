import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { handOverRoutes, helperAssignmentRoutes } from './assignments.routes.ts';
import { duplicateRoutes } from './duplicates.routes.ts';
import { householdRoutes } from './households.routes.ts';
import { importRoutes } from './imports.routes.ts';
import { personRoutes } from './persons.routes.ts';
import { residentSearchRoutes } from './search.routes.ts';
import { siteRoutes } from './sites.routes.ts';

/** The registry (花名册): sites, households, people, roster imports, duplicates, resident search. Mounted at /api. */
export function registryRoutes(deps: AppDeps) {
  return createRouter()
    .route('/sites', siteRoutes(deps))
    .route('/households', householdRoutes(deps))
    .route('/persons', personRoutes(deps))
    .route('/imports', importRoutes(deps))
    .route('/duplicates', duplicateRoutes(deps))
    .route('/search', residentSearchRoutes(deps))
    .route('/helper-assignments', helperAssignmentRoutes(deps))
    .route('/households/hand-over', handOverRoutes(deps));
}
