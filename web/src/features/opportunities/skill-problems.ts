import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api-error.ts';

/**
 * The API's validation problems for a skill (`json.parentCode: unknown skill code x`), said in
 * plain words beside the field they belong to. Keyed by field name.
 */
export function skillProblems(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const field = path.replace(/^json\./, '').split('.')[0] ?? '';
    out[field] ??= t(`opportunities.skills.problems.${problemKind(field, message)}`);
  }
  return out;
}

function problemKind(field: string, message: string): string {
  const text = message.toLowerCase();
  if (field === 'code' && text.includes('taken')) return 'codeTaken';
  if (field === 'code' && text.includes('lower-case')) return 'codeFormat';
  if (field === 'parentCode' && text.includes('itself')) return 'parentSelf';
  if (field === 'parentCode' && text.includes('unknown')) return 'parentUnknown';
  if (field === 'occupationCode' && text.includes('look like')) return 'occupationFormat';
  if (field === 'occupationEdition' && text.includes('required')) return 'editionRequired';
  if (/at most|too big|too long/.test(text)) return 'tooLong';
  if (/at least|too small|required/.test(text)) return 'required';
  return 'invalid';
}
