import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';
import { type FieldProblemWords, fieldProblemTexts } from '../../shared/field-problems.ts';

/** Postings, employers and reviews say some field problems in their own words, by field and code. */
const opportunityWords: FieldProblemWords = {
  'creditCode.credit-code-format': 'opportunities.employer.creditCodeFormat',
  'creditCode.credit-code-check': 'opportunities.employer.creditCodeCheck',
  'creditCode.required': 'opportunities.employer.creditCodeRequired',
  'creditCode.taken': 'opportunities.employer.creditCodeTaken',
  contactPhone: 'opportunities.employer.phoneInvalid',
  discriminatory: 'opportunities.post.discriminatory',
  'payMin.range-inverted': 'opportunities.post.payRangeWrong',
  'deadline.in-past': 'opportunities.post.deadlinePast',
  destination: 'opportunities.post.destinationRequired',
  'unknown-skill': 'opportunities.post.unknownSkill',
  'endDate.before-start': 'opportunities.training.endBeforeStart',
  'expectedIncomeMin.range-inverted': 'opportunities.project.incomeRangeWrong',
  siteIds: 'opportunities.project.notASite',
  reason: 'opportunities.review.reasonRequired',
};

/** The API's field problems for a posting, an employer or a review, keyed by field. */
export function fieldProblems(error: unknown, t: TFunction): Record<string, string> {
  return error instanceof ApiError ? fieldProblemTexts(error.problem.errors, t, opportunityWords) : {};
}
