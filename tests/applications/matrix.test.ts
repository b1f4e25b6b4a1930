import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/**
 * 岗位详情 for a person. The matrix's resident and helper are not linked to the target person and
 * its employer reaches no person, so they are denied everywhere.
 */
const rows: MatrixRow[] = [
  {
    resource: 'job view',
    action: 'read',
    method: 'GET',
    path: (t) => `/api/persons/${t.person.id}/jobs/${t.job.id}`,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
];

runMatrix('job view for a person', rows, () => ctx);
