import { z } from '@hono/zod-openapi';
import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * `?page=&pageSize=` for a list endpoint: pages count from 1. Most lists answer 20 rows a page,
 * at most 100; a list whose portal page shows more says so once here.
 */
export function pageQueryOf({ defaultSize = 20, maxSize = 100 }: { defaultSize?: number; maxSize?: number } = {}) {
  return {
    page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ example: 1 }),
    pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize).openapi({ example: defaultSize }),
  };
}

/** `?page=&pageSize=` for every list endpoint: pages count from 1, at most 100 rows a page. */
export const pageQuery = pageQueryOf();

/** The `{ items, total, page, pageSize }` shape every list endpoint answers. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
    .openapi(name);
}

export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<Row> extends PageRequest {
  items: Row[];
  total: number;
}

/**
 * The one way a list is paged: `filtered` carries the filters (and joins), `selectRows` adds the
 * columns and the order, which the count leaves out; the page and the total run together.
 * Map the rows to their API shape with `mapPage`.
 */
export async function paged<DB, TB extends keyof DB, O, Row, RowDB = DB, RowTB extends keyof RowDB = TB & keyof RowDB>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  // The rows may join more than the count needs (names, titles).
  selectRows: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<RowDB, RowTB, Row>,
  { page, pageSize }: PageRequest,
): Promise<Page<Row>> {
  const [items, count] = await Promise.all([
    selectRows(filtered).limit(pageSize).offset(offsetOf(page, pageSize)).execute(),
    filtered.clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  // With DB generic here Kysely cannot name the selection; the query above selects exactly `n`.
  return { items, total: Number((count as { n: string }).n), page, pageSize };
}

/** The total a list that counts itself selects with its rows: `${windowTotalSql} as total`. */
export const windowTotalSql = sql<number>`count(*) over ()::int`;

/**
 * A list that is one raw SQL statement Kysely does not build (a merged or ranked list: the
 * worklist, the dashboard drill-down) counts itself: `run(limit, offset)` selects the page with
 * `windowTotalSql as total`, so the page and its total are one statement. Past the last page no
 * row carries the total; the list's first row is read for it.
 */
export async function selfCountedPage<Row extends { total: number }>(
  run: (limit: number, offset: number) => Promise<Row[]>,
  { page, pageSize }: PageRequest,
): Promise<Page<Omit<Row, 'total'>>> {
  const offset = offsetOf(page, pageSize);
  const rows = await run(pageSize, offset);
  const total = rows[0]?.total ?? (offset > 0 ? ((await run(1, 0))[0]?.total ?? 0) : 0);
  return { items: rows.map(({ total: _total, ...row }) => row), total, page, pageSize };
}

/** The same page with each row turned into its API shape. */
export function mapPage<Row, Item>(page: Page<Row>, view: (row: Row) => Item): Page<Item> {
  return { ...page, items: page.items.map(view) };
}
