import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix, unique } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Regions (行政区划), account ↔ person links, helper pairing and hand-over: one line per action.
// The import (multipart) is checked by role in regions.test.ts.
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'regions', action: 'read tree', method: 'GET', path: () => '/api/regions', listed: (t) => t.site.id, allow: { admin: 'all', official: 'in', worker: 'in' } },
  { resource: 'regions', action: 'create grid', method: 'POST', path: () => '/api/regions', body: (t) => ({ code: `G${unique()}`, name: '新网格', level: 'grid', parentId: t.county.id }), allow: { admin: 'all' } },
  { resource: 'regions', action: 'rename', method: 'PATCH', path: (t) => `/api/regions/${t.grid.id}`, body: () => ({ name: `网格${unique()}` }), allow: { admin: 'all' } },
  { resource: 'regions', action: 'retire', method: 'POST', path: (t) => `/api/regions/${t.grid.id}/retire`, fresh: true, allow: { admin: 'all' } },
  { resource: 'users', action: 'read staff picker', method: 'GET', path: () => '/api/users/staff?role=worker', listed: (t) => t.worker.id, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'link resident to person', method: 'PUT', path: (t) => `/api/users/${t.resident.id}/person`, body: (t) => ({ personId: t.person.id }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'unlink resident from person', method: 'DELETE', path: (t) => `/api/users/${t.resident.id}/person`, allow: { admin: 'all', worker: 'in' } },
  { resource: 'helper-assignments', action: 'read list', method: 'GET', path: () => '/api/helper-assignments', listed: (t) => `${t.helper.id}:${t.household.id}`, allow: { admin: 'all', official: 'in', worker: 'in' } },
  { resource: 'helper-assignments', action: 'assign', method: 'POST', path: () => '/api/helper-assignments', body: (t) => ({ helperId: t.helper.id, householdIds: [t.household.id] }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'helper-assignments', action: 'unassign', method: 'DELETE', path: (t) => `/api/helper-assignments/${t.helper.id}/${t.household.id}`, fresh: true, allow: { admin: 'all', worker: 'in' } },
  { resource: 'households', action: 'hand over a worker’s households', method: 'POST', path: () => '/api/households/hand-over', body: (t) => ({ fromWorkerId: t.worker.id, toWorkerId: t.otherWorker.id }), allow: { admin: 'all', worker: 'in' } },
];

runMatrix('regions and assignments matrix', rows, () => ctx);
