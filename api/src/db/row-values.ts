import type { Insertable, Updateable } from 'kysely';
import type { Database } from './database.ts';

/**
 * Columns put together at run time: the fields a request sent (validated by zod at the edge),
 * mapped to column names, or one of several posting tables chosen by kind. Kysely cannot check a
 * `Record<string, unknown>` against a table statically; these two helpers are the one place such
 * a record is taken as a table's insert or update row (instead of a cast at every call).
 */
export function insertRow<T extends keyof Database>(
  _table: T,
  columns: Record<string, unknown>,
): Insertable<Database[T]> {
  return columns as Insertable<Database[T]>;
}

export function updateRow<T extends keyof Database>(
  _table: T,
  columns: Record<string, unknown>,
): Updateable<Database[T]> {
  return columns as Updateable<Database[T]>;
}
