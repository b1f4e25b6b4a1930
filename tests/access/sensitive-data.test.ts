import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { expectNoUnmaskedSensitiveData, findUnmaskedSensitiveData } from '../support/sensitive-data.ts';
import { uniquePhone } from './matrix.ts';

let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
});
afterAll(() => ctx.close());

const ID_NUMBER = '52242719800101123X';

describe('the sensitive-data scanner', () => {
  it('finds full ID and phone numbers and lets masked ones pass', () => {
    expect(findUnmaskedSensitiveData(`id ${ID_NUMBER} tel 13912345678`)).toEqual([ID_NUMBER, '13912345678']);
    expect(findUnmaskedSensitiveData('*****************X 139****5678 at 1764412345678 ms')).toEqual([]);
  });
});

describe('no unmasked ID or phone numbers reach a reader without the right', () => {
  it('in account lists, audit entries of typed logins, and the request logs', async () => {
    const admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id });
    const official = await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const phones = [uniquePhone(), uniquePhone()];
    for (const phone of phones) await createUser(ctx.db, { role: 'resident', homeSiteId: tree.siteA1.id, phone });
    // Someone types a phone number and an ID number as their login: the audit log keeps what was typed.
    for (const login of [phones[0], ID_NUMBER]) {
      await call(ctx.app, 'POST', '/api/auth/login', { body: { login, password: 'not-the-password' } });
    }
    const responses: string[] = [];
    for (const account of [admin, official, worker]) {
      const cookie = await signIn(ctx.app, account.login);
      for (const path of ['/api/users?pageSize=100', '/api/audit-log?pageSize=100', '/api/auth/me']) {
        const response = await call(ctx.app, 'GET', path, { cookie });
        const text = await response.text();
        responses.push(text);
        expectNoUnmaskedSensitiveData(text, { where: `${account.login} ${path}` });
      }
    }
    // The scan is not vacuous: the masked forms are there.
    expect(responses.join('\n')).toContain(`${phones[0].slice(0, 3)}****${phones[0].slice(-4)}`);
    expect(responses.join('\n')).toContain('*****************X');
    expectNoUnmaskedSensitiveData(JSON.stringify(ctx.logs), { where: 'the captured logs' });
    expect(ctx.logs.length).toBeGreaterThan(5);
  });
});
