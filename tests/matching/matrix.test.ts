import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/**
 * Matching and applications. The matrix's resident and helper are not linked to the target
 * person, and its employer does not manage the target job, so they are denied everywhere;
 * officials and admins follow applications but do not file or move them.
 */
const rows: MatrixRow[] = [
  {
    resource: 'matches',
    action: 'read',
    method: 'GET',
    path: (t) => `/api/persons/${t.person.id}/matches?kind=job`,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
  {
    resource: 'pathways',
    action: 'read',
    method: 'GET',
    path: (t) => `/api/persons/${t.person.id}/pathways`,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
  {
    resource: 'candidates',
    action: 'read',
    method: 'GET',
    path: (t) => `/api/jobs/${t.job.id}/candidates`,
    allow: { admin: 'all', worker: 'all' },
  },
  {
    resource: 'applications',
    action: 'create',
    method: 'POST',
    path: () => '/api/applications',
    body: (t) => ({ kind: 'job', opportunityId: t.otherJob.id, personId: t.person.id }),
    allow: { worker: 'in' },
  },
  {
    resource: 'applications',
    action: 'list',
    method: 'GET',
    path: () => '/api/applications?pageSize=100',
    listed: (t) => t.application.id,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
  {
    resource: 'applications',
    action: 'read one',
    method: 'GET',
    path: (t) => `/api/applications/${t.application.id}`,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
  {
    resource: 'applications',
    action: 'move',
    method: 'POST',
    path: (t) => `/api/applications/${t.application.id}/transitions`,
    body: () => ({ state: 'viewed' }),
    allow: { worker: 'in' },
    fresh: true,
  },
];

runMatrix('matching and applications', rows, () => ctx);
