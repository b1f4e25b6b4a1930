import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';
import type { OpportunityKind } from './api.ts';
import { stateLabel } from './labels.ts';

/** A refused request in plain words: the API answers in English problem+json; people read Chinese. */
export function problemText(t: TFunction, error: unknown, kind: OpportunityKind = 'job'): string {
  if (!(error instanceof ApiError)) return t('matching.errors.failed');
  const { from, to } = error.problem as { from?: string; to?: string };
  if (error.status === 409 && from && to) {
    return t('matching.errors.illegalMove', { from: stateLabel(t, kind, from), to: stateLabel(t, kind, to) });
  }
  if (error.problem.reason === 'already-applied') return t('matching.errors.alreadyApplied');
  if (error.problem.reason === 'closed') return t('matching.errors.closed');
  if (error.status === 409) return t('matching.errors.conflict');
  if (error.status === 403) return t('matching.errors.forbidden');
  if (error.status === 404) return t('matching.errors.notFound');
  return t('matching.errors.failed');
}
