import { createRoute } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { jobDefinitions } from './catalog.ts';
import { listJobStatus } from './runs.ts';
import { jobListSchema, jobNameParam, runQueuedSchema } from './schema.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Scheduled jobs (计划任务): schedule, last run and outcome, next run (admin)',
  responses: {
    200: json(jobListSchema, 'Every scheduled job'),
    401: { description: 'Not signed in' },
    403: { description: 'Admins only' },
  },
});
const runRoute = createRoute({
  method: 'post',
  path: '/{name}/run',
  summary: 'Queue a run of a scheduled job now (admin)',
  request: { params: jobNameParam },
  responses: {
    202: json(runQueuedSchema, 'Queued (or already waiting); the run shows on the list when it starts'),
    401: { description: 'Not signed in' },
    403: { description: 'Admins only' },
    404: { description: 'No such job' },
    503: { description: 'This process does not run scheduled jobs' },
  },
});

/** `/api/admin/jobs`: the scheduled jobs and "run now" (立即运行). */
export function jobRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      requireRole(requireActor(c), 'admin');
      const jobs = deps.jobs?.jobs ?? jobDefinitions(deps);
      return c.json({ items: await listJobStatus(deps.db, jobs), running: deps.jobs !== undefined }, 200);
    })
    .openapi(runRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const { name } = c.req.valid('param');
      const queue = deps.jobs;
      const known = (queue?.jobs ?? jobDefinitions(deps)).some((job) => job.name === name);
      if (!known) throw new AppError('not-found', `No scheduled job ${name}`);
      if (!queue) throw new AppError('service-unavailable', 'This process does not run scheduled jobs');
      // Pressed twice, one run waits: the queue keeps at most one waiting per job.
      const alreadyWaiting = !(await queue.runNow(name, actor.userId));
      await writeAudit(deps.db, c, {
        action: 'run',
        resourceType: 'scheduled-job',
        resourceId: null,
        detail: { name },
      });
      return c.json({ name, queued: true as const, alreadyWaiting }, 202);
    });
}
