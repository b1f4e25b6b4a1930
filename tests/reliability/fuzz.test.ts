import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, signIn } from '../support/fixtures.ts';

/**
 * Property-based requests for every endpoint in the OpenAPI document, valid-looking and
 * hostile: no answer may be a 5xx, and every 4xx is problem+json. New endpoints are covered
 * as soon as they are in the document.
 */
let ctx: TestContext;
let adminCookie: string;
let adminLogin: string;

const hostileStrings = [
  "' OR 1=1 --",
  '"; DROP TABLE households; --',
  'x" OR status = "draft',
  'status = open OR 1 = 1',
  '../../../../etc/passwd',
  '%00',
  '=cmd|"/c calc"!A1',
  '<script>alert(1)</script>',
  '\u0000\u0001\u0002',
  '😀'.repeat(50),
  'a'.repeat(5_000),
  '-1',
  '0',
  '99999999999999999999999',
  'NaN',
  '1e309',
  '1e21',
  '1e-7',
  '2026-02-30',
  '522401199001011234',
];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...hostileStrings), fc.integer().map(String));
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom('name', 'login', 'password', 'id', 'page', 'q', 'code', 'status', 'version'),
    fc.oneof(text, fc.jsonValue({ maxDepth: 2 })),
  ),
);

/** Origin headers that are not URLs: a signed-in write must refuse them with 403, not fail. */
const hostileOrigin = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 9 },
  {
    arbitrary: fc.constantFrom('http://[::1', 'null', '::::', 'http://exa mple.com', 'https://evil.example'),
    weight: 1,
  },
);

const RUNS_PER_ENDPOINT = 20;

interface Operation {
  method: string;
  path: string;
  queryNames: string[];
  hasBody: boolean;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const tree = await createRegionTree(ctx.db);
  const admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id });
  adminLogin = admin.login;
  adminCookie = await signIn(ctx.app, admin.login);
});
afterAll(() => ctx.close());

async function operations(): Promise<Operation[]> {
  const document = await (await ctx.app.request('/api/openapi.json')).json();
  const result: Operation[] = [];
  for (const [path, methods] of Object.entries<
    Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
  >(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      result.push({
        method: method.toUpperCase(),
        path,
        queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: Boolean(operation.requestBody),
      });
    }
  }
  return result;
}

async function expectWellFormed(response: Response, label: string) {
  expect(response.status, label).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), label).toContain('application/problem+json');
    const body = await response.json();
    expect(body.status, label).toBe(response.status);
  } else {
    await response.arrayBuffer();
  }
}

describe('fuzzing every endpoint', () => {
  it('never answers 5xx, and answers every 4xx with problem+json', { timeout: 600_000 }, async () => {
    const ops = (await operations()).filter((op) => !(op.path === '/api/auth/logout'));
    expect(ops.length).toBeGreaterThan(3);
    let cases = 0;
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(text, { minLength: 4, maxLength: 4 }),
          fc.dictionary(fc.constantFrom(...op.queryNames, 'page', 'pageSize', 'x'), text),
          jsonBody,
          fc.boolean(),
          hostileOrigin,
          async (pathValues, query, body, signedIn, origin) => {
            cases++;
            let index = 0;
            const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValues[index++] || 'x'));
            const search = new URLSearchParams(query).toString();
            const headers: Record<string, string> = {};
            if (signedIn) headers.cookie = adminCookie;
            if (op.hasBody) headers['content-type'] = 'application/json';
            if (origin) headers.origin = origin;
            const response = await ctx.app.request(`${path}${search ? `?${search}` : ''}`, {
              method: op.method,
              headers,
              body: op.hasBody && op.method !== 'GET' ? JSON.stringify(body) : undefined,
            });
            await expectWellFormed(response, `${op.method} ${path}`);
            // A fuzzed sign-in endpoint answers 401 for its own reasons; elsewhere 401 means the session ended.
            if (response.status === 401 && signedIn && !op.path.startsWith('/api/auth/')) {
              await ctx.db.deleteFrom('loginThrottle').execute();
              adminCookie = await signIn(ctx.app, adminLogin);
            }
          },
        ),
        { numRuns: RUNS_PER_ENDPOINT, seed: 20261129 },
      );
    }
    expect(cases).toBeGreaterThanOrEqual(ops.length * RUNS_PER_ENDPOINT);
    console.log(`fuzz: ${cases} cases over ${ops.length} operations, 0 answers >= 500`);
  });

  it('answers malformed bodies with 4xx: broken JSON, deep nesting, wrong type, invalid UTF-8, oversize', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const bodies: { body: BodyInit; type: string }[] = [
      { body: '{"login": ', type: 'application/json' },
      { body: deep, type: 'application/json' },
      { body: 'login=a&password=b', type: 'application/x-www-form-urlencoded' },
      { body: 'plain words', type: 'text/plain' },
      { body: new Uint8Array([0x7b, 0x22, 0x6c, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), type: 'application/json' },
      { body: JSON.stringify({ login: 'x'.repeat(2_000_000), password: 'y' }), type: 'application/json' },
    ];
    for (const { body, type } of bodies) {
      const response = await ctx.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      await expectWellFormed(response, `login with ${type} ${String(body).slice(0, 20)}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('tolerates a huge query string', async () => {
    const response = await ctx.app.request(`/api/auth/me?${'q=x&'.repeat(5_000)}`, {
      headers: { cookie: adminCookie },
    });
    await expectWellFormed(response, 'huge query');
  });
});
