import type { z } from '@hono/zod-openapi';

/** The pieces every `createRoute` repeats, so a route declaration reads as what it answers. */

/** A JSON response of `schema`, for `responses: { 200: json(schema, 'What it is') }`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body, spread into `request: { ...body(schema) }`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
