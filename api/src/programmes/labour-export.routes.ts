import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { employerIdOf } from '../access/queries.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import {
  batchIdsOfEmployer,
  employerExists,
  findBatch,
  findMember,
  followupRecorded,
  insertBatch,
  insertFollowup,
  insertMember,
  isBatchMember,
  listBatches,
  type MemberRow,
  membersOf,
  retentionFigures,
} from './labour-export.queries.ts';
import {
  batchBody,
  batchDetailSchema,
  batchListQuery,
  batchSchema,
  followupBody,
  followupSchema,
  memberBody,
  memberDetailSchema,
  memberSchema,
  retentionQuery,
  retentionRowSchema,
} from './labour-export.schema.ts';
import { idParam } from './schema.ts';
import { findProgrammePerson, findScopedSite, programmeReaders, programmeWriters } from './scope.ts';

const createBatchRoute = createRoute({
  method: 'post',
  path: '/batches',
  summary: 'Create a labour-export batch (劳务输出批次) organised from a site in scope',
  request: body(batchBody),
  responses: { 201: json(batchSchema, 'Created'), ...problems },
});
const listBatchesRoute = createRoute({
  method: 'get',
  path: '/batches',
  summary: 'Labour-export batches organised from regions in scope, latest departure first',
  request: { query: batchListQuery },
  responses: { 200: json(pageOf(batchSchema, 'LabourExportBatchPage'), 'Batches'), ...problems },
});
const batchRoute = createRoute({
  method: 'get',
  path: '/batches/{id}',
  summary: 'A batch with its members, their 稳岗 follow-ups and what is still due',
  request: { params: idParam },
  responses: { 200: json(batchDetailSchema, 'The batch'), ...problems },
});
const addMemberRoute = createRoute({
  method: 'post',
  path: '/batches/{id}/members',
  summary: 'Add a person in scope to a batch, with place of work, contract and monthly pay',
  request: { params: idParam, ...body(memberBody) },
  responses: { 201: json(memberSchema, 'Added'), ...problems, ...conflict },
});
const memberRoute = createRoute({
  method: 'get',
  path: '/members/{id}',
  summary: 'One migrant of a batch with the batch, follow-ups and what is due (the worklist opens it)',
  request: { params: idParam },
  responses: { 200: json(memberDetailSchema, 'The member'), ...problems },
});
const followupRoute = createRoute({
  method: 'post',
  path: '/members/{id}/followups',
  summary: 'Record the 稳岗 follow-up at 1, 3 or 6 months after departure (outcome and reason)',
  request: { params: idParam, ...body(followupBody) },
  responses: { 201: json(followupSchema, 'Recorded'), ...problems, ...conflict },
});
const retentionRoute = createRoute({
  method: 'get',
  path: '/retention',
  summary: '稳岗率: share still working at 1, 3 and 6 months, by destination or destination employer',
  request: { query: retentionQuery },
  responses: { 200: json(z.object({ items: z.array(retentionRowSchema) }), 'Figures'), ...problems },
});
const employerMembersRoute = createRoute({
  method: 'get',
  path: '/employer-members',
  summary: "An employer account's own labour-export migrants: those of batches bound for its employer",
  responses: { 200: json(z.object({ items: z.array(memberSchema) }), 'Own migrants'), ...problems },
});
const mineRoute = createRoute({
  method: 'get',
  path: '/mine',
  summary: "A resident's own labour-export memberships",
  responses: { 200: json(z.object({ items: z.array(memberSchema) }), 'Own memberships'), ...problems },
});

/** 劳务输出: batches, members, 稳岗 follow-ups and the retention figure. */
export function labourExportRoutes({ db }: AppDeps) {
  const shown = (role: string, members: MemberRow[]) =>
    members.map((member) => ({
      ...member,
      personName: role === 'official' ? maskName(member.personName) : member.personName,
    }));
  return createRouter()
    .openapi(createBatchRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const site = await findScopedSite(db, actor, input.siteId);
      if (input.destinationEmployerId && !(await employerExists(db, input.destinationEmployerId)))
        throw new AppError('validation', 'No such employer', {
          errors: [{ path: 'json.destinationEmployerId', message: 'no such employer', code: 'not-found' }],
        });
      const id = await insertBatch(db, {
        countyCode: site.countyCode,
        siteId: site.id,
        destinationEmployer: input.destinationEmployer,
        destinationEmployerId: input.destinationEmployerId ?? null,
        destinationRegion: input.destinationRegion,
        departureDate: input.departureDate,
        transport: input.transport,
        organiser: input.organiser,
        note: input.note ?? null,
        createdBy: actor.userId,
      });
      await writeAudit(db, c, { action: 'create', resourceType: 'labour_export_batch', resourceId: id });
      const { countyCode: _county, ...batch } = await findBatch(db, actor, id);
      return c.json(batch, 201);
    })
    .openapi(listBatchesRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { page, pageSize, ...filter } = c.req.valid('query');
      return c.json(await listBatches(db, actor, filter, { page, pageSize }), 200);
    })
    .openapi(batchRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { countyCode: _county, ...batch } = await findBatch(db, actor, c.req.valid('param').id);
      const members = await membersOf(db, chinaToday(), { batchIds: [batch.id] });
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'labour_export_batch',
        resourceId: batch.id,
        fields: ['personName', 'monthlyPayYuan'],
        detail: { members: members.length },
      });
      return c.json({ ...batch, members: shown(actor.role, members) }, 200);
    })
    .openapi(addMemberRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const batch = await findBatch(db, actor, c.req.valid('param').id);
      const input = c.req.valid('json');
      const person = await findProgrammePerson(db, actor, input.personId);
      const taken = await isBatchMember(db, batch.id, person.id);
      if (taken)
        throw new AppError('conflict', 'This person is already in the batch', {
          code: 'already-member',
          errors: [{ path: 'json.personId', message: 'already in the batch', code: 'already-member' }],
        });
      const id = await insertMember(db, {
        countyCode: person.countyCode,
        batchId: batch.id,
        personId: person.id,
        householdId: person.householdId,
        workplace: input.workplace ?? null,
        contractStart: input.contractStart ?? null,
        contractEnd: input.contractEnd ?? null,
        monthlyPayYuan: input.monthlyPayYuan ?? null,
      });
      await writeAudit(db, c, {
        action: 'create',
        resourceType: 'labour_export_member',
        resourceId: id,
        detail: { batchId: batch.id, personId: person.id },
      });
      const [member] = await membersOf(db, chinaToday(), { memberIds: [id] });
      return c.json(member as MemberRow, 201);
    })
    .openapi(memberRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { batchId } = await findMember(db, actor, c.req.valid('param').id);
      const { countyCode: _county, memberCount: _count, ...batch } = await findBatch(db, actor, batchId);
      const [member] = shown(actor.role, await membersOf(db, chinaToday(), { memberIds: [c.req.valid('param').id] }));
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'labour_export_member',
        resourceId: c.req.valid('param').id,
        fields: ['personName', 'monthlyPayYuan'],
      });
      return c.json({ ...(member as MemberRow), batch }, 200);
    })
    .openapi(followupRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const member = await findMember(db, actor, c.req.valid('param').id);
      const input = c.req.valid('json');
      if (input.followedUpOn > chinaToday())
        throw new AppError('validation', 'A follow-up cannot be in the future', {
          errors: [{ path: 'json.followedUpOn', message: 'must not be in the future', code: 'in-future' }],
        });
      if (input.followedUpOn < member.departureDate)
        throw new AppError('validation', 'A follow-up comes after the departure', {
          errors: [{ path: 'json.followedUpOn', message: 'must not be before the departure date' }],
        });
      const existing = await followupRecorded(db, member.id, input.milestoneMonths);
      if (existing)
        throw new AppError('conflict', 'This follow-up is already recorded', {
          code: 'followup-recorded',
          errors: [{ path: 'json.milestoneMonths', message: 'already recorded', code: 'followup-recorded' }],
        });
      const row = await insertFollowup(db, actor, member, input);
      await writeAudit(db, c, { action: 'create', resourceType: 'retention_followup', resourceId: row.id });
      return c.json(row, 201);
    })
    .openapi(retentionRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      return c.json({ items: await retentionFigures(db, actor, c.req.valid('query').by) }, 200);
    })
    .openapi(employerMembersRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'employer');
      const employerId = await employerIdOf(db, actor);
      const batchIds = employerId ? await batchIdsOfEmployer(db, employerId) : [];
      const items = batchIds.length ? await membersOf(db, chinaToday(), { batchIds }) : [];
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'labour_export_member',
        resourceId: employerId,
        fields: ['personName', 'monthlyPayYuan'],
        detail: { count: items.length },
      });
      return c.json({ items }, 200);
    })
    .openapi(mineRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'resident');
      const items = actor.personId ? await membersOf(db, chinaToday(), { personId: actor.personId }) : [];
      return c.json({ items }, 200);
    });
}
