import { chinaToday } from '@anju/domain/clock';
import { monthStart } from '@anju/domain/dates';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { mapPage } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { drillHouseholds, homeRegion } from './reports.queries.ts';
import { dashboardReports, scopedRegionSites } from './reports.ts';
import { drillQuery, reportQuery } from './schema.ts';
import { findScopedRegion } from './scope.ts';

const reportRoute = createRoute({
  method: 'get',
  path: '/regions/{code}',
  summary: 'Dashboard of a region or site (a site is a region) for a month range; ?compare=code1,code2 adds others',
  request: {
    params: z.object({
      code: z
        .string()
        .max(20)
        .openapi({ param: { name: 'code', in: 'path' } }),
    }),
    query: reportQuery,
  },
  responses: { 200: json(z.record(z.string(), z.unknown()), 'Figures'), ...problems },
});

const codeParam = z.object({
  code: z
    .string()
    .max(20)
    .openapi({ param: { name: 'code', in: 'path' } }),
});
const homeRoute = createRoute({
  method: 'get',
  path: '/home-region',
  summary: "The region a dashboard opens on: an official's own region, a worker's site, the root for an admin",
  responses: {
    200: json(z.object({ code: z.string(), name: z.string(), level: z.string() }), 'The region'),
    ...problems,
  },
});
const drillRoute = createRoute({
  method: 'get',
  path: '/regions/{code}/households',
  summary: 'Drill down to households: a region, optionally one responsible worker (or `none`), worst first',
  request: { params: codeParam, query: drillQuery },
  responses: { 200: json(z.record(z.string(), z.unknown()), 'A page of households'), ...problems },
});

/** Whoever sees a dashboard but does not work with the household sees its head's surname only. */
const headNameFor = (role: string, name: string | null) => (role === 'official' ? maskName(name) : name);

export function reportRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(homeRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'worker', 'official', 'admin');
      const region = await homeRegion(db, actor);
      if (!region) throw outOfScope('region');
      return c.json(region, 200);
    })
    .openapi(drillRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'worker', 'official', 'admin');
      const { code } = c.req.valid('param');
      const { to: toMonth, worker, page, pageSize } = c.req.valid('query');
      const region = await findScopedRegion(db, actor, code);
      const today = chinaToday();
      const to = toMonth ? `${toMonth}-01` : monthStart(today, -1);
      const households = await drillHouseholds(
        db,
        scopedRegionSites(db, actor, region.path),
        { worker, to, today },
        { page, pageSize },
      );
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'report_households',
        resourceId: code,
        fields: ['headName', 'perCapitaNetIncome'],
        detail: { count: households.items.length },
      });
      return c.json(
        {
          region: { code: region.code, name: region.name, level: region.level },
          ...mapPage(households, (item) => ({ ...item, headName: headNameFor(actor.role, item.headName) })),
        },
        200,
      );
    })
    .openapi(reportRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'worker', 'official', 'admin');
      const { code } = c.req.valid('param');
      const query = c.req.valid('query');
      const reports = await dashboardReports(db, actor, code, query, chinaToday());
      const codes = reports.map((report) => report.region.code);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'report',
        resourceId: codes.join(','),
        fields: ['medianPerCapitaNetIncome'],
      });
      const [main, ...compared] = reports;
      return c.json(compared.length ? { ...main, compared } : main, 200);
    });
}
