import type { z } from '@hono/zod-openapi';

/** OpenAPI response and body helpers shared by the tracking routes. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
export const problems = {
  400: { description: 'Invalid input (problem+json naming the fields)' },
  401: { description: 'Not signed in' },
  403: { description: 'Not available to this role' },
  404: { description: 'No such record, or out of scope' },
};
export const conflict = { 409: { description: 'Not allowed in the current state (problem+json)' } };

export const paging = (page: number, pageSize: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });
