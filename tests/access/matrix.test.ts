import { afterAll, beforeAll } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { type MatrixRow, runMatrix, unique, uniquePhone } from './matrix.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const resident = (t: { site: { id: string } }) => ({
  role: 'resident',
  name: '矩阵住户',
  phone: uniquePhone(),
  homeSiteId: t.site.id,
});

// One line per resource × action; see the top of matrix.ts for what each field means.
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'auth', action: 'read me', method: 'GET', path: () => '/api/auth/me', allow: { resident: 'all', helper: 'all', employer: 'all', worker: 'all', official: 'all', admin: 'all' } },
  { resource: 'users', action: 'read list', method: 'GET', path: () => '/api/users?pageSize=100', listed: (t) => t.resident.id, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'read list of staff', method: 'GET', path: () => '/api/users?role=worker&pageSize=100', listed: (t) => t.worker.id, allow: { admin: 'all' } },
  { resource: 'users', action: 'read assignable regions', method: 'GET', path: () => '/api/users/assignable-regions', listed: (t) => t.site.id, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'read one resident', method: 'GET', path: (t) => `/api/users/${t.resident.id}`, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'read one resident phone unmasked', method: 'GET', path: (t) => `/api/users/${t.resident.id}?reveal=phone`, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'read one staff', method: 'GET', path: (t) => `/api/users/${t.worker.id}`, allow: { admin: 'all' } },
  { resource: 'users', action: 'create resident', method: 'POST', path: () => '/api/users', body: resident, allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'create worker', method: 'POST', path: () => '/api/users', body: (t) => ({ role: 'worker', name: '矩阵网格员', login: `w-${unique()}`, assignedRegionIds: [t.site.id] }), allow: { admin: 'all' } },
  { resource: 'users', action: 'create official', method: 'POST', path: () => '/api/users', body: (t) => ({ role: 'official', name: '矩阵官员', login: `o-${unique()}`, regionId: t.county.id }), allow: { admin: 'all' } },
  { resource: 'users', action: 'update resident', method: 'PATCH', path: (t) => `/api/users/${t.resident.id}`, body: () => ({ name: `改名${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'update staff', method: 'PATCH', path: (t) => `/api/users/${t.worker.id}`, body: () => ({ name: `改名${unique()}` }), allow: { admin: 'all' } },
  { resource: 'users', action: 'issue setup code', method: 'POST', path: (t) => `/api/users/${t.resident.id}/setup-code`, body: () => ({ residentRequest: '本人到社区服务中心申请重置，已核验身份证' }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'users', action: 'disable (delete)', method: 'POST', path: (t) => `/api/users/${t.resident.id}/disable`, fresh: true, allow: { admin: 'all' } },
  { resource: 'users', action: 'enable', method: 'POST', path: (t) => `/api/users/${t.resident.id}/enable`, allow: { admin: 'all' } },
  { resource: 'audit-log', action: 'read list', method: 'GET', path: () => '/api/audit-log?action=matrix.probe&pageSize=100', listed: (t) => t.auditEntry.id, allow: { official: 'in', admin: 'all' } },
  { resource: 'reports', action: 'read home region', method: 'GET', path: () => '/api/reports/home-region', allow: { worker: 'all', official: 'all', admin: 'all' } },
  { resource: 'reports', action: 'read region dashboard', method: 'GET', path: (t) => `/api/reports/regions/${t.site.code}`, allow: { worker: 'in', official: 'in', admin: 'all' } },
  { resource: 'reports', action: 'read drill-down households', method: 'GET', path: (t) => `/api/reports/regions/${t.site.code}/households`, allow: { worker: 'in', official: 'in', admin: 'all' } },
  { resource: 'exports', action: 'export dashboard', method: 'GET', path: (t) => `/api/exports/dashboard.xlsx?region=${t.site.code}`, allow: { worker: 'in', official: 'in', admin: 'all' } },
  { resource: 'worklist', action: 'read list', method: 'GET', path: () => '/api/worklist', allow: { helper: 'all', worker: 'all', official: 'all', admin: 'all' } },
  { resource: 'worklist', action: 'read counts', method: 'GET', path: () => '/api/worklist/counts', allow: { helper: 'all', worker: 'all', official: 'all', admin: 'all' } },
];

runMatrix('authorisation matrix', rows, () => ctx);
