import type { ClientResponse } from 'hono/client';
import type { FieldProblemOnWire } from './field-problems.ts';

/** A problem+json answer from the API, thrown so TanStack Query treats it as an error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { detail?: string; errors?: FieldProblemOnWire[] } & Record<string, unknown>,
    readonly retryAfter: number | null,
  ) {
    super(problem.detail ?? `HTTP ${status}`);
  }
}

/** The body type of the 2xx answers among a route's typed responses. */
type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, 'json'> ? (Status extends 200 | 201 ? Body : never) : never;

/** The ApiError of an answer that is not 2xx: its problem+json (or nothing) and Retry-After. */
export async function apiErrorOf(response: Pick<Response, 'status' | 'headers' | 'json'>): Promise<ApiError> {
  const problem = await response.json().catch(() => ({}));
  const retry = response.headers.get('retry-after');
  return new ApiError(response.status, problem as ApiError['problem'], retry ? Number(retry) : null);
}

/** The JSON of a 2xx answer, or an ApiError for anything else. */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(response: R): Promise<SuccessBody<R>> {
  if (response.ok) return (await response.json()) as SuccessBody<R>;
  throw await apiErrorOf(response);
}
