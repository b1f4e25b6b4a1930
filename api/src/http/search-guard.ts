import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { AppError } from './problem.ts';

/**
 * Meilisearch parameters no Anju search endpoint takes. The server builds every filter itself
 * from typed parameters (and the caller's sites); a raw one in the query string is an attempt to
 * widen it, so it is refused by name and audited rather than silently dropped.
 */
const rawSearchParameters = new Set([
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
]);

export const refuseRawSearchParameters: MiddlewareHandler<AppEnv> = async (c, next) => {
  // One pass over the query string's names (c.req.query(name) would scan the URL once a name).
  const tampered = [...new Set(new URL(c.req.url).searchParams.keys())].filter((name) => rawSearchParameters.has(name));
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
