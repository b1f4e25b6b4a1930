import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';
import { fieldProblemText } from '../../shared/field-problems.ts';

/** A refused workflow write in the feature's words, from the API's stable `code` (never its English). */
export function workflowProblem(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('workflows.problems.failed');
  const { problem } = error;
  const code = typeof problem.code === 'string' ? problem.code : undefined;
  if (code === 'guards-failed') {
    const failed = Array.isArray(problem.failedGuards) ? (problem.failedGuards as string[]) : [];
    return t('workflows.problems.guards-failed', { guards: failed.map((g) => t(`workflows.guards.${g}`)).join('；') });
  }
  if (code && code in workflowProblemCodes) return t(`workflows.problems.${code}`, { endsOn: problem.endsOn ?? '' });
  if (problem.errors?.length)
    return problem.errors
      .map((field) =>
        fieldProblemText(field, t, {
          reason: 'workflows.fields.reason',
          category: 'workflows.fields.category',
          terms: 'workflows.fields.terms',
          outcome: 'workflows.fields.outcome',
        }),
      )
      .join('；');
  if (error.status === 403) return t('workflows.problems.forbidden');
  return t('workflows.problems.failed');
}

const workflowProblemCodes = {
  'workflow-open': true,
  'already-monitored': true,
  'not-monitored': true,
  'dibao-state': true,
  'dibao-missing': true,
  'publicity-running': true,
  'step-not-yours': true,
  'not-current-step': true,
  'workflow-closed': true,
  'workflow-required': true,
} as const;
