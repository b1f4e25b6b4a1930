import { z } from '@hono/zod-openapi';

/** Shared pieces of the programmes' zod schemas. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
export const yuan = z.number().finite().min(0).max(10_000_000);
export const idParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const text = (max: number) => z.string().trim().min(1).max(max);
