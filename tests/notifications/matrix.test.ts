import { afterAll, beforeAll } from 'vitest';
import { type MatrixRow, runMatrix } from '../access/matrix.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/**
 * Messages and consent. The inbox and its settings are every account's own (no target, so in
 * and out of scope alike). Consent on a person follows the person rule (`personInScope`); only
 * helpers and workers record it on someone's behalf. The matrix's helper is not assigned to the
 * target household and its resident is not the target person, so both are denied there
 * (`consent.test.ts` covers the assigned helper and `/api/me/consent` for a linked resident).
 */
const everyone = {
  admin: 'all',
  official: 'all',
  worker: 'all',
  helper: 'all',
  resident: 'all',
  employer: 'all',
} as const;
const rows: MatrixRow[] = [
  { resource: 'notifications', action: 'list', method: 'GET', path: () => '/api/notifications', allow: everyone },
  {
    resource: 'notifications',
    action: 'unread count',
    method: 'GET',
    path: () => '/api/notifications/unread-count',
    allow: everyone,
  },
  {
    resource: 'notifications',
    action: 'read all',
    method: 'POST',
    path: () => '/api/notifications/read-all',
    allow: everyone,
  },
  {
    resource: 'notification settings',
    action: 'read',
    method: 'GET',
    path: () => '/api/notifications/preferences',
    allow: everyone,
  },
  {
    resource: 'notification settings',
    action: 'update',
    method: 'PUT',
    path: () => '/api/notifications/preferences',
    body: () => ({ mutedCategories: ['matches'], smsEnabled: false, quietStart: '21:30', quietEnd: '07:00' }),
    allow: everyone,
  },
  {
    resource: 'consent',
    action: 'read',
    method: 'GET',
    path: (t) => `/api/persons/${t.person.id}/consent`,
    allow: { admin: 'all', official: 'in', worker: 'in' },
  },
  {
    resource: 'consent',
    action: 'record on behalf',
    method: 'POST',
    path: (t) => `/api/persons/${t.person.id}/consent`,
    body: () => ({ given: true, note: '电话确认本人同意' }),
    allow: { worker: 'in' },
  },
];

runMatrix('messages and consent', rows, () => ctx);
