import { regionLevels } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,24}$/, 'letters, digits and - only, at most 24')
  .openapi({ example: '520102' });
const name = z.string().trim().min(1).max(100);
/** Administrative levels an admin creates here; a site (安置点) is created under /api/sites with its facts. */
const adminLevel = z.enum(regionLevels).exclude(['site']);

export const regionIdParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' }, example: '7' }) });

export const regionSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.enum(regionLevels),
    parentId: z.string().nullable(),
    path: z.string(),
    countyCode: z.string().nullable(),
    retired: z.boolean(),
  })
  .openapi('Region');

export const regionListSchema = z.object({ items: z.array(regionSchema) }).openapi('RegionList');

export const regionListQuery = z.object({
  includeRetired: z.enum(['true', 'false']).default('false').openapi({ description: 'Also list retired regions' }),
});

export const regionCreateBody = z
  .object({ code, name, level: adminLevel, parentId: id.nullable().optional() })
  .openapi('RegionCreate');

export const regionUpdateBody = z
  .object({
    name: name.optional(),
    /** Move (调整隶属关系) under another region; the code may change with it. */
    parentId: id.optional(),
    code: code.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'nothing to change' })
  .openapi('RegionUpdate');

export const regionImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true') });

export const regionImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    committed: z.boolean(),
    rowCount: z.number().int(),
    created: z.number().int(),
    renamed: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
    preview: z.array(
      z.object({
        row: z.number().int(),
        code: z.string(),
        name: z.string(),
        level: z.string(),
        parentCode: z.string().nullable(),
        outcome: z.enum(['create', 'rename', 'unchanged']),
      }),
    ),
  })
  .openapi('RegionImportReport');

export type RegionImportReport = z.infer<typeof regionImportReportSchema>;
