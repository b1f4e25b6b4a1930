import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { listAuditLog } from './queries.ts';
import { auditLogQuery, auditLogSchema } from './schema.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Page through the audit log (admins: all; officials: entries within their region), newest first',
  request: { query: auditLogQuery },
  responses: {
    200: { description: 'A page of audit entries', content: { 'application/json': { schema: auditLogSchema } } },
    401: { description: 'Not signed in' },
    403: { description: 'Only officials and admins read the audit log' },
  },
});

/** `/api/audit-log`: reading the append-only audit log (审计日志). */
export function auditLogRoutes({ db }: AppDeps) {
  return createRouter().openapi(listRoute, async (c) => {
    const actor = requireActor(c);
    requireRole(actor, 'official', 'admin');
    return c.json(await listAuditLog(db, actor, c.req.valid('query')), 200);
  });
}
