import { afterAll, beforeAll } from 'vitest';
import { startJobQueue } from '../../api/src/jobs/scheduler.ts';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // Queued only, never scheduled: "run now" answers 202 to admins.
  ctx.deps.jobs = await startJobQueue(ctx.deps, { databaseUrl: ctx.databaseUrl, schedule: false });
});
afterAll(async () => {
  await ctx.deps.jobs?.stop();
  await ctx.close();
});

/** Scheduled jobs are the admin's alone, in and out of any region. */
const rows: MatrixRow[] = [
  {
    resource: 'scheduled-jobs',
    action: 'read list',
    method: 'GET',
    path: () => '/api/admin/jobs',
    allow: { admin: 'all' },
  },
  {
    resource: 'scheduled-jobs',
    action: 'run now',
    method: 'POST',
    path: () => '/api/admin/jobs/logs-trim/run',
    allow: { admin: 'all' },
  },
];

runMatrix('scheduled jobs', rows, () => ctx);
