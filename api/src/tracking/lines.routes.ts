import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { lineInForce } from './income.ts';
import { createLine, listLines } from './lines.queries.ts';
import { lineBody, lineInForceQuery, lineSchema } from './schema.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Monitoring lines (监测线) per province or county and year',
  responses: { 200: json(z.object({ items: z.array(lineSchema) }), 'Lines'), ...problems },
});
const inForceRoute = createRoute({
  method: 'get',
  path: '/in-force',
  summary: "The line in force for a county in a year (the county's own line overrides the province's)",
  request: { query: lineInForceQuery },
  responses: {
    200: json(z.object({ countyCode: z.string(), year: z.number(), amountYuan: z.number().nullable() }), 'Line'),
    ...problems,
  },
});
const createLineRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Set the line of a province (2-digit code) or county (6-digit code) from a year on (admin)',
  request: body(lineBody),
  responses: { 201: json(lineSchema, 'Created'), ...problems, ...conflict },
});

export function lineRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      requireActor(c);
      return c.json({ items: await listLines(db) }, 200);
    })
    .openapi(inForceRoute, async (c) => {
      requireActor(c);
      const { countyCode, year } = c.req.valid('query');
      return c.json({ countyCode, year, amountYuan: await lineInForce(db, countyCode, year) }, 200);
    })
    .openapi(createLineRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const input = c.req.valid('json');
      const row = await createLine(db, input);
      await writeAudit(db, c, { action: 'create', resourceType: 'monitoring_line', resourceId: row.id });
      return c.json(row, 201);
    });
}
