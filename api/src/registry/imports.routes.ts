import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { limitBody } from '../http/body-limit.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { readUploadForm } from '../http/upload.ts';
import { oneUploadAtATime } from '../spreadsheet/read-limits.ts';
import { rosterColumns } from './import/roster-columns.ts';
import { importRoster } from './import/roster-import.ts';
import { listImports } from './import/roster-queries.ts';
import { rejectedRowsWorkbook } from './import/roster-report.ts';
import { rosterTemplate } from './import/roster-template.ts';
import { pageQuery } from './schema.ts';
import { requireRegistryWriter } from './scope.ts';

/** The roster upload's own limit; every other route keeps the app's 1 MB. */
export const ROSTER_BODY_LIMIT = 20 * 1024 * 1024;
export const ROSTER_IMPORT_PATH = '/api/imports/roster';

const rejection = z.object({
  row: z.number().int().openapi({ description: 'The row number as Excel shows it' }),
  column: z.string().openapi({ description: 'The column as the file heads it' }),
  code: z.string().openapi({ description: 'A stable code for the problem (id-check-digit, no-head …)' }),
  reason: z.string().openapi({ description: 'Plain Chinese' }),
  reasonEn: z.string(),
});
const importReport = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    committed: z.boolean(),
    fileSha256: z.string(),
    rowCount: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    households: z.object({ created: z.number().int(), updated: z.number().int() }),
    rejected: z.array(rejection),
    columns: z.array(
      z.object({
        column: z.string(),
        field: z.string().nullable(),
        guessed: z.boolean(),
        looksLike: z.string().nullable(),
      }),
    ),
    notRead: z.array(z.string()).openapi({ description: 'Columns of the file that were not read' }),
    skippedRows: z.array(z.number().int()).openapi({ description: '合计/小计 rows and signature lines passed over' }),
    keepValid: z.boolean(),
    heldBack: z
      .array(z.number().int())
      .openapi({ description: 'With keepValid: rows left out because another row of their household was rejected' }),
    workflowRequired: z
      .array(
        z.object({
          row: z.number().int(),
          column: z.string(),
          code: z.string(),
          reason: z.string(),
          reasonEn: z.string(),
        }),
      )
      .openapi({
        description: 'Rows whose 监测类型 was left unchanged: only a workflow (监测识别 / 风险消除) changes it',
      }),
    mapping: z
      .object({
        source: z.enum(['given', 'remembered', 'none']),
        signature: z.string().nullable(),
      })
      .openapi({
        description:
          'How the headers were read: the mapping sent now, the one last chosen for these headers at one of your sites, or Anju’s own names',
      }),
    defaulted: z.object({ laborCapacity: z.number().int(), employmentStatus: z.number().int() }).openapi({
      description:
        'New persons given the default because the file had no value: 劳动能力 → unknown (未登记), 就业状态 → not_seeking',
    }),
    incomeRecorded: z
      .number()
      .int()
      .openapi({ description: 'Households whose 月收入 went to the income ledger as this month’s wages' }),
    preview: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(['create', 'update', 'unchanged']),
        householdNumber: z.string(),
        name: z.string(),
        changedFields: z.array(z.string()),
      }),
    ),
  })
  .openapi('RosterImportReport');

const importRoute = createRoute({
  method: 'post',
  path: '/roster',
  summary: 'Import a roster (花名册, .xlsx or .csv in UTF-8 or GBK); `dryRun=true` previews without changing anything',
  description:
    'All or nothing: a commit with any rejected row changes nothing (422 with the report). Re-importing the same file changes nothing.',
  request: {
    query: z.object({
      dryRun: z.enum(['true', 'false']).default('true'),
      keepValid: z.enum(['true', 'false']).default('false').openapi({
        description: 'Import the valid households and leave the households with a rejected row (else all or nothing)',
      }),
      download: z.enum(['rejected']).optional().openapi({
        description:
          'Answer with the rejected rows as .xlsx in the file’s own layout with a 问题 column (a dry run; nothing changes)',
      }),
    }),
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            mapping: z.string().optional().openapi({
              description:
                'JSON: the file’s header as written → the field to read it as (householdNumber, siteName, name …), or null to leave it unread',
            }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The report (or, with download=rejected, the rejected rows as .xlsx)',
      content: {
        'application/json': { schema: importReport },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: { type: 'string', format: 'binary' },
        },
      },
    },
    422: {
      description: 'Rejected rows: nothing was committed',
      content: { 'application/json': { schema: importReport } },
    },
  },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/roster/template',
  summary: 'The roster template (.xlsx) with Chinese headers and drop-down lists',
  responses: { 200: { description: 'The workbook' } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Roster imports: who, when, which file (sha256), what they did',
  request: { query: z.object(pageQuery) },
  responses: {
    200: {
      description: 'A page of imports',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                userId: z.string().nullable(),
                userName: z.string().nullable(),
                fileName: z.string(),
                fileSha256: z.string(),
                committed: z.boolean(),
                rowCount: z.number(),
                createdCount: z.number(),
                updatedCount: z.number(),
                unchangedCount: z.number(),
                rejectedCount: z.number(),
                createdAt: z.string(),
              }),
            ),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
  },
});

const mappingSchema = z.record(z.string().max(200), z.enum(rosterColumns.map((c) => c.key)).nullable());

/** The optional `mapping` form field: JSON, header → field key or null. */
function parseMapping(value: FormDataEntryValue | null | undefined) {
  if (value === null || value === undefined || value === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(String(value));
  } catch {
    json = undefined;
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('validation', 'The column mapping is not valid', {
      errors: [{ path: 'mapping', message: 'a JSON object: header → field (householdNumber, name, …) or null' }],
    });
  }
  return parsed.data;
}

export function importRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = createRouter();
  // The turn comes first: an upload waiting for it has not read its body yet.
  app.use('/roster', oneUploadAtATime);
  app.use('/roster', limitBody(ROSTER_BODY_LIMIT, `A roster file may be at most ${ROSTER_BODY_LIMIT / 1048576} MB`));
  return app
    .openapi(importRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const query = c.req.valid('query');
      const download = query.download === 'rejected';
      const dryRun = query.dryRun !== 'false' || download;
      const { form, file } = await readUploadForm(c.req, 'roster');
      // Only the base name is kept: a name like ../../etc/x.csv never reaches the import record as a path.
      const name = file.name.split(/[\\/]/).pop() || 'roster';
      if (!/\.(xlsx|csv)$/i.test(name)) {
        throw new AppError('unsupported-media-type', 'Only .xlsx and .csv rosters are accepted');
      }
      const mapping = parseMapping(form.get('mapping'));
      const buffer = Buffer.from(await file.arrayBuffer());
      const report = await importRoster(db, {
        actor,
        encryptionKey: deps.config.dataEncryptionKey,
        fileName: name,
        file: buffer,
        dryRun,
        keepValid: query.keepValid === 'true',
        mapping,
      });
      await writeAudit(db, c, {
        action: dryRun ? 'import-dry-run' : 'import',
        resourceType: 'roster-import',
        resourceId: report.importId,
        outcome: dryRun || report.committed ? 'ok' : 'failed',
        detail: {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
        },
      });
      if (download) {
        const workbook = await rejectedRowsWorkbook(buffer, report, report.mappingUsed);
        const base = name.replace(/\.(xlsx|csv)$/i, '');
        return c.body(new Uint8Array(workbook), 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="rejected-rows.xlsx"; filename*=UTF-8''${encodeURIComponent(`${base}-退回的行.xlsx`)}`,
        });
      }
      const { changedPersonIds, mappingUsed, ...body } = report;
      return c.json(body, !dryRun && !report.committed ? 422 : 200);
    })
    .openapi(templateRoute, async (c) => {
      requireActor(c);
      const workbook = await rosterTemplate();
      return c.body(new Uint8Array(workbook), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('花名册模板.xlsx')}`,
      });
    })
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRegistryWriter(actor);
      const { page, pageSize } = c.req.valid('query');
      // A worker sees their own imports; an admin sees all.
      return c.json(await listImports(db, actor, { page, pageSize }), 200);
    });
}
