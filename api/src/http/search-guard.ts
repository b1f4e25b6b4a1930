import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { AppError } from './problem.ts';

/**
 * Meilisearch parameters no Anju search endpoint takes. The server builds every filter itself
 * from typed parameters (and the caller's sites); a raw one in the query string is an attempt to
 * widen it, so it is refused by name and audited rather than silently dropped.
 */
const rawSearchParameters = [
  'filter',
  'attributesToRetrieve',
  'attributesToSearchOn',
  'attributesToHighlight',
  'attributesToCrop',
  'showRankingScore',
  'matchingStrategy',
  'distinct',
  'indexUid',
  'hybrid',
  'vector',
];

export const refuseRawSearchParameters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tampered = rawSearchParameters.filter((name) => c.req.query(name) !== undefined);
  if (tampered.length) {
    const error = new AppError(
      'validation',
      'Search filters are built by the server; raw search parameters are refused',
      {
        errors: tampered.map((name) => ({ path: `query.${name}`, message: 'not accepted' })),
      },
    );
    error.audited = true;
    throw error;
  }
  await next();
};
