import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { conflict, problems } from '../tracking/http.ts';
import { idParam } from './schema.ts';
import { findProgrammePerson, findScopedSite, programmeReaders, programmeWriters } from './scope.ts';
import { eligibilityRefusal } from './welfare-eligibility.ts';
import {
  assignmentsQuery,
  findAssignment,
  findPost,
  householdPostLimit,
  listPosts,
  overlapping,
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

/** The field code the portal words an eligibility refusal by (the English reason is for API users). */
const ineligibleCode = {
  laborCapacity: 'ineligible-labor-capacity',
  monitoredHousehold: 'ineligible-monitored-only',
  age: 'ineligible-age',
} as const;

/** 公益性岗位: posts, assignments with eligibility and the household limit, attendance and pay. */
export function welfarePostRoutes({ db }: AppDeps) {
  const assignmentOut = async (id: string) => assignmentsQuery(db).where('a.id', '=', id).executeTakeFirstOrThrow();
  return createRouter()
    .openapi(createPostRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const site = await findScopedSite(db, actor, input.siteId);
      const row = await db
        .insertInto('welfarePosts')
        .values({
          countyCode: site.countyCode,
          siteId: site.id,
          title: input.title,
          duties: input.duties ?? null,
          quota: input.quota,
          monthlyPayYuan: input.monthlyPayYuan,
          eligibility: JSON.stringify(input.eligibility),
          createdBy: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(db, c, { action: 'create', resourceType: 'welfare_post', resourceId: row.id });
      const { countyCode: _county, ...post } = await findPost(db, actor, chinaToday(), row.id);
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
      const items = actor.personId
        ? await assignmentsQuery(db).where('a.personId', '=', actor.personId).orderBy('a.startOn', 'desc').execute()
        : [];
      return c.json({ items }, 200);
    })
    .openapi(postRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { countyCode: _county, ...post } = await findPost(db, actor, chinaToday(), c.req.valid('param').id);
      const assignments = await assignmentsQuery(db)
        .where('a.postId', '=', post.id)
        .orderBy('a.endOn', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
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
      const refusal = eligibilityRefusal(post.eligibility, person, input.startOn);
      if (refusal)
        throw new AppError('conflict', refusal.reasonEn, {
          code: 'welfare-ineligible',
          ...refusal,
          errors: [{ path: 'json.personId', message: refusal.reasonEn, code: ineligibleCode[refusal.rule] }],
        });
      const id = await db.transaction().execute(async (trx) => {
        // One assignment at a time per household and per post: the counts below cannot race.
        await sql`select id from households where id = ${person.householdId} for update`.execute(trx);
        await sql`select id from welfare_posts where id = ${post.id} for update`.execute(trx);
        const limit = await householdPostLimit(trx);
        if ((await overlapping(trx, { householdId: person.householdId }, input)) >= limit)
          throw new AppError('conflict', `The household already holds ${limit} public-welfare post(s)`, {
            code: 'household-post-limit',
            limit,
            errors: [
              {
                path: 'json.personId',
                message: `the household already holds ${limit} post(s)`,
                code: 'household-post-limit',
                params: { limit },
              },
            ],
          });
        if ((await overlapping(trx, { postId: post.id }, input)) >= post.quota)
          throw new AppError('conflict', 'The post has no place left for this term', {
            code: 'post-quota-full',
            errors: [
              {
                path: 'json.startOn',
                message: `the quota (${post.quota}) is full`,
                code: 'post-quota-full',
                params: { quota: post.quota },
              },
            ],
          });
        const row = await trx
          .insertInto('welfarePostAssignments')
          .values({
            countyCode: person.countyCode,
            postId: post.id,
            personId: person.id,
            householdId: person.householdId,
            startOn: input.startOn,
            endOn: input.endOn,
            endedOn: null,
            createdBy: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      await writeAudit(db, c, {
        action: 'create',
        resourceType: 'welfare_post_assignment',
        resourceId: id,
        detail: { postId: post.id, personId: person.id },
      });
      return c.json(await assignmentOut(id), 201);
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
      await db.updateTable('welfarePostAssignments').set({ endedOn }).where('id', '=', assignment.id).execute();
      await writeAudit(db, c, { action: 'end', resourceType: 'welfare_post_assignment', resourceId: assignment.id });
      return c.json(await assignmentOut(assignment.id), 200);
    })
    .openapi(monthsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const assignment = await findAssignment(db, actor, c.req.valid('param').id);
      const items = await db
        .selectFrom('welfarePostMonths')
        .select(['id', 'month', 'attendanceDays', 'payYuan'])
        .where('assignmentId', '=', assignment.id)
        .orderBy('month')
        .execute();
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
      const row = await db
        .insertInto('welfarePostMonths')
        .values({
          countyCode: assignment.countyCode,
          assignmentId: assignment.id,
          personId: assignment.personId,
          month: input.month,
          attendanceDays: input.attendanceDays,
          payYuan: input.payYuan,
          recordedBy: actor.userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['assignmentId', 'month'])
            .doUpdateSet({ attendanceDays: input.attendanceDays, payYuan: input.payYuan, recordedBy: actor.userId }),
        )
        .returning(['id', 'month', 'attendanceDays', 'payYuan'])
        .executeTakeFirstOrThrow();
      await writeAudit(db, c, {
        action: 'record',
        resourceType: 'welfare_post_month',
        resourceId: row.id,
        detail: { month: input.month },
      });
      return c.json(row, 200);
    });
}
