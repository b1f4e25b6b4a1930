import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';
import { type FieldProblemWords, fieldProblemTexts } from '../../shared/field-problems.ts';

const skillWords: FieldProblemWords = {
  'code.taken': 'opportunities.skills.problems.codeTaken',
  'code.format': 'opportunities.skills.problems.codeFormat',
  'parentCode.parent-self': 'opportunities.skills.problems.parentSelf',
  'parentCode.parent-unknown': 'opportunities.skills.problems.parentUnknown',
  'parentCode.format': 'opportunities.skills.problems.parentUnknown',
  'occupationCode.format': 'opportunities.skills.problems.occupationFormat',
  'occupationEdition.required': 'opportunities.skills.problems.editionRequired',
  'too-big': 'opportunities.skills.problems.tooLong',
  'too-small': 'opportunities.skills.problems.required',
  required: 'opportunities.skills.problems.required',
  invalid: 'opportunities.skills.problems.invalid',
};

/** The API's problems for a skill, in plain words beside the field they belong to. */
export function skillProblems(error: unknown, t: TFunction): Record<string, string> {
  return error instanceof ApiError ? fieldProblemTexts(error.problem.errors, t, skillWords) : {};
}
