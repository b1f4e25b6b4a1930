import { creditCodeProblem } from '@anju/domain/credit-code';
import { reviewStatuses } from '@anju/domain/enums';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Selectable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { maskPhone } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { employerIdOf } from '../access/queries.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { pageOf, pageQuery } from '../http/paging.ts';
import { AppError, type FieldProblem, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import {
  deleteEmployer,
  employerById,
  employersPage,
  insertEmployer,
  resubmitEmployer,
  updateEmployer,
} from './employers.queries.ts';
import type { EmployerTable } from './opportunities.tables.ts';
import { seesEverything, workerReaches } from './postings.ts';
import { employerInput, employerPatch, employerRejection, employerSchema, idParam } from './schema.ts';

type EmployerRow = Selectable<EmployerTable>;

/** The one place an employer row becomes its API shape; the phone is masked unless `fullContact`. */
function toApi(row: EmployerRow, fullContact: boolean) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    creditCode: row.creditCode,
    contactName: row.contactName,
    contactPhone: fullContact ? row.contactPhone : maskPhone(row.contactPhone),
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    regionId: row.regionId,
    verified: row.verified,
    reviewStatus: row.reviewStatus,
    rejectionReason: row.rejectionReason,
    rejectedAt: row.rejectedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

/** Employers change their own; workers small employers (not enterprises); admins any. */
/**
 * Who may change an employer's profile: an admin; the employer's own account; a worker for a
 * small employer (workshop, cooperative, individual) at the sites they serve — the same reach as
 * posting on its behalf (postings.ts), also for the region the change would move it to.
 */
async function assertManagesEmployer(db: Db, actor: Actor, row: EmployerRow, movesTo?: string | null) {
  const manages =
    actor.role === 'admin' ||
    (actor.role === 'worker' &&
      row.kind !== 'enterprise' &&
      (await workerReaches(db, actor, row.regionId)) &&
      (movesTo === undefined || (await workerReaches(db, actor, movesTo)))) ||
    (await employerIdOf(db, actor)) === row.id;
  if (manages) return;
  if (actor.role === 'employer' || actor.role === 'worker') throw outOfScope('employer');
  throw new AppError('forbidden', `Not available to the ${actor.role} role`);
}

async function seesContact(db: Db, actor: Actor, employerId: string): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'worker') return true;
  return (await employerIdOf(db, actor)) === employerId;
}

function employerProblems(values: { kind?: string; creditCode?: string | null; lat?: unknown; lng?: unknown }) {
  const problems: FieldProblem[] = [];
  if (values.creditCode) {
    const problem = creditCodeProblem(values.creditCode);
    if (problem) problems.push({ path: 'json.creditCode', message: problem.reason, code: problem.code });
  } else if (values.kind && values.kind !== 'individual' && values.creditCode !== undefined) {
    problems.push({
      path: 'json.creditCode',
      message: 'required for enterprises, workshops and cooperatives',
      code: 'required',
    });
  }
  if ((values.lat == null) !== (values.lng == null) && (values.lat !== undefined || values.lng !== undefined)) {
    problems.push({ path: 'json.lat', message: 'give both lat and lng, or neither', code: 'invalid' });
  }
  if (problems.length) {
    throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  }
}

function duplicateCode(error: unknown): never {
  if ((error as { code?: string }).code === '23505') {
    throw new AppError('conflict', 'An employer with this credit code exists', {
      errors: [{ path: 'json.creditCode', message: 'already registered', code: 'taken' }],
    });
  }
  throw error;
}

async function auditContactRead(db: Db, c: Context<AppEnv>, ids: string[]) {
  if (ids.length === 0) return;
  await writeAudit(db, c, {
    action: 'read',
    resourceType: 'employer',
    resourceId: ids.length === 1 ? ids[0] : null,
    fields: ['contactPhone'],
    detail: ids.length > 1 ? { ids } : undefined,
  });
}

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['employers'],
  summary: 'List employers (residents see verified ones only)',
  request: {
    query: z.object({
      ...pageQuery,
      q: z.string().trim().max(100).optional(),
      verified: z.enum(['true', 'false']).optional(),
      reviewStatus: z.enum(reviewStatuses).optional(),
      forPosting: z
        .enum(['true'])
        .optional()
        .openapi({ description: 'Only employers the reader may post for (a worker: small employers at their sites)' }),
    }),
  },
  responses: { 200: json(pageOf(employerSchema, 'EmployerPage'), 'A page of employers') },
});
const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['employers'],
  summary: 'One employer',
  request: { params: idParam },
  responses: { 200: json(employerSchema, 'The employer'), 404: { description: 'No such employer' } },
});
const createEmployerRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['employers'],
  summary: 'Register an employer (an employer account registers its own; workers and admins for others)',
  request: body(employerInput),
  responses: { 201: json(employerSchema, 'Registered, not yet verified'), 400: { description: 'Invalid' } },
});
const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['employers'],
  summary: 'Change an employer',
  request: { params: idParam, ...body(employerPatch) },
  responses: { 200: json(employerSchema, 'Updated') },
});
const verifyRoute = createRoute({
  method: 'post',
  path: '/{id}/verify',
  tags: ['employers'],
  summary: 'Admin: mark an employer verified (its open postings go live) or withdraw it',
  request: { params: idParam, ...body(z.object({ verified: z.boolean() }).openapi('EmployerVerification')) },
  responses: { 200: json(employerSchema, 'Updated') },
});
const rejectRoute = createRoute({
  method: 'post',
  path: '/{id}/reject',
  tags: ['employers'],
  summary: 'Admin: reject an employer (驳回) with a reason it reads and corrects; its postings leave search',
  request: { params: idParam, ...body(employerRejection) },
  responses: { 200: json(employerSchema, 'Rejected'), 400: { description: 'No reason given' } },
});
const resubmitRoute = createRoute({
  method: 'post',
  path: '/{id}/resubmit',
  tags: ['employers'],
  summary: 'A rejected employer, corrected, asks to be reviewed again (back to pending)',
  request: { params: idParam },
  responses: { 200: json(employerSchema, 'Pending review again'), 409: { description: 'Not rejected' } },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['employers'],
  summary: 'Admin: delete an employer without postings',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, 409: { description: 'Has postings' } },
});

export function employerRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      const query = c.req.valid('query');
      const own = await employerIdOf(db, actor);
      const { items, total } = await employersPage(db, actor, own, query);
      const shown = await Promise.all(items.map(async (row) => toApi(row, await seesContact(db, actor, row.id))));
      await auditContactRead(
        db,
        c,
        shown.filter((row) => row.contactPhone && !row.contactPhone.includes('*')).map((row) => row.id),
      );
      return c.json({ items: shown, total, page: query.page, pageSize: query.pageSize }, 200);
    })
    .openapi(getRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const row = await employerById(db, id);
      const full = row ? await seesContact(db, actor, row.id) : false;
      if (!row || (!row.verified && !seesEverything(actor) && !full))
        throw new AppError('not-found', 'No such employer');
      if (full && row.contactPhone) await auditContactRead(db, c, [row.id]);
      return c.json(toApi(row, full), 200);
    })
    .openapi(createEmployerRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'employer', 'worker', 'admin');
      const values = c.req.valid('json');
      employerProblems({ ...values, creditCode: values.creditCode ?? null });
      if (actor.role === 'employer' && (await employerIdOf(db, actor))) {
        throw new AppError('conflict', 'This account already belongs to an employer');
      }
      const row = await insertEmployer(db, actor, values).catch(duplicateCode);
      return c.json(toApi(row, true), 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const values = c.req.valid('json');
      const row = await employerById(db, id);
      if (!row) throw new AppError('not-found', 'No such employer');
      await assertManagesEmployer(db, actor, row, values.regionId);
      employerProblems({ ...row, ...values });
      // Who the employer is (name, 统一社会信用代码) was what the review checked: a change of
      // either takes a verified employer back to review, and its postings out of search.
      const identityChanged = (['name', 'creditCode'] as const).filter(
        (field) => values[field] !== undefined && (values[field] ?? null) !== row[field],
      );
      const backToReview = identityChanged.length > 0 && row.reviewStatus === 'verified';
      const updated = await updateEmployer(
        db,
        id,
        backToReview
          ? {
              ...values,
              verified: false,
              reviewStatus: 'pending',
              verifiedAt: null,
              verifiedBy: null,
              submittedAt: new Date(),
            }
          : values,
      ).catch(duplicateCode);
      if (identityChanged.length > 0)
        await writeAudit(db, c, {
          action: 'update-identity',
          resourceType: 'employer',
          resourceId: id,
          detail: {
            fields: identityChanged,
            before: Object.fromEntries(identityChanged.map((field) => [field, row[field]])),
            returnedToReview: backToReview,
          },
        });
      return c.json(toApi(updated, true), 200);
    })
    .openapi(verifyRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      const { verified } = c.req.valid('json');
      const updated = await updateEmployer(db, id, {
        verified,
        reviewStatus: verified ? 'verified' : 'pending',
        verifiedAt: verified ? new Date() : null,
        verifiedBy: verified ? actor.userId : null,
      });
      await writeAudit(db, c, { action: verified ? 'verify' : 'unverify', resourceType: 'employer', resourceId: id });
      return c.json(toApi(updated, true), 200);
    })
    .openapi(rejectRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      // A verified employer's live postings leave search with it.
      const updated = await updateEmployer(db, id, {
        verified: false,
        reviewStatus: 'rejected',
        rejectionReason: reason,
        rejectedAt: new Date(),
        rejectedBy: actor.userId,
        verifiedAt: null,
        verifiedBy: null,
      });
      await writeAudit(db, c, { action: 'reject', resourceType: 'employer', resourceId: id, detail: { reason } });
      return c.json(toApi(updated, true), 200);
    })
    .openapi(resubmitRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const row = await employerById(db, id);
      if (!row) throw new AppError('not-found', 'No such employer');
      await assertManagesEmployer(db, actor, row);
      if (row.reviewStatus !== 'rejected') {
        throw new AppError('conflict', `Only a rejected employer is resubmitted; this one is ${row.reviewStatus}`);
      }
      const updated = await resubmitEmployer(db, id);
      await writeAudit(db, c, { action: 'resubmit', resourceType: 'employer', resourceId: id });
      return c.json(toApi(updated, true), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { id } = c.req.valid('param');
      await deleteEmployer(db, id);
      return c.body(null, 204);
    });
}
