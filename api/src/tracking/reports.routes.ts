import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { monthStart, todayInChina } from './dates.ts';
import { problems } from './http.ts';
import { regionReport } from './reports.ts';
import { reportQuery } from './schema.ts';
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

export function reportRoutes({ db }: AppDeps) {
  return createRouter().openapi(reportRoute, async (c) => {
    const actor = requireActor(c);
    requireRole(actor, 'worker', 'official', 'admin');
    const { code } = c.req.valid('param');
    const query = c.req.valid('query');
    const today = todayInChina();
    const to = query.to ? `${query.to}-01` : monthStart(today, -1);
    const from = query.from ? `${query.from}-01` : monthStart(to, -11);
    if (from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 5)
      throw new AppError('validation', 'from must not be after to, and the range at most 5 years', {
        errors: [{ path: 'query.from', message: 'must be before to (at most 5 years)' }],
      });
    const codes = [
      code,
      ...(query.compare
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? []),
    ];
    if (codes.length > 6)
      throw new AppError('validation', 'Compare at most 5 regions', {
        errors: [{ path: 'query.compare', message: 'at most 5 codes' }],
      });
    const regions = [];
    for (const regionCode of codes) regions.push(await findScopedRegion(db, actor, regionCode));
    const reports = [];
    for (const region of regions) reports.push(await regionReport(db, actor, region, from, to, today));
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
