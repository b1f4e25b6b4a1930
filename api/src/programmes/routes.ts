import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { labourExportRoutes } from './labour-export.routes.ts';
import { subsidyRoutes } from './subsidies.routes.ts';
import { welfarePostRoutes } from './welfare-posts.routes.ts';
import { workshopRoutes } from './workshops.routes.ts';

/** Employment programmes (就业帮扶), mounted at /api: one sub-app per programme. */
export function programmeRoutes(deps: AppDeps) {
  return createRouter()
    .route('/labour-export', labourExportRoutes(deps))
    .route('/welfare-posts', welfarePostRoutes(deps))
    .route('/workshops', workshopRoutes(deps))
    .route('/subsidies', subsidyRoutes(deps));
}
