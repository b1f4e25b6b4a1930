import { z } from '@hono/zod-openapi';

/** `?page=&pageSize=` for every list endpoint: pages count from 1, at most 100 rows a page. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
};

/** The `{ items, total, page, pageSize }` shape every list endpoint answers. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
    .openapi(name);
}

export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;
