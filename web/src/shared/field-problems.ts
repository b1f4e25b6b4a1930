import type { TFunction } from 'i18next';

/** One field problem as the API sends it: a path, a stable code, values for the words. */
export interface FieldProblemOnWire {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * Which message key says a field problem in a feature's words. Keys are tried in this order:
 * `field.code`, `field`, `code`; then the shared words for the code (`fieldProblems.<code>`).
 * The field is the first part of the path after `json.` (`requiredSkills.0.code` → `requiredSkills`).
 */
export type FieldProblemWords = Record<string, string>;

/**
 * The API's field problems in plain words beside the field they belong to, keyed by field. The
 * portal reads only the stable `code` (and its `params`), never the API's English `message`.
 */
export function fieldProblemTexts(
  problems: readonly FieldProblemOnWire[] | undefined,
  t: TFunction,
  words: FieldProblemWords = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const problem of problems ?? []) {
    const field = fieldOf(problem.path);
    out[field] ??= fieldProblemText(problem, t, words);
  }
  return out;
}

export function fieldOf(path: string): string {
  return path.replace(/^(json|query|param)\./, '').split('.')[0] ?? '';
}

export function fieldProblemText(problem: FieldProblemOnWire, t: TFunction, words: FieldProblemWords = {}): string {
  const field = fieldOf(problem.path);
  const code = problem.code ?? 'invalid';
  const key = words[`${field}.${code}`] ?? words[field] ?? words[code];
  const values = problem.params ?? {};
  if (key) return t(key, values);
  const shared = `fieldProblems.${code}`;
  const text = t(shared, values);
  return text === shared ? t('fieldProblems.invalid') : text;
}
