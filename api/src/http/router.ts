import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { validationError } from './problem.ts';

type RouteConfig = Parameters<OpenAPIHono<AppEnv>['openapi']>[0];

/**
 * Every JSON body refuses fields it does not know: zod strips unknown keys silently, so a client
 * sending `piecesPerMonth` to an endpoint that does not store it would get 201 and lose the value.
 * A body object declared `.passthrough()` or `.catchall()` keeps its own rule.
 */
function refuseUnknownFields<R extends RouteConfig>(route: R): R {
  const content = route.request?.body?.content?.['application/json'];
  const schema = content && 'schema' in content ? content.schema : undefined;
  if (!(schema instanceof z.ZodObject) || schema.def.catchall !== undefined) return route;
  return {
    ...route,
    request: {
      ...route.request,
      body: { ...route.request?.body, content: { 'application/json': { ...content, schema: schema.strict() } } },
    },
  };
}

/** A sub-app whose zod validation failures become problem+json naming the offending fields. */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  const register = router.openapi.bind(router);
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (register as (...args: unknown[]) => unknown)(refuseUnknownFields(route), ...rest)) as typeof router.openapi;
  return router;
}
