import type { SelectQueryBuilder } from 'kysely';
import { paged } from '../http/paging.ts';

/** OpenAPI error responses shared by the tracking routes (JSON bodies and responses: `../http/route-parts.ts`). */
export const problems = {
  400: { description: 'Invalid input (problem+json naming the fields)' },
  401: { description: 'Not signed in' },
  403: { description: 'Not available to this role' },
  404: { description: 'No such record, or out of scope' },
};
export const conflict = { 409: { description: 'Not allowed in the current state (problem+json)' } };

/**
 * One page of a list and the total it counts, run together: `query` carries the filters,
 * `selectPage` adds the columns and the order (which the count leaves out). The one paging helper
 * is `paged` (http/paging.ts); this keeps the `{ rows, total }` answer the tracking, support and
 * programme routes read.
 */
export async function pageWithTotal<DB, TB extends keyof DB, O, Row>(
  query: SelectQueryBuilder<DB, TB, O>,
  selectPage: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, Row>,
  page: number,
  pageSize: number,
) {
  const { items, total } = await paged(query, selectPage, { page, pageSize });
  return { rows: items, total };
}
