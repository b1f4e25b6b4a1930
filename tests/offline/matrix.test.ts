import { randomUUID } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/**
 * Offline capture is for those who record visits (worker, helper, admin). The pack and the batch
 * answer them in and out of scope: the pack holds only their own worklist, and the batch refuses
 * an out-of-scope record inside its 200 answer (per record, judged on the day of capture;
 * `tests/offline/batch.test.ts` checks each outcome). Every other role is refused outright.
 */
const rows: MatrixRow[] = [
  {
    resource: 'offline',
    action: 'read pack',
    method: 'GET',
    path: () => '/api/offline/pack',
    allow: { admin: 'all', worker: 'all', helper: 'all' },
  },
  {
    resource: 'offline',
    action: 'send batch',
    method: 'POST',
    path: () => '/api/offline/batch',
    body: (t) => ({
      records: [
        {
          clientId: randomUUID(),
          kind: 'visit',
          capturedAt: new Date().toISOString(),
          householdId: t.household.id,
          base: { householdVersion: 1, factsAt: new Date().toISOString() },
          payload: { visitedOn: chinaToday(), kind: 'routine' },
        },
      ],
    }),
    allow: { admin: 'all', worker: 'all', helper: 'all' },
  },
  {
    resource: 'offline',
    action: 'resolve a record not theirs',
    method: 'POST',
    path: () => '/api/offline/resolve',
    body: () => ({ clientId: randomUUID(), keep: 'mine' }),
    allow: {},
  },
];

runMatrix('offline capture', rows, () => ctx);
