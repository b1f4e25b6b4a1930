import type { PostingStatus } from '@anju/domain/enums';
import { createRoute, type z } from '@hono/zod-openapi';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import {
  deletePosting,
  insertPosting,
  loadPosting,
  postingsPage,
  readablePosting,
  updatePosting,
} from './postings.queries.ts';
import {
  assertManages,
  assertTransition,
  employerForNewPosting,
  type PostingKind,
  postingProblems,
  throwIfProblems,
} from './postings.ts';
import { idParam, listQuery, postingSchema } from './schema.ts';

export interface PostingRouteOptions {
  kind: PostingKind;
  /** The singular for messages and OpenAPI summaries. */
  noun: string;
  input: z.ZodObject<any>;
  patch: z.ZodObject<any>;
}

const postingPage = pageOf(postingSchema, 'PostingPage');

/** CRUD for one kind of posting (岗位, 培训, 产业项目); the three share rules and differ in fields. */
export function postingRoutes({ db }: AppDeps, { kind, noun, input, patch }: PostingRouteOptions) {
  const tags = [kind];
  const list = createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: `List ${kind}: residents see only open postings of verified employers`,
    request: { query: listQuery },
    responses: { 200: json(postingPage, `A page of ${kind}`) },
  });
  const get = createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: `One ${noun}`,
    request: { params: idParam },
    responses: { 200: json(postingSchema, `The ${noun}`), 404: { description: 'No such posting' } },
  });
  const create = createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: `Post a ${noun} (employers for themselves; workers and admins on behalf of small employers)`,
    request: body(input),
    responses: {
      201: json(postingSchema, 'Created'),
      400: { description: 'Invalid' },
      403: { description: 'Not allowed' },
    },
  });
  const update = createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: `Change a ${noun}, including its status (draft → open → filled / closed)`,
    request: { params: idParam, ...body(patch) },
    responses: {
      200: json(postingSchema, 'Updated'),
      400: { description: 'Invalid' },
      409: { description: 'Bad status change' },
    },
  });
  const remove = createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    summary: `Delete a ${noun}`,
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' } },
  });

  return createRouter()
    .openapi(list, async (c) => {
      const actor = requireActor(c);
      const query = c.req.valid('query');
      return c.json(await postingsPage(db, actor, kind, query), 200);
    })
    .openapi(get, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const row = await readablePosting(db, actor, kind, id);
      if (!row) throw new AppError('not-found', `No such ${noun}`);
      return c.json(row, 200);
    })
    .openapi(create, async (c) => {
      const actor = requireActor(c);
      const values = c.req.valid('json') as Record<string, unknown>;
      const employerId = await employerForNewPosting(db, actor, values.employerId as string | undefined);
      throwIfProblems(await postingProblems(db, kind, values));
      if (values.status && !['draft', 'open'].includes(values.status as string)) {
        throw new AppError('validation', 'A new posting is a draft or open', {
          errors: [{ path: 'json.status', message: 'must be draft or open', code: 'not-allowed' }],
        });
      }
      const id = await insertPosting(db, kind, values, employerId, actor.userId);
      return c.json(await loadPosting(db, kind, id), 201);
    })
    .openapi(update, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const values = c.req.valid('json') as Record<string, unknown>;
      const existing = await loadPosting(db, kind, id);
      if (!existing) throw new AppError('not-found', `No such ${noun}`);
      await assertManages(db, actor, existing.employerId, existing.employerKind);
      if (values.employerId && values.employerId !== existing.employerId) {
        throw new AppError('validation', 'A posting cannot move to another employer', {
          errors: [{ path: 'json.employerId', message: 'cannot change', code: 'read-only' }],
        });
      }
      assertTransition(existing.status, values.status as PostingStatus | undefined);
      // Validate the merged posting so that e.g. payMin is checked against the stored payMax.
      const merged = { ...existing, ...values };
      const problems = await postingProblems(db, kind, merged);
      // A deadline already stored may have passed; only a newly set one must lie ahead.
      throwIfProblems(problems.filter((p) => p.path !== 'json.deadline' || values.deadline !== undefined));
      await updatePosting(db, kind, id, values);
      return c.json(await loadPosting(db, kind, id), 200);
    })
    .openapi(remove, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const existing = await loadPosting(db, kind, id);
      if (!existing) throw outOfScope(noun);
      await assertManages(db, actor, existing.employerId, existing.employerKind);
      await deletePosting(db, kind, id);
      return c.body(null, 204);
    });
}
