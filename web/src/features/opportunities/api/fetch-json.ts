import { apiErrorOf } from '../../../shared/api-error.ts';

/**
 * For the search endpoints only: their routes are built in a loop, so the typed client does not
 * see them. Everything else goes through the typed client (`api`).
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw await apiErrorOf(response);
  return response.json() as Promise<T>;
}
