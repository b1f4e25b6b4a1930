import type { TFunction } from 'i18next';
import { ApiError } from './api-error.ts';

/**
 * A refused request in plain words, from the stable `reason` code the API puts in its
 * problem+json (never its English text): `<namespace>.problems.<reason>`, with the problem's
 * numbers as values; else by status; else `<namespace>.problems.failed`.
 */
export function problemReasonText(t: TFunction, error: unknown, namespace: string): string {
  if (!(error instanceof ApiError)) return t(`${namespace}.problems.failed`);
  const reason = error.problem.reason;
  if (typeof reason === 'string') {
    const key = `${namespace}.problems.${reason}`;
    const text = t(key, error.problem as Record<string, unknown>);
    if (text !== key) return text;
  }
  if (error.status === 404 || error.status === 403) {
    const key = `${namespace}.problems.notFound`;
    if (t(key) !== key) return t(key);
  }
  return t(`${namespace}.problems.failed`);
}
