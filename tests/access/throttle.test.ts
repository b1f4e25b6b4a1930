import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttlePolicy } from '../../api/src/access/throttle.ts';
import { createApp } from '../../api/src/app.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createUser, TEST_PASSWORD } from '../support/fixtures.ts';

/**
 * Login throttling against the hostile cases of issue 15: parallel guesses, forged
 * X-Forwarded-For, one office behind one NAT, and an owner whose account is under attack.
 * Each request comes from a socket address given as the node server would give it.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type App = ReturnType<typeof createApp>;

function login(
  app: App,
  from: string,
  body: { login: string; password: string },
  headers: Record<string, string> = {},
) {
  return app.request(
    '/api/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: from } } },
  );
}

async function lastLoginAuditIp(userId: string) {
  const row = await ctx.db
    .selectFrom('auditLog')
    .select('ip')
    .where('action', '=', 'login')
    .where('resourceId', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.ip;
}

describe('login throttling', () => {
  it('lets no more than the limit of 12 parallel wrong guesses through', async () => {
    const user = await createUser(ctx.db, { role: 'employer' });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => login(ctx.app, '192.0.2.11', { login: user.login, password: 'wrong-guess-xx' })),
    ).then((responses) => responses.map((response) => response.status));
    const checked = statuses.filter((status) => status === 401).length;
    console.log(`12 parallel guesses: ${checked} checked, ${statuses.filter((s) => s === 429).length} refused`);
    expect(checked).toBe(throttlePolicy.pairFreeFailures);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
  });

  it('ignores X-Forwarded-For unless it comes from a trusted proxy', async () => {
    const user = await createUser(ctx.db, { role: 'employer' });
    // Rotating the header from an untrusted client neither changes its address nor dodges the limit.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await login(
        ctx.app,
        '203.0.113.9',
        { login: user.login, password: 'wrong-guess-xx' },
        { 'x-forwarded-for': `198.51.100.${i + 1}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(await lastLoginAuditIp(user.id)).toBe('203.0.113.9');

    // Behind a configured proxy, the first address it did not add is the client.
    const proxied = createApp({ ...ctx.deps, config: { ...ctx.deps.config, trustedProxies: ['10.1.0.0/16'] } });
    const other = await createUser(ctx.db, { role: 'employer' });
    const response = await login(
      proxied,
      '::ffff:10.1.2.3',
      { login: other.login, password: TEST_PASSWORD },
      { 'x-forwarded-for': '203.0.113.77, 198.51.100.20, 10.1.0.9' },
    );
    expect(response.status).toBe(200);
    expect(await lastLoginAuditIp(other.id)).toBe('198.51.100.20');
    // The same header from outside the proxy network is not believed.
    const direct = await login(
      proxied,
      '203.0.113.10',
      { login: other.login, password: TEST_PASSWORD },
      { 'x-forwarded-for': '198.51.100.20' },
    );
    expect(direct.status).toBe(200);
    expect(await lastLoginAuditIp(other.id)).toBe('203.0.113.10');
  });

  it('does not lock out the other people of an office behind one NAT when one account is guessed', async () => {
    const office = '192.0.2.50';
    const target = await createUser(ctx.db, { role: 'worker' });
    const colleagues = await Promise.all([1, 2, 3].map(() => createUser(ctx.db, { role: 'worker' })));
    for (let i = 0; i < 12; i++) await login(ctx.app, office, { login: target.login, password: 'wrong-guess-xx' });
    expect((await login(ctx.app, office, { login: target.login, password: TEST_PASSWORD })).status).toBe(429);
    for (const colleague of colleagues) {
      expect((await login(ctx.app, office, { login: colleague.login, password: TEST_PASSWORD })).status).toBe(200);
    }
  });

  it('lets the right password in from the usual place within a minute, after 100 wrong guesses', async () => {
    const owner = await createUser(ctx.db, { role: 'admin' });
    const usual = '192.0.2.60';
    expect((await login(ctx.app, usual, { login: owner.login, password: TEST_PASSWORD })).status).toBe(200);
    // 100 guesses, from the owner's office and spread over 99 other addresses.
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const from = i % 10 === 0 ? usual : `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      statuses.push((await login(ctx.app, from, { login: owner.login, password: `wrong-guess-${i}` })).status);
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(
      throttlePolicy.accountFreeFailures + throttlePolicy.pairFreeFailures,
    );
    // Right now the account is locked for everyone, the owner too (the last failure was just now)…
    expect((await login(ctx.app, '198.18.9.9', { login: owner.login, password: TEST_PASSWORD })).status).toBe(429);
    // …and a minute after the last failure, the owner's usual place is let in, a new place still not.
    await ctx.db
      .updateTable('loginThrottle')
      .set((eb) => ({ updatedAt: eb.val(new Date(Date.now() - 61_000)) }))
      .where('key', 'like', `%${owner.login}%`)
      .execute();
    expect((await login(ctx.app, '198.18.9.10', { login: owner.login, password: TEST_PASSWORD })).status).toBe(429);
    expect((await login(ctx.app, usual, { login: owner.login, password: TEST_PASSWORD })).status).toBe(200);
  });
});
