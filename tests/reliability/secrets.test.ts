import { makeIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, TEST_PASSWORD } from '../support/fixtures.ts';
import { type AnjuProcess, spawnAnju } from '../support/process.ts';

/**
 * The real process at its most talkative (LOG_LEVEL=debug): after sign-ins (good and bad),
 * writes and reads of sensitive data, neither its log output nor any answer it gave holds a
 * secret — the Meilisearch master key, the session secret, the data key, a session token, a
 * password, an ID number, health notes; a full phone number never in the logs.
 */
let ctx: TestContext;
let anju: AnjuProcess | undefined;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  if (anju && anju.child.exitCode === null) {
    anju.child.kill('SIGTERM');
    await anju.exited;
  }
  await ctx.close();
});

describe('secrets', () => {
  it('never appear in the API process logs or its answers', { timeout: 120_000 }, async () => {
    const tree = await createRegionTree(ctx.db);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    anju = await spawnAnju(ctx, { LOG_LEVEL: 'debug' });
    const url = anju.url;
    const answers: string[] = [];
    const request = async (method: string, path: string, body?: unknown, cookie?: string) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      answers.push(
        JSON.stringify(
          Array.from(response.headers as unknown as Iterable<[string, string]>).filter(
            ([name]) => name !== 'set-cookie',
          ),
        ),
        text,
      );
      return { response, text };
    };

    const wrongPassword = 'Wrong-Password-Attempt-42';
    expect(
      (await request('POST', '/api/auth/login', { login: worker.login, password: wrongPassword })).response.status,
    ).toBe(401);
    const login = await request('POST', '/api/auth/login', { login: worker.login, password: TEST_PASSWORD });
    expect(login.response.status).toBe(200);
    const cookie = (login.response.headers.get('set-cookie') ?? '').split(';')[0];
    const token = cookie.split('=')[1];
    expect(token.length).toBeGreaterThan(16);

    const idNumber = makeIdNumber('529905', '1979-09-09', 321);
    const phone = '13766554433';
    const created = await request(
      'POST',
      '/api/households',
      {
        householdNumber: 'SECRET-1',
        siteId: tree.siteA1.id,
        members: [{ name: '保密户主', relation: 'head', idNumber, phone, healthNotes: '糖尿病' }],
      },
      cookie,
    );
    expect(created.response.status, created.text).toBe(201);
    const householdId = JSON.parse(created.text).id as string;
    const personId = JSON.parse(created.text).members[0].id as string;
    await request('GET', `/api/households/${householdId}`, undefined, cookie);
    await request('GET', `/api/persons/${personId}`, undefined, cookie);
    await request('GET', `/api/search/residents?q=${encodeURIComponent('保密')}`, undefined, cookie);
    await request('GET', `/api/persons?q=${idNumber}`, undefined, cookie);
    await request('GET', '/api/openapi.json');
    await request('GET', '/api/health');
    await request('POST', '/api/auth/logout', {}, cookie);
    // The token is dead now; using it again must not echo it either.
    await request('GET', '/api/auth/me', undefined, cookie);

    anju.child.kill('SIGTERM');
    expect(await anju.exited).toBe(0);
    const logs = anju.output();
    const phoneRead = await ctx.db
      .selectFrom('auditLog')
      .select('fields')
      .where('resourceType', '=', 'household')
      .where('resourceId', '=', householdId)
      .where('action', '=', 'read')
      .execute();
    expect(phoneRead.flatMap((r) => r.fields ?? [])).toContain('phone');
    expect(logs).toContain('request started'); // debug logging really was on
    const secrets: Record<string, string> = {
      'Meilisearch master key': inject('meiliMasterKey'),
      'session secret': ctx.deps.config.sessionSecret as string,
      'data encryption key': ctx.deps.config.dataEncryptionKey as string,
      'session token': token,
      password: TEST_PASSWORD,
      'wrong password': wrongPassword,
      'ID number': idNumber,
      'full phone number': phone,
      'health notes': '糖尿病',
    };
    const leaks: string[] = [];
    for (const [what, secret] of Object.entries(secrets)) {
      if (logs.includes(secret)) leaks.push(`${what} in the logs`);
      // A worker sees the full phone of a household on their own site by design (and that read is audited).
      if (what !== 'full phone number' && answers.some((answer) => answer.includes(secret))) {
        leaks.push(`${what} in an answer`);
      }
    }
    console.log(
      `secrets: ${Object.keys(secrets).length} secrets checked in ${logs.split('\n').length} log lines and ${answers.length / 2} answers, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  });
});
