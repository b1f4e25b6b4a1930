import type { HTMLAttributes } from 'react';

/**
 * Columns of an antd table shown as cards on a phone (the `card-table` class in styles.css):
 * each cell carries its column's title as `data-label`, which the phone layout writes before it.
 */
export function cardColumns<C extends { title?: unknown; onCell?: unknown }>(columns: C[]): C[] {
  return columns.map((column) => ({
    ...column,
    onCell: () =>
      ({ 'data-label': typeof column.title === 'string' ? column.title : undefined }) as HTMLAttributes<HTMLElement>,
  }));
}
