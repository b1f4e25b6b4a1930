import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/middleware.ts';
import { personInScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import type { OpportunitySource } from '../matching/source.ts';
import {
  type ApplicationFilter,
  applicationEvents,
  findApplication,
  helperPersonIds,
  listApplications,
} from './queries.ts';
import {
  applicationBody,
  applicationDetailSchema,
  applicationListQuery,
  applicationListSchema,
  applicationSchema,
  transitionBody,
} from './schema.ts';
import { type ApplicationSide, nextStatesFor } from './state-machine.ts';
import { fileApplication, moveApplication } from './writes.ts';

const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

const createApplicationRoute = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Apply to a job, enrol in a course or join a project (a resident for themselves, a helper or worker for them)',
  request: { body: { content: { 'application/json': { schema: applicationBody } }, required: true } },
  responses: {
    201: json(applicationSchema, 'Filed'),
    409: { description: 'Already applied, or the posting is closed' },
  },
});
const listApplicationsRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Applications the caller may see: their own, their households’, their postings’ or their sites’',
  request: { query: applicationListQuery },
  responses: { 200: json(applicationListSchema, 'A page of applications') },
});
const showApplicationRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One application with each step, timestamped',
  request: { params: idParam },
  responses: { 200: json(applicationDetailSchema, 'The application'), 404: { description: 'Not in scope' } },
});
const transitionRoute = createRoute({
  method: 'post',
  path: '/{id}/transitions',
  summary:
    'Move an application one step (viewed, interview, hired, rejected, withdrawn; attending, completed, dropped)',
  request: { params: idParam, body: { content: { 'application/json': { schema: transitionBody } }, required: true } },
  responses: {
    200: json(applicationSchema, 'Moved'),
    403: { description: 'Not a move this side may make' },
    409: { description: 'Not a move from the current state' },
  },
});

type Row = NonNullable<Awaited<ReturnType<typeof findApplication>>>;
const present = <T extends Row>(row: T) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** In a list (already scoped to the actor), the side each role is on; officials only follow. */
const listSide: Partial<Record<Actor['role'], ApplicationSide>> = {
  resident: 'applicant',
  helper: 'applicant',
  employer: 'provider',
  worker: 'worker',
};

/** Which side of an application the actor is on, or an audited 404 when it is none of theirs. */
async function sideOf(db: Db, source: OpportunitySource, actor: Actor, row: Row): Promise<ApplicationSide> {
  if (actor.role === 'employer') {
    const ref = await source.ref(db, row.kind, row.opportunityId);
    if (ref?.ownerUserIds.includes(actor.userId)) return 'provider';
    throw outOfScope('application');
  }
  const access = await personInScope(db, actor, row.personId).catch(() => {
    throw outOfScope('application');
  });
  if (access.access === 'self' || access.access === 'helper') return 'applicant';
  if (access.access === 'worker') return 'worker';
  throw new AppError('forbidden', 'Officials follow applications but do not move them');
}

async function scopeFilter(db: Db, source: OpportunitySource, actor: Actor, kind?: ApplicationFilter['kind']) {
  switch (actor.role) {
    case 'resident':
      return { personIds: actor.personId ? [actor.personId] : [] };
    case 'helper': {
      return { personIds: await helperPersonIds(db, actor.userId) };
    }
    case 'employer': {
      const ofKind = kind ?? 'job';
      return { opportunities: { kind: ofKind, ids: await source.ownedBy(db, actor.userId, ofKind) } };
    }
    default:
      return actor.allRegions ? {} : { regionPaths: actor.regionPaths };
  }
}

export function applicationRoutes({ db }: AppDeps, source: OpportunitySource) {
  return createRouter()
    .openapi(createApplicationRoute, async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid('json');
      const personId = body.personId ?? actor.personId;
      if (!personId) {
        throw new AppError('validation', 'Say whom the application is for', {
          errors: [{ path: 'json.personId', message: 'required', code: 'required' }],
        });
      }
      const access = await personInScope(db, actor, personId);
      if (access.access === 'official') throw new AppError('forbidden', 'Officials do not apply for residents');
      const ref = await source.ref(db, body.kind, body.opportunityId);
      if (!ref) throw new AppError('not-found', `No such ${body.kind}`);
      if (!ref.open) {
        throw new AppError('conflict', `This ${body.kind} is not open for applications`, { reason: 'closed' });
      }
      const row = await fileApplication(
        db,
        {
          kind: body.kind,
          opportunityId: body.opportunityId,
          personId,
          createdBy: actor.userId,
          actorRole: actor.role,
          note: body.note ?? null,
        },
        ref,
      );
      return c.json(present(row), 201);
    })
    .openapi(listApplicationsRoute, async (c) => {
      const actor = requireActor(c);
      const query = c.req.valid('query');
      const scope = await scopeFilter(db, source, actor, query.kind);
      const page = await listApplications(db, {
        ...scope,
        kind: query.kind,
        state: query.state,
        ...(query.personId
          ? { personIds: (scope.personIds ?? [query.personId]).filter((id) => id === query.personId) }
          : {}),
        ...(query.opportunityId && query.kind
          ? {
              opportunities: {
                kind: query.kind,
                ids: (scope.opportunities?.ids ?? [query.opportunityId]).filter((id) => id === query.opportunityId),
              },
            }
          : {}),
        page: query.page,
        pageSize: query.pageSize,
      });
      const side = listSide[actor.role];
      const items = page.items.map((row) => ({
        ...present(row),
        nextStates: side ? nextStatesFor(row.kind, row.state, side) : [],
      }));
      return c.json({ ...page, items }, 200);
    })
    .openapi(showApplicationRoute, async (c) => {
      const actor = requireActor(c);
      const row = await findApplication(db, c.req.valid('param').id);
      if (!row) throw new AppError('not-found', 'No such application');
      if (actor.role !== 'official' && actor.role !== 'admin') await sideOf(db, source, actor, row);
      else await personInScope(db, actor, row.personId);
      const events = await applicationEvents(db, row.id);
      return c.json(
        {
          ...present(row),
          events: events.map((e) => ({
            fromState: e.fromState,
            toState: e.toState,
            actorRole: e.actorRole,
            note: e.note,
            certificate: e.certificate,
            occurredAt: e.occurredAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(transitionRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await findApplication(db, id);
      if (!row) throw new AppError('not-found', 'No such application');
      const side = await sideOf(db, source, actor, row);
      const ref = await source.ref(db, row.kind, row.opportunityId);
      const moved = await moveApplication(
        db,
        {
          applicationId: id,
          to: body.state,
          side,
          actorUserId: actor.userId,
          actorRole: actor.role,
          note: body.note ?? null,
          expectedVersion: body.version,
          employmentStatus: ref?.labourExport ? 'labour_export' : 'employed_local',
          skillsTaught: ref?.skillsTaught,
          certificate: body.certificate ?? null,
        },
        ref?.title ?? '',
      );
      return c.json(present(moved), 200);
    });
}
