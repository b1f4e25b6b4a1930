import { randomBytes } from 'node:crypto';
import { chinaMonth, chinaToday } from '@anju/domain/clock';
import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const readers = { admin: 'all', official: 'in', worker: 'in' } as const;
const writers = { admin: 'all', worker: 'in' } as const;
const batchBody = (t: { site: { id: string } }) => ({
  siteId: t.site.id,
  destinationEmployer: '东莞厂',
  destinationRegion: '广东省东莞市',
  departureDate: chinaToday(),
  transport: 'special_train',
  organiser: '人社局',
});

const year = () => chinaToday().slice(0, 4);

// Employment programmes (就业帮扶): labour export, 公益性岗位, 帮扶车间 and subsidies, one line per action.
// The matrix employer account operates no workshop here, so it sees none (its own is tests/programmes/workshops.test.ts).
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'labour-export', action: 'list batches', method: 'GET', path: () => '/api/labour-export/batches?pageSize=100', listed: (t) => t.programmes.batch.id, allow: readers },
  { resource: 'labour-export', action: 'read batch', method: 'GET', path: (t) => `/api/labour-export/batches/${t.programmes.batch.id}`, allow: readers },
  { resource: 'labour-export', action: 'create batch', method: 'POST', path: () => '/api/labour-export/batches', body: batchBody, allow: writers },
  { resource: 'labour-export', action: 'add member', method: 'POST', path: (t) => `/api/labour-export/batches/${t.programmes.batch.id}/members`, body: (t) => ({ personId: t.person.id, monthlyPayYuan: 4500 }), fresh: true, allow: writers },
  { resource: 'labour-export', action: 'record follow-up', method: 'POST', path: (t) => `/api/labour-export/members/${t.programmes.member.id}/followups`, body: () => ({ milestoneMonths: 1, followedUpOn: chinaToday(), outcome: 'still_there' }), fresh: true, allow: writers },
  { resource: 'labour-export', action: 'read retention figure', method: 'GET', path: () => '/api/labour-export/retention', allow: { admin: 'all', official: 'all', worker: 'all' } },
  { resource: 'labour-export', action: 'read own memberships', method: 'GET', path: () => '/api/labour-export/mine', allow: { resident: 'all' } },
  { resource: 'welfare-posts', action: 'list posts', method: 'GET', path: () => '/api/welfare-posts?pageSize=100', listed: (t) => t.programmes.post.id, allow: readers },
  { resource: 'welfare-posts', action: 'read post', method: 'GET', path: (t) => `/api/welfare-posts/${t.programmes.post.id}`, allow: readers },
  { resource: 'welfare-posts', action: 'create post', method: 'POST', path: () => '/api/welfare-posts', body: (t) => ({ siteId: t.site.id, title: '护林员', quota: 1, monthlyPayYuan: 600 }), allow: writers },
  { resource: 'welfare-posts', action: 'assign person', method: 'POST', path: (t) => `/api/welfare-posts/${t.programmes.post.id}/assignments`, body: (t) => ({ personId: t.person.id, startOn: chinaToday(), endOn: '2099-12-31' }), fresh: true, allow: writers },
  { resource: 'welfare-posts', action: 'read attendance and pay', method: 'GET', path: (t) => `/api/welfare-posts/assignments/${t.programmes.assignment.id}/months`, allow: readers },
  { resource: 'welfare-posts', action: 'record attendance and pay', method: 'PUT', path: (t) => `/api/welfare-posts/assignments/${t.programmes.assignment.id}/months`, body: () => ({ month: chinaMonth(), attendanceDays: 20, payYuan: 800 }), allow: writers },
  { resource: 'welfare-posts', action: 'end assignment', method: 'POST', path: (t) => `/api/welfare-posts/assignments/${t.programmes.assignment.id}/end`, body: () => ({ endedOn: chinaToday() }), fresh: true, allow: writers },
  { resource: 'welfare-posts', action: 'read policy', method: 'GET', path: () => '/api/welfare-posts/policy', allow: { admin: 'all', official: 'all', worker: 'all' } },
  { resource: 'welfare-posts', action: 'set policy', method: 'PUT', path: () => '/api/welfare-posts/policy', body: () => ({ householdPostLimit: 1 }), allow: { admin: 'all' } },
  { resource: 'welfare-posts', action: 'read own assignments', method: 'GET', path: () => '/api/welfare-posts/mine', allow: { resident: 'all' } },
  { resource: 'labour-export', action: 'read own migrants (employer)', method: 'GET', path: () => '/api/labour-export/employer-members', allow: { employer: 'all' } },
  { resource: 'labour-export', action: 'read member', method: 'GET', path: (t) => `/api/labour-export/members/${t.programmes.member.id}`, allow: readers },
  { resource: 'workshops', action: 'list workshops', method: 'GET', path: () => '/api/workshops', listed: (t) => t.programmes.workshop.id, allow: readers },
  { resource: 'workshops', action: 'read workshop', method: 'GET', path: (t) => `/api/workshops/${t.programmes.workshop.id}`, allow: readers },
  { resource: 'workshops', action: 'apply for recognition', method: 'POST', path: () => '/api/workshops', body: (t) => ({ employerId: t.programmes.workshopCandidate.id, siteId: t.site.id, minRelocatedEmployed: 1, minRelocatedShare: 0.1, totalEmployed: 10 }), fresh: true, allow: writers },
  { resource: 'workshops', action: 'decide recognition', method: 'POST', path: (t) => `/api/workshops/${t.programmes.workshop.id}/decision`, body: () => ({ status: 'revoked', decidedOn: chinaToday() }), fresh: true, allow: { admin: 'all', official: 'in' } },
  { resource: 'workshops', action: 'read employment', method: 'GET', path: (t) => `/api/workshops/${t.programmes.workshop.id}/employment`, allow: readers },
  { resource: 'workshops', action: 'record employment', method: 'PUT', path: (t) => `/api/workshops/${t.programmes.workshop.id}/employment`, body: (t) => ({ personId: t.person.id, month: chinaMonth(), payYuan: 2000 }), allow: writers },
  { resource: 'subsidies', action: 'list ledger', method: 'GET', path: () => `/api/subsidies?year=${year()}`, listed: (t) => t.programmes.subsidy.id, allow: readers },
  { resource: 'subsidies', action: 'read totals', method: 'GET', path: () => `/api/subsidies/totals?year=${year()}`, allow: { admin: 'all', official: 'all', worker: 'all' } },
  { resource: 'subsidies', action: 'record subsidy', method: 'POST', path: () => '/api/subsidies', body: (t) => ({ kind: 'training', personId: t.person.id, basis: `course:${randomBytes(4).toString('hex')}`, period: year(), amountYuan: 500 }), allow: writers },
  { resource: 'subsidies', action: 'advance subsidy', method: 'POST', path: (t) => `/api/subsidies/${t.programmes.subsidy.id}/advance`, fresh: true, allow: writers },
  { resource: 'welfare-posts', action: 'read assignment', method: 'GET', path: (t) => `/api/welfare-posts/assignments/${t.programmes.assignment.id}`, allow: writers },
  { resource: 'welfare-posts', action: 'rotate assignment', method: 'POST', path: (t) => `/api/welfare-posts/assignments/${t.programmes.assignment.id}/rotate`, body: (t) => ({ personId: t.person.id, endOn: '2099-12-31' }), fresh: true, allow: writers },
];

runMatrix('employment programmes matrix', rows, () => ctx);
