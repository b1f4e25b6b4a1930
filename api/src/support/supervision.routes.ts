import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { outOfScope } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { scopedRegionSites } from '../tracking/reports.ts';
import { findScopedRegion } from '../tracking/scope.ts';
import { supervisionHomeRegion } from './queries.ts';
import { supervisionQuery } from './schema.ts';
import { supervisionReport } from './supervision.ts';

const followUp = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  households: z.number(),
  overdueVisits: z.number(),
  visitsOnTimeShare: z.number().nullable(),
  alertsUpTo7Days: z.number(),
  alerts8To30Days: z.number(),
  alertsOver30Days: z.number(),
});
const supervisionRoute = createRoute({
  method: 'get',
  path: '/',
  summary: '督查: follow-up figures per worker and per township, and the late items with their owners',
  request: { query: supervisionQuery },
  responses: {
    200: json(
      z
        .object({
          region: z.object({ code: z.string(), name: z.string() }),
          asOf: z.string(),
          workers: z.array(followUp),
          townships: z.array(followUp),
          late: z.array(z.record(z.string(), z.unknown())),
        })
        .openapi('Supervision'),
      'Supervision report',
    ),
    ...problems,
  },
});

export function supervisionRoutes({ db }: AppDeps) {
  return createRouter().openapi(supervisionRoute, async (c) => {
    const actor = requireActor(c);
    requireRole(actor, 'official', 'admin');
    const { region: code } = c.req.valid('query');
    let region: { code: string; name: string; path: string } | undefined;
    if (code) region = await findScopedRegion(db, actor, code);
    else region = await supervisionHomeRegion(db, actor);
    if (!region) throw outOfScope('region');
    const today = chinaToday();
    const report = await supervisionReport(db, scopedRegionSites(db, actor, region.path), today);
    await writeAudit(db, c, { action: 'read', resourceType: 'supervision', resourceId: region.code });
    return c.json({ region: { code: region.code, name: region.name }, asOf: today, ...report }, 200);
  });
}
