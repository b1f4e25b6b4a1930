import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { meilisearchRefusal } from '../../../search/src/http-client.ts';
import type { AppEnv } from './env.ts';

/**
 * One field that failed validation, named by its path (e.g. `members.0.idNumber`), with a stable
 * machine `code` the portal turns into its own words (it never reads `message`, which is English
 * for API users and logs). Codes from zod's checks are generic (`required`, `too-big`, `format`,
 * `unknown-field` …); business rules name theirs (`in-past`, `unknown-skill`, `credit-code-check` …).
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: FieldProblemCode;
  /** Values the portal's words need (the phrase that was refused, a limit). */
  params?: Record<string, string | number>;
}

export type FieldProblemCode =
  // from the zod shape
  | 'required'
  | 'wrong-type'
  | 'too-small'
  | 'too-big'
  | 'format'
  | 'not-allowed'
  | 'unknown-field'
  | 'invalid'
  // business rules
  | 'taken'
  | 'in-past'
  | 'range-inverted'
  | 'before-start'
  | 'unknown-skill'
  | 'not-a-site'
  | 'discriminatory'
  | 'credit-code-format'
  | 'credit-code-check'
  | 'parent-self'
  | 'parent-unknown'
  | 'outside-scope'
  | (string & {});

/** The stable code of one zod issue (zod 4 issue codes → ours). */
function zodIssueCode(issue: ZodError['issues'][number]): FieldProblemCode {
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 leaves the input out of its issues; its own message says when nothing was given.
      return (issue as { input?: unknown }).input === undefined && /received undefined$/.test(issue.message)
        ? 'required'
        : 'wrong-type';
    case 'too_small':
      return (issue as { origin?: string; minimum?: unknown }).origin === 'string' &&
        Number((issue as { minimum?: unknown }).minimum) === 1
        ? 'required'
        : 'too-small';
    case 'too_big':
      return 'too-big';
    case 'invalid_format':
      return 'format';
    case 'invalid_value':
    case 'invalid_union':
      return 'not-allowed';
    case 'unrecognized_keys':
      return 'unknown-field';
    case 'custom':
      return ((issue as { params?: { code?: string } }).params?.code as FieldProblemCode | undefined) ?? 'invalid';
    default:
      return 'invalid';
  }
}

export type ProblemCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'service-unavailable'
  | 'internal';

const statusOf: Record<ProblemCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'service-unavailable': 503,
  internal: 500,
};

const titleOf: Record<ProblemCode, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'payload-too-large': 'Request too large',
  'unsupported-media-type': 'Unsupported content type',
  'rate-limited': 'Too many requests',
  'service-unavailable': 'Service unavailable',
  internal: 'Internal error',
};

/** The one error class services throw; `onError` turns it into application/problem+json. */
export class AppError extends Error {
  /** A refusal to audit: forbidden, or a 404 that hides a resource out of the actor's scope. */
  audited = false;

  constructor(
    readonly code: ProblemCode,
    message?: string,
    readonly extra: { errors?: FieldProblem[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message ?? titleOf[code]);
  }

  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }
}

/** 404 for a resource that exists but is outside the actor's scope: its existence stays private. */
export function outOfScope(what = 'resource'): AppError {
  const error = new AppError('not-found', `No such ${what}`);
  error.audited = true;
  return error;
}

export function fieldProblems(error: ZodError, prefix: (string | number)[] = []): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = (...extra: (string | number | symbol)[]) =>
      [...prefix, ...issue.path, ...extra].map(String).join('.') || '(root)';
    // An unknown field is named by its own path, one problem each, so the client sees which.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: at(key), message: 'unknown field', code: 'unknown-field' as const }));
    return [{ path: at(), message: issue.message, code: zodIssueCode(issue) }];
  });
}

export function validationError(error: ZodError, where?: string): AppError {
  const prefix = where ? [where] : [];
  const errors = fieldProblems(error, prefix);
  return new AppError('validation', `Invalid ${errors.map((e) => e.path).join(', ')}`, { errors });
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const { retryAfterSeconds, errors, ...extra } = error.extra;
  const body = {
    type: `https://anju.example/problems/${error.code}`,
    title: titleOf[error.code],
    status: error.status,
    detail: error.message,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...extra,
    ...(errors ? { errors: errors.map((problem) => ({ ...problem, code: problem.code ?? 'invalid' })) } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

const clientDataCodes = new Set(['22021', '22P05', '22001', '22003', '22P02', '22007', '22008', '22023', '54001']);

// unique_violation, serialization_failure, deadlock_detected
const concurrentWriteCodes = new Set(['23505', '40001', '40P01']);

const databaseDownCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
]);

/** Turns whatever was thrown into an AppError, recognising an unreachable database or search. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const code: ProblemCode =
      error.status === 413
        ? 'payload-too-large'
        : error.status === 401
          ? 'unauthenticated'
          : error.status === 403
            ? 'forbidden'
            : error.status === 404
              ? 'not-found'
              : error.status === 415
                ? 'unsupported-media-type'
                : error.status >= 500
                  ? 'internal'
                  : 'validation';
    return new AppError(code, error.message || undefined);
  }
  if (error instanceof SyntaxError) return new AppError('validation', 'Malformed JSON body');
  const maybe = error as { code?: string; message?: string; name?: string };
  const message = maybe?.message ?? '';
  // Data PostgreSQL refuses (NUL bytes, out-of-range numbers, malformed values) is the client's mistake.
  if (maybe?.code && clientDataCodes.has(maybe.code)) {
    return new AppError(
      'validation',
      'A value in the request cannot be stored as given (invalid characters or out of range)',
    );
  }
  // Two writers raced for the same row (e.g. two workers creating one household's 低保 record at
  // once): the loser is told what happened instead of a 500; a retry sees the winner's row.
  if (maybe?.code && concurrentWriteCodes.has(maybe.code)) {
    return new AppError('conflict', 'Someone else changed this record at the same moment; reload and try again');
  }
  if (
    (maybe?.code && databaseDownCodes.has(maybe.code)) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(message)
  ) {
    return new AppError('service-unavailable', 'The database is unavailable; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  // Meilisearch could not be reached or did not answer in time (an answered refusal stays a 500: our bug).
  if (
    (maybe?.name === 'MeilisearchRequestError' && !meilisearchRefusal(error)) ||
    maybe?.name === 'MeilisearchRequestTimeOutError'
  ) {
    return new AppError('service-unavailable', 'Search is unavailable; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  return new AppError('internal', 'Something went wrong on our side');
}
