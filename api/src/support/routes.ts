import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { householdFactRoutes } from './household-facts.routes.ts';
import { policyValueRoutes } from './policy-values.routes.ts';
import { supervisionRoutes } from './supervision.routes.ts';

/** Support (帮扶) of issue 20 part B, mounted at /api. */
export function supportRoutes(deps: AppDeps) {
  return createRouter()
    .route('/households', householdFactRoutes(deps))
    .route('/policy-values', policyValueRoutes(deps))
    .route('/supervision', supervisionRoutes(deps));
}
