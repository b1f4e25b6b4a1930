import { existsSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { writeAudit } from './access/audit.ts';
import { sessionMiddleware } from './access/middleware.ts';
import { authRoutes } from './access/routes.ts';
import { jobViewRoutes } from './applications/job-view.routes.ts';
import { applicationRoutes } from './applications/routes.ts';
import { auditLogRoutes } from './audit-log/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { renderApiDocs } from './http/api-docs.ts';
import { limitBody } from './http/body-limit.ts';
import { clientAddressMiddleware } from './http/client-ip.ts';
import { compressJson } from './http/compress.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { AppError, problemResponse, toAppError } from './http/problem.ts';
import { refuseRawSearchParameters } from './http/search-guard.ts';
import { requireUtf8Json } from './http/utf8.ts';
import { jobRoutes } from './jobs/routes.ts';
import { matchingRoutes } from './matching/routes.ts';
import { tableOpportunitySource, trackedIncome } from './matching/table-source.ts';
import { loginCodeSender } from './notifications/login-code.ts';
import { consentRoutes, notificationRoutes } from './notifications/routes.ts';
import { offlineRoutes } from './offline/routes.ts';
import { opportunityRoutes } from './opportunities/routes.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { regionRoutes } from './regions/routes.ts';
import { ROSTER_IMPORT_PATH } from './registry/imports.routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { supportRoutes } from './support/routes.ts';
import { trackingRoutes } from './tracking/routes.ts';
import { userRoutes } from './users/routes.ts';
import { webDistDir } from './web/build.ts';
import { portalStatic } from './web/static.ts';
import { workflowRoutes } from './workflows/routes.ts';
import { worklistRoutes } from './worklist/routes.ts';

export interface CreateAppOptions {
  /** Serve the built portal from web/dist (the start command does; route tests need not). */
  serveWeb?: boolean;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', requestId());
  app.use('*', clientAddressMiddleware(deps.config.trustedProxies));
  // The request's lines carry its id as a field: no child logger is made for every request
  // (its bindings are serialised when it is made, whether or not anything is logged).
  app.use('*', async (c, next) => {
    const requestId = c.get('requestId');
    const started = performance.now();
    deps.logger.debug({ requestId, method: c.req.method, path: c.req.path }, 'request started');
    await next();
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    }),
  );
  // Inside secureHeaders, so that its headers land on the compressed answer.
  app.use('/api/*', compressJson);
  const defaultBodyLimit = limitBody(DEFAULT_BODY_LIMIT, `The body may be at most ${DEFAULT_BODY_LIMIT} bytes`);
  // The roster upload sets its own, larger limit on its route; every other route keeps 1 MB.
  app.use('/api/*', (c, next) => (c.req.path === ROSTER_IMPORT_PATH ? next() : defaultBodyLimit(c, next)));

  // Not on the roster upload: it is multipart, and its own body limit must read the body first.
  app.use('/api/*', (c, next) => (c.req.path === ROSTER_IMPORT_PATH ? next() : requireUtf8Json(c, next)));
  app.use('/api/*', sessionMiddleware(deps));
  app.use('/api/search/*', refuseRawSearchParameters);

  // What crosses domains is made here and handed in: matching and applications share one
  // opportunity source (the real tables) and one tracked-income reader.
  const opportunitySource = tableOpportunitySource();
  const income = trackedIncome(deps.db);
  const routes = app
    .route('/api/health', healthRoutes(deps))
    .route('/api/auth', authRoutes(deps, loginCodeSender(deps.config.dataEncryptionKey)))
    .route('/api/users', userRoutes(deps))
    .route('/api/regions', regionRoutes(deps))
    .route('/api/audit-log', auditLogRoutes(deps))
    .route('/api/admin/jobs', jobRoutes(deps))
    .route('/api', opportunityRoutes(deps))
    .route('/api', registryRoutes(deps))
    .route('/api', trackingRoutes(deps))
    .route('/api/worklist', worklistRoutes(deps))
    .route('/api', matchingRoutes(deps, opportunitySource, income))
    .route('/api/applications', applicationRoutes(deps, opportunitySource))
    .route('/api', jobViewRoutes(deps, opportunitySource, income))
    .route('/api/offline', offlineRoutes(deps))
    .route('/api', workflowRoutes(deps))
    .route('/api/notifications', notificationRoutes(deps))
    .route('/api', consentRoutes(deps))
    .route('/api', supportRoutes(deps))
    .route('/api', programmeRoutes(deps));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Anju 安居 API',
      version: '0.1.0',
      description: 'Follow-up support for relocated households (易地扶贫搬迁后续扶持).',
    },
  });
  app.get('/api/docs', (c) =>
    c.html(
      renderApiDocs(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: { title: 'Anju 安居 API', version: '0.1.0' },
        }),
      ),
    ),
  );
  app.all('/api/*', () => {
    throw new AppError('not-found', 'No such API endpoint');
  });

  if (options.serveWeb && existsSync(path.join(webDistDir, 'index.html'))) {
    const portal = portalStatic(webDistDir);
    app.use('/*', portal.files);
    app.get('/*', portal.index);
  }

  app.onError(async (error, c) => {
    const appError = toAppError(error);
    if (appError.status >= 500) deps.logger.error({ requestId: c.get('requestId'), err: error }, appError.message);
    if (appError.code === 'forbidden' || appError.audited) {
      // Every refused authorisation is audited (a 404 for a private resource counts too).
      await writeAudit(deps.db, c, {
        action: `${c.req.method} ${c.req.routePath}`,
        resourceType: c.req.path.split('/')[2] ?? 'api',
        resourceId: c.req.path,
        outcome: 'denied',
        detail: { reason: appError.message },
      }).catch((auditError) =>
        deps.logger.error({ requestId: c.get('requestId'), err: auditError }, 'audit write failed'),
      );
    }
    return problemResponse(c, appError);
  });
  app.notFound((c) => problemResponse(c, new AppError('not-found')));

  return routes;
}

export type AppType = ReturnType<typeof createApp>;
