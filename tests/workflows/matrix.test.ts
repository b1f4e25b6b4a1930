import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix, unique } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const h = (t: { household: { id: string } }, rest: string) => `/api/households/${t.household.id}/${rest}`;
const everyoneReading = { admin: 'all', official: 'all', worker: 'all', helper: 'all', resident: 'all' } as const;

// Policy workflows (帮扶流程), issue 20. (The 低保 routes' 409 workflow-required: tests/workflows/no-bypass.test.ts.)
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'workflows', action: 'read a household\'s', method: 'GET', path: (t) => h(t, 'workflows'), allow: { admin: 'all', official: 'in', worker: 'in' } },
  { resource: 'workflows', action: 'start 监测识别', method: 'POST', path: (t) => h(t, 'workflows'), fresh: true, body: () => ({ kind: 'monitoring_identification', category: 'marginal', reason: `因病${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'workflows', action: 'list open (own scope only)', method: 'GET', path: () => '/api/workflows?state=open', allow: everyoneReading },
];

runMatrix('workflows matrix', rows, () => ctx);
