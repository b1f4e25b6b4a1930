import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { personInScope } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import type { IncomeSource } from '../matching/load.ts';
import type { OpportunitySource } from '../matching/source.ts';
import { jobViewFor } from './job-view.ts';
import { jobViewSchema } from './schema.ts';

const numericId = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

const jobViewRoute = createRoute({
  method: 'get',
  path: '/persons/{id}/jobs/{jobId}',
  summary:
    'One job as a person sees it (岗位详情): pay a month, hours, place and shuttle, what it asks, why it fits, what is lacking and the course that closes it',
  request: { params: z.object({ id: numericId, jobId: numericId }) },
  responses: {
    200: json(jobViewSchema, 'The job for this person'),
    404: { description: 'No such person or job in scope' },
  },
});

/** A resident for themselves; a helper for assigned households; workers, officials and admins in their region. */
export function jobViewRoutes({ db }: AppDeps, source: OpportunitySource, income: IncomeSource) {
  return createRouter().openapi(jobViewRoute, async (c) => {
    const actor = requireActor(c);
    const { id, jobId } = c.req.valid('param');
    const access = await personInScope(db, actor, id);
    const view = await jobViewFor(db, actor, source, income, access.personId, jobId);
    // The reasons may speak of the household's income against the line: someone else's read is on record.
    if (access.access !== 'self') {
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'job_fit',
        resourceId: `${id}:${jobId}`,
        fields: ['reasons'],
        detail: { personId: id, jobId },
      });
    }
    return c.json(view, 200);
  });
}
