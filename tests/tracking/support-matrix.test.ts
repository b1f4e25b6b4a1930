import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix, unique } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const letters = () => Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');
const h = (t: { household: { id: string } }, rest: string) => `/api/households/${t.household.id}/${rest}`;
const readers = { admin: 'all', official: 'in', worker: 'in' } as const;
const recorders = { admin: 'all', worker: 'in' } as const;

// Support measures, risks, essential spending and 三保障 checks under a household (issue 20 part B).
// biome-ignore format: one row per line keeps the table readable and merges trivial
const rows: MatrixRow[] = [
  { resource: 'support-measures', action: 'read list', method: 'GET', path: (t) => h(t, 'support-measures'), listed: (t) => t.supportMeasure.id, allow: readers },
  { resource: 'support-measures', action: 'create', method: 'POST', path: (t) => h(t, 'support-measures'), body: () => ({ kind: 'training', startedOn: '2026-02-01', responsibleUnit: `人社${unique()}` }), allow: recorders },
  { resource: 'support-measures', action: 'update', method: 'PATCH', path: (t) => h(t, `support-measures/${t.supportMeasure.id}`), body: () => ({ note: unique() }), allow: recorders },
  { resource: 'support-measures', action: 'delete', method: 'DELETE', path: (t) => h(t, `support-measures/${t.supportMeasure.id}`), fresh: true, allow: recorders },
  { resource: 'household-risks', action: 'read list', method: 'GET', path: (t) => h(t, 'risks'), listed: (t) => t.householdRisk.id, allow: readers },
  { resource: 'household-risks', action: 'create', method: 'POST', path: (t) => h(t, 'risks'), body: () => ({ kind: 'disaster', fromOn: '2026-02-01' }), allow: recorders },
  { resource: 'household-risks', action: 'end', method: 'PATCH', path: (t) => h(t, `risks/${t.householdRisk.id}`), body: () => ({ toOn: '2026-03-01' }), allow: recorders },
  { resource: 'household-risks', action: 'void', method: 'POST', path: (t) => h(t, `risks/${t.householdRisk.id}/void`), body: () => ({ reason: `录错${unique()}` }), fresh: true, allow: recorders },
  { resource: 'essential-spending', action: 'read list', method: 'GET', path: (t) => h(t, 'essential-spending'), listed: (t) => t.essentialSpending.id, allow: readers },
  { resource: 'essential-spending', action: 'create', method: 'POST', path: (t) => h(t, 'essential-spending'), body: () => ({ kind: 'medical', amountYuan: 100, month: '2026-02' }), allow: recorders },
  { resource: 'essential-spending', action: 'correct', method: 'PATCH', path: (t) => h(t, `essential-spending/${t.essentialSpending.id}`), body: () => ({ amountYuan: 300, note: unique() }), allow: recorders },
  { resource: 'guarantee-checks', action: 'read', method: 'GET', path: (t) => h(t, 'guarantee-checks'), allow: readers },
  { resource: 'guarantee-checks', action: 'create', method: 'POST', path: (t) => h(t, 'guarantee-checks'), body: () => ({ dimension: 'drinking_water', checkedOn: '2026-02-01', ok: true, evidence: unique() }), allow: recorders },
  { resource: 'policy-values', action: 'read list', method: 'GET', path: () => '/api/policy-values', allow: { admin: 'all', official: 'all', worker: 'all' } },
  { resource: 'policy-values', action: 'resolve', method: 'GET', path: (t) => `/api/policy-values/resolve?key=dibao_standard_monthly&region=${t.county.code}&year=2026`, allow: { admin: 'all', official: 'all', worker: 'all' } },
  { resource: 'policy-values', action: 'create', method: 'POST', path: () => '/api/policy-values', body: (t) => ({ key: `subsidy:${letters()}`, regionCode: t.county.code, year: 2026, value: 100 }), allow: { admin: 'all' } },
  { resource: 'supervision', action: 'read region', method: 'GET', path: (t) => `/api/supervision?region=${t.county.code}`, allow: { admin: 'all', official: 'in' } },
];

runMatrix('support measures and household facts matrix', rows, () => ctx);
