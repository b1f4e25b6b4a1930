import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { readUploadForm } from '../http/upload.ts';
import { oneUploadAtATime } from '../spreadsheet/read-limits.ts';
import { importRegions } from './import.ts';
import { findRegion, listRegions, regionView } from './queries.ts';
import {
  regionCreateBody,
  regionIdParam,
  regionImportQuery,
  regionImportReportSchema,
  regionListQuery,
  regionListSchema,
  regionSchema,
  regionUpdateBody,
} from './schema.ts';
import { changeRegionAudited, createRegionAudited, retireRegionAudited } from './service.ts';

const refusals = {
  401: { description: 'Not signed in' },
  403: { description: 'Not an admin, or outside the regions you manage' },
};

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The region tree (行政区划) the caller covers, as a flat list root first',
  request: { query: regionListQuery },
  responses: { 200: json(regionListSchema, 'Regions ordered by path'), ...refusals },
});
const createRegionRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a province, city, county, township, village/community or grid (admin)',
  request: body(regionCreateBody),
  responses: {
    201: json(regionSchema, 'Created'),
    400: { description: 'Code or level does not fit the parent' },
    409: { description: 'Code taken' },
    ...refusals,
  },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Rename, move under another region and/or recode a region (admin)',
  request: { params: regionIdParam, ...body(regionUpdateBody) },
  responses: {
    200: json(regionSchema, 'Changed'),
    400: { description: 'Invalid change' },
    409: { description: 'Households below would change county, or code taken' },
    ...refusals,
  },
});
const retireRoute = createRoute({
  method: 'post',
  path: '/{id}/retire',
  summary: 'Retire (撤销) a region and everything below it; refused while live sites or households lie below',
  request: { params: regionIdParam },
  responses: {
    200: json(z.object({ retired: z.number().int() }).openapi('RegionRetired'), 'How many regions were retired'),
    409: { description: 'Live sites or households below (reason region-has-live-sites)' },
    ...refusals,
  },
});
const importRoute = createRoute({
  method: 'post',
  path: '/import',
  summary: 'Import regions from .xlsx or .csv (区划代码, 名称, 上级代码, 层级); `dryRun=true` previews',
  description: 'All or nothing: a commit with any rejected row changes nothing (422 with the report).',
  request: {
    query: regionImportQuery,
    body: {
      content: {
        'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) },
      },
      required: true,
    },
  },
  responses: {
    200: json(regionImportReportSchema, 'The report (committed unless a dry run)'),
    422: json(regionImportReportSchema, 'Rejected rows: nothing was committed'),
    ...refusals,
  },
});

async function readRegion(db: AppDeps['db'], id: string) {
  const row = await findRegion(db, { id });
  if (!row) throw new AppError('not-found', 'No such region');
  return regionView(row);
}

/** `/api/regions`: administrative divisions. Reads for staff in their regions, changes for admins. */
export function regionRoutes({ db }: AppDeps) {
  const app = createRouter();
  app.use('/import', oneUploadAtATime);
  return app
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin', 'official', 'worker');
      const includeRetired = c.req.valid('query').includeRetired === 'true';
      return c.json({ items: await listRegions(db, actor, { includeRetired }) }, 200);
    })
    .openapi(createRegionRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const input = c.req.valid('json');
      const id = await createRegionAudited(db, c, actor, input);
      return c.json(await readRegion(db, id), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      await changeRegionAudited(db, c, actor, id, input);
      return c.json(await readRegion(db, id), 200);
    })
    .openapi(retireRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      const retired = await retireRegionAudited(db, c, actor, id);
      return c.json({ retired }, 200);
    })
    .openapi(importRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const dryRun = c.req.valid('query').dryRun !== 'false';
      const { file } = await readUploadForm(c.req, 'file');
      const report = await importRegions(db, { actor, file: Buffer.from(await file.arrayBuffer()), dryRun });
      await writeAudit(db, c, {
        action: dryRun ? 'region.import-dry-run' : 'region.import',
        resourceType: 'region',
        outcome: dryRun || report.committed ? 'ok' : 'failed',
        detail: { file: file.name, rows: report.rowCount, created: report.created, renamed: report.renamed },
      });
      return c.json(report, !dryRun && !report.committed ? 422 : 200);
    });
}
