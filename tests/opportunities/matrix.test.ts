import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix, unique } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
});
afterAll(() => ctx.close());

// 代发布 (posting on behalf of a small employer) and 单位认证: workers reach small employers at
// their own sites only; admins any employer; other employers, residents, helpers and officials never.
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'jobs', action: 'post on behalf of a workshop', method: 'POST', path: () => '/api/jobs', body: (t) => jobBody({ employerId: t.workshop.id, title: `代发布岗位${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'trainings', action: 'post on behalf of a workshop', method: 'POST', path: () => '/api/trainings', body: (t) => ({ employerId: t.workshop.id, title: `代发布培训${unique()}`, skillsTaught: [{ code: 'garment.sewing', level: 2 }] }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'projects', action: 'post on behalf of a workshop', method: 'POST', path: () => '/api/projects', body: (t) => ({ employerId: t.workshop.id, title: `代发布项目${unique()}`, kind: 'planting', siteIds: [t.site.id] }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'jobs', action: 'change a workshop job on its behalf', method: 'PATCH', path: (t) => `/api/jobs/${t.workshopJob.id}`, body: () => ({ title: `改名${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'employers', action: "change a workshop's profile", method: 'PATCH', path: (t) => `/api/employers/${t.workshop.id}`, body: () => ({ contactName: `联系人${unique()}` }), allow: { admin: 'all', worker: 'in' } },
  { resource: 'employers', action: 'list those I may post for', method: 'GET', path: () => '/api/employers?forPosting=true&pageSize=100', listed: (t) => t.workshop.id, allow: { admin: 'all', worker: 'in', official: 'all' } },
  { resource: 'employers', action: 'reject with a reason', method: 'POST', path: (t) => `/api/employers/${t.workshop.id}/reject`, body: () => ({ reason: '矩阵：材料不全' }), fresh: true, allow: { admin: 'all' } },
];

runMatrix('authorisation matrix: posting on behalf and employer review', rows, () => ctx);
