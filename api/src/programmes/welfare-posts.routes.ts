import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { idParam } from './schema.ts';
import { findProgrammePerson, findScopedSite, programmeReaders, programmeWriters } from './scope.ts';
import { assignWelfarePostAlone, rotateWelfarePost } from './welfare-assign.ts';
import {
  assignmentById,
  assignmentMonths,
  assignmentsOfPerson,
  assignmentsOfPost,
  endAssignment,
  findAssignment,
  findPost,
  householdPostLimit,
  insertPost,
  listPosts,
  recordAssignmentMonth,
  setHouseholdPostLimit,
} from './welfare-posts.queries.ts';
import {
  assignmentBody,
  assignmentSchema,
  endBody,
  monthBody,
  monthSchema,
  policyBody,
  policySchema,
  postBody,
  postDetailSchema,
  postListQuery,
  postSchema,
  rotateBody,
} from './welfare-posts.schema.ts';

const createPostRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a public-welfare post (公益性岗位) at a site in scope, with quota, pay and eligibility rules',
  request: body(postBody),
  responses: { 201: json(postSchema, 'Created'), ...problems },
});
const listPostsRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Public-welfare posts at sites in scope, with how many are filled today',
  request: { query: postListQuery },
  responses: { 200: json(pageOf(postSchema, 'WelfarePostPage'), 'Posts'), ...problems },
});
const policyRoute = createRoute({
  method: 'get',
  path: '/policy',
  summary: 'The policy numbers: how many posts one household may hold',
  responses: { 200: json(policySchema, 'Policy'), ...problems },
});
const putPolicyRoute = createRoute({
  method: 'put',
  path: '/policy',
  summary: 'Set how many posts one household may hold (admin)',
  request: body(policyBody),
  responses: { 200: json(policySchema, 'Policy'), ...problems },
});
const mineRoute = createRoute({
  method: 'get',
  path: '/mine',
  summary: "A resident's own post assignments",
  responses: { 200: json(z.object({ items: z.array(assignmentSchema) }), 'Own assignments'), ...problems },
});
const postRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A post with its assignments',
  request: { params: idParam },
  responses: { 200: json(postDetailSchema, 'The post'), ...problems },
});
const assignRoute = createRoute({
  method: 'post',
  path: '/{id}/assignments',
  summary:
    'Assign a person for a term; refused when not eligible (409 welfare-ineligible naming the rule), the quota is full (409 post-quota-full) or the household already holds the posts policy allows (409 household-post-limit)',
  request: { params: idParam, ...body(assignmentBody) },
  responses: { 201: json(assignmentSchema, 'Assigned'), ...problems, ...conflict },
});
const endRoute = createRoute({
  method: 'post',
  path: '/assignments/{id}/end',
  summary: 'End an assignment early (rotation, 轮换)',
  request: { params: idParam, ...body(endBody) },
  responses: { 200: json(assignmentSchema, 'Ended'), ...problems, ...conflict },
});
const assignmentRoute = createRoute({
  method: 'get',
  path: '/assignments/{id}',
  summary: 'One assignment (which post, who, the term): what a worklist 任期将满 card opens',
  request: { params: idParam },
  responses: { 200: json(assignmentSchema, 'The assignment'), ...problems },
});
const rotateRoute = createRoute({
  method: 'post',
  path: '/assignments/{id}/rotate',
  summary:
    'Rotate (轮换) a post at the end of a term: end this assignment (on endedOn, by default its term end) and assign the next person from the day after, in one step; refused like an assignment (welfare-ineligible, household-post-limit, post-quota-full), when already ended (409 ended) or when the next person is the one leaving (409 rotation-same-person)',
  request: { params: idParam, ...body(rotateBody) },
  responses: { 201: json(assignmentSchema, 'The next assignment'), ...problems, ...conflict },
});
const monthsRoute = createRoute({
  method: 'get',
  path: '/assignments/{id}/months',
  summary: 'Monthly attendance days and pay of an assignment',
  request: { params: idParam },
  responses: { 200: json(z.object({ items: z.array(monthSchema) }), 'Months'), ...problems },
});
const recordMonthRoute = createRoute({
  method: 'put',
  path: '/assignments/{id}/months',
  summary: "Record (or correct) a month's attendance days and pay",
  request: { params: idParam, ...body(monthBody) },
  responses: { 200: json(monthSchema, 'Recorded'), ...problems, ...conflict },
});

/** 公益性岗位: posts, assignments with eligibility and the household limit, attendance and pay. */
export function welfarePostRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(createPostRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const site = await findScopedSite(db, actor, input.siteId);
      const postId = await insertPost(db, actor, site, input);
      await writeAudit(db, c, { action: 'create', resourceType: 'welfare_post', resourceId: postId });
      const { countyCode: _county, ...post } = await findPost(db, actor, chinaToday(), postId);
      return c.json(post, 201);
    })
    .openapi(listPostsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { page, pageSize, ...filter } = c.req.valid('query');
      return c.json(await listPosts(db, actor, chinaToday(), filter, { page, pageSize }), 200);
    })
    .openapi(policyRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      return c.json({ householdPostLimit: await householdPostLimit(db) }, 200);
    })
    .openapi(putPolicyRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { householdPostLimit: value } = c.req.valid('json');
      await setHouseholdPostLimit(db, value);
      await writeAudit(db, c, {
        action: 'update',
        resourceType: 'programme_setting',
        resourceId: 'household_post_limit',
        detail: { value },
      });
      return c.json({ householdPostLimit: value }, 200);
    })
    .openapi(mineRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'resident');
      const items = actor.personId ? await assignmentsOfPerson(db, actor.personId) : [];
      return c.json({ items }, 200);
    })
    .openapi(postRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { countyCode: _county, ...post } = await findPost(db, actor, chinaToday(), c.req.valid('param').id);
      const assignments = await assignmentsOfPost(db, post.id);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'welfare_post',
        resourceId: post.id,
        fields: ['personName'],
        detail: { assignments: assignments.length },
      });
      const shown = assignments.map((row) => ({
        ...row,
        personName: actor.role === 'official' ? maskName(row.personName) : row.personName,
      }));
      return c.json({ ...post, assignments: shown }, 200);
    })
    .openapi(assignRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const today = chinaToday();
      const post = await findPost(db, actor, today, c.req.valid('param').id);
      const person = await findProgrammePerson(db, actor, input.personId);
      const id = await assignWelfarePostAlone(db, actor, post, person, input);
      await writeAudit(db, c, {
        action: 'create',
        resourceType: 'welfare_post_assignment',
        resourceId: id,
        detail: { postId: post.id, personId: person.id },
      });
      return c.json(await assignmentById(db, id), 201);
    })
    .openapi(endRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const assignment = await findAssignment(db, actor, c.req.valid('param').id);
      const { endedOn } = c.req.valid('json');
      if (assignment.endedOn) throw new AppError('conflict', 'The assignment has already ended', { code: 'ended' });
      if (endedOn < assignment.startOn || endedOn > assignment.endOn)
        throw new AppError('validation', 'The end must fall within the term', {
          errors: [{ path: 'json.endedOn', message: 'must be within startOn–endOn' }],
        });
      await endAssignment(db, assignment.id, endedOn);
      await writeAudit(db, c, { action: 'end', resourceType: 'welfare_post_assignment', resourceId: assignment.id });
      return c.json(await assignmentById(db, assignment.id), 200);
    })
    .openapi(assignmentRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const assignment = await findAssignment(db, actor, c.req.valid('param').id);
      return c.json(await assignmentById(db, assignment.id), 200);
    })
    .openapi(rotateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const current = await findAssignment(db, actor, c.req.valid('param').id);
      const input = c.req.valid('json');
      const endedOn = input.endedOn ?? current.endOn;
      if (current.endedOn) throw new AppError('conflict', 'The assignment has already ended', { code: 'ended' });
      if (endedOn < current.startOn || endedOn > current.endOn)
        throw new AppError('validation', 'The end must fall within the term', {
          errors: [{ path: 'json.endedOn', message: 'must be within startOn–endOn' }],
        });
      if (input.personId === current.personId)
        throw new AppError('conflict', 'The next holder must be someone else', {
          code: 'rotation-same-person',
          errors: [{ path: 'json.personId', message: 'is the holder leaving', code: 'rotation-same-person' }],
        });
      const startOn = addDays(endedOn, 1);
      if (input.endOn < startOn)
        throw new AppError('validation', 'The next term must end after it starts', {
          errors: [{ path: 'json.endOn', message: `must not be before ${startOn}` }],
        });
      const post = await findPost(db, actor, chinaToday(), current.postId);
      const person = await findProgrammePerson(db, actor, input.personId);
      const id = await rotateWelfarePost(db, actor, { id: current.id, endedOn }, post, person, {
        startOn,
        endOn: input.endOn,
      });
      await writeAudit(db, c, {
        action: 'rotate',
        resourceType: 'welfare_post_assignment',
        resourceId: id,
        detail: { postId: post.id, personId: person.id, endedAssignmentId: current.id, endedOn },
      });
      return c.json(await assignmentById(db, id), 201);
    })
    .openapi(monthsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const assignment = await findAssignment(db, actor, c.req.valid('param').id);
      const items = await assignmentMonths(db, assignment.id);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'welfare_post_months',
        resourceId: assignment.id,
        fields: ['payYuan'],
      });
      return c.json({ items }, 200);
    })
    .openapi(recordMonthRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const assignment = await findAssignment(db, actor, c.req.valid('param').id);
      const input = c.req.valid('json');
      const lastDay = assignment.endedOn ?? assignment.endOn;
      if (`${input.month}-31` < assignment.startOn || `${input.month}-01` > lastDay)
        throw new AppError('validation', 'The month is outside the term', {
          errors: [{ path: 'json.month', message: 'must fall within the term' }],
        });
      if (`${input.month}-01` > chinaToday())
        throw new AppError('validation', 'A future month cannot be recorded', {
          errors: [{ path: 'json.month', message: 'must not be in the future' }],
        });
      const row = await recordAssignmentMonth(db, actor, assignment, input);
      await writeAudit(db, c, {
        action: 'record',
        resourceType: 'welfare_post_month',
        resourceId: row.id,
        detail: { month: input.month },
      });
      return c.json(row, 200);
    });
}
