import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';

/**
 * The API names each problem's field (`json.creditCode`) with an English message; the portal says
 * it in plain Chinese (or English) by field and kind. Unknown problems keep the API's words.
 */
export function fieldProblems(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const field = path.replace(/^json\./, '').split('.')[0];
    out[field] ??= plain(field, message, t);
  }
  return out;
}

function plain(field: string, message: string, t: TFunction): string {
  const phrase = message.match(/“(.+?)”/)?.[1];
  if (message.startsWith('不得限定') && phrase) return t('opportunities.post.discriminatory', { phrase });
  if (field === 'creditCode') {
    if (message.includes('18 characters')) return t('opportunities.employer.creditCodeFormat');
    if (message.includes('check character')) return t('opportunities.employer.creditCodeCheck');
    if (message.includes('required')) return t('opportunities.employer.creditCodeRequired');
    if (message.includes('already')) return t('opportunities.employer.creditCodeTaken');
  }
  if (field === 'contactPhone') return t('opportunities.employer.phoneInvalid');
  if (field === 'payMin' && message.includes('exceed')) return t('opportunities.post.payRangeWrong');
  if (field === 'deadline' && message.includes('past')) return t('opportunities.post.deadlinePast');
  if (field === 'destination') return t('opportunities.post.destinationRequired');
  if ((field === 'requiredSkills' || field === 'skillsTaught') && message.includes('unknown'))
    return t('opportunities.post.unknownSkill');
  if (field === 'endDate' && message.includes('before')) return t('opportunities.training.endBeforeStart');
  if (field === 'expectedIncomeMin' && message.includes('exceed')) return t('opportunities.project.incomeRangeWrong');
  if (field === 'siteIds') return t('opportunities.project.notASite');
  if (field === 'reason') return t('opportunities.review.reasonRequired');
  // Anything else the API says in English (a zod bound, a format): plain words beside the field.
  return /[\u4e00-\u9fff]/.test(message) ? message : t('opportunities.post.checkField', { detail: message });
}
