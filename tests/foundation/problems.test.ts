import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../api/src/db/database.ts';
import { AppError, problemResponse, toAppError } from '../../api/src/http/problem.ts';
import { createRouter } from '../../api/src/http/router.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// A small router built with the same helper every feature uses, so the edge behaviour is shared.
const echo = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/echo',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({ name: z.string().min(1), members: z.array(z.object({ age: z.number().int() })) }),
          },
        },
      },
    },
    responses: { 200: { description: 'echo' } },
  }),
  (c) => c.json(c.req.valid('json')),
);
echo.onError((error, c) => problemResponse(c, toAppError(error)));

describe('errors as application/problem+json', () => {
  it('answers an unknown API path with 404 problem+json', async () => {
    const response = await ctx.app.request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({ status: 404, title: 'Not found', instance: '/api/no-such-thing' });
  });

  it('names every offending field path of an invalid body', async () => {
    const response = await echo.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', members: [{ age: 3 }, { age: 'old' }] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['json.members.1.age', 'json.name']);
  });

  it('gives every field problem a stable code the portal maps to its own words', async () => {
    const response = await echo.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', members: [{ age: 'old' }, {}], nickname: 'x' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string; code: string }[] };
    const codes = Object.fromEntries(body.errors.map((e) => [e.path, e.code]));
    expect(codes).toEqual({
      'json.name': 'required',
      'json.members.0.age': 'wrong-type',
      'json.members.1.age': 'required',
      'json.nickname': 'unknown-field',
    });
  });

  it('gives a business rule its own code (a deadline in the past, an unknown skill)', async () => {
    const { postingProblems } = await import('../../api/src/opportunities/postings.ts');
    const problems = await postingProblems(ctx.db, 'jobs', {
      title: '缝纫工',
      deadline: '2000-01-01',
      payMin: 5000,
      payMax: 3000,
      requiredSkills: [{ code: 'no.such.skill', minLevel: 1 }],
    });
    expect(Object.fromEntries(problems.map((p) => [p.path, p.code]))).toEqual({
      'json.deadline': 'in-past',
      'json.payMin': 'range-inverted',
      'json.requiredSkills.0.code': 'unknown-skill',
    });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await echo.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await ctx.app.request('/api/health', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filler: 'x'.repeat(1_100_000) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('maps an unreachable database to 503 with Retry-After', async () => {
    const deadDb = createDb({ url: 'postgres://nobody:x@127.0.0.1:9/none' });
    const error = await deadDb
      .selectFrom('searchOutbox')
      .selectAll()
      .execute()
      .catch((e: unknown) => e);
    await deadDb.destroy();
    const appError = toAppError(error);
    expect(appError.status).toBe(503);
    expect(appError.extra.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('never leaks internals of an unexpected error', () => {
    const appError = toAppError(new Error('relation "secret_table" does not exist'));
    expect(appError.status).toBe(500);
    expect(appError.message).not.toContain('secret_table');
    expect(new AppError('conflict').status).toBe(409);
  });
});
