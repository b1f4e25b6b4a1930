import { request as httpRequest } from 'node:http';
import { makeIdNumber } from '@anju/domain/id-number';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { startTestPlatform } from '../support/platform.ts';
import { createHousehold } from '../support/registry-fixtures.ts';
import { rosterPeople, rosterWorkbook } from '../support/reliability-fixtures.ts';

/**
 * Hostile input against signed-in write endpoints and uploads: every answer a 4xx problem+json
 * (never a 5xx), nothing changed by a refused request, and what is stored cannot hurt whoever
 * opens an export.
 */
let ctx: TestContext;
let tree: RegionTree;
let worker: string;
let official: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: tree.city.id })).login);
});
afterAll(() => ctx.close());

async function expectProblem(response: Response, label: string) {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get('content-type'), label).toContain('application/problem+json');
  expect((await response.json()).status, label).toBe(response.status);
}

const upload = (file: Uint8Array, name: string, dryRun = 'false') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return ctx.app.request(`/api/imports/roster?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { cookie: worker },
    body: form,
  });
};

describe('malformed bodies on signed-in writes', () => {
  it('refuses broken, deep, mistyped, non-UTF-8 and oversize bodies without changing anything', async () => {
    const household = await createHousehold(ctx.db, tree.siteA1.id, [{ name: '坏请求户主', relation: 'head' }]);
    const deep = `{"version":1,"room":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const bodies: { body: BodyInit; type: string; label: string }[] = [
      { body: '{"version": 1, "room": ', type: 'application/json', label: 'truncated JSON' },
      { body: deep, type: 'application/json', label: '50,000 levels deep' },
      { body: 'version=1&room=9', type: 'application/x-www-form-urlencoded', label: 'a form' },
      { body: '{"version":1,"room":"9"}', type: 'text/plain', label: 'JSON sent as text/plain' },
      { body: '<household version="1"/>', type: 'application/xml', label: 'XML' },
      {
        body: new Uint8Array([...Buffer.from('{"version":1,"room":"'), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from('"}')]),
        type: 'application/json',
        label: 'invalid UTF-8',
      },
      { body: JSON.stringify({ version: 1, room: 'x'.repeat(2_000_000) }), type: 'application/json', label: '2 MB' },
      { body: '[]', type: 'application/json', label: 'an array' },
      { body: 'null', type: 'application/json', label: 'null' },
      {
        body: JSON.stringify({ version: '1; drop table households', room: "'; --" }),
        type: 'application/json',
        label: 'SQL in a number',
      },
    ];
    for (const { body, type, label } of bodies) {
      const response = await ctx.app.request(`/api/households/${household.id}`, {
        method: 'PATCH',
        headers: { cookie: worker, 'content-type': type },
        body,
      });
      await expectProblem(response, label);
    }
    const income = await ctx.app.request('/api/income-records', {
      method: 'POST',
      headers: { cookie: worker, 'content-type': 'application/json' },
      body: JSON.stringify({
        householdId: household.id,
        periodKind: 'month',
        period: '2025-01',
        source: 'wages',
        amountYuan: 'NaN',
      }),
    });
    await expectProblem(income, 'income with a text amount');
    expect(
      await ctx.db
        .selectFrom('households')
        .select(['room', 'version'])
        .where('id', '=', household.id)
        .executeTakeFirst(),
    ).toEqual({ room: '301', version: 1 });
    expect(await ctx.db.selectFrom('incomeRecords').select('id').execute()).toEqual([]);
  });

  it('answers huge query strings and path ids with 4xx, never 5xx', async () => {
    for (const path of [
      `/api/households?q=${'户'.repeat(20_000)}`,
      `/api/households?${'siteId=1&'.repeat(10_000)}`,
      `/api/households?page=${'9'.repeat(400)}`,
      `/api/households/${'9'.repeat(400)}`,
      `/api/persons/${encodeURIComponent("1' OR '1'='1")}`,
      `/api/search/residents?q=${'x'.repeat(100_000)}`,
    ]) {
      const response = await ctx.app.request(path, { headers: { cookie: worker } });
      expect(response.status, path.slice(0, 60)).toBeLessThan(500);
      if (response.status >= 400) await expectProblem(response, path.slice(0, 60));
      else await response.arrayBuffer();
    }
  });
});

describe('hostile roster uploads', () => {
  it('refuses a zip bomb before inflating it', async () => {
    const book = await rosterWorkbook(rosterPeople(3, 'BOMB', tree.siteA1.code));
    // Declare every part 1.5 GB uncompressed in the central directory (a bomb's honest header).
    const bomb = Buffer.from(book);
    for (let i = 0; i + 46 <= bomb.length; i++) {
      if (bomb.readUInt32LE(i) === 0x02014b50) bomb.writeUInt32LE(1_500_000_000, i + 24);
    }
    const response = await upload(bomb, 'bomb.xlsx');
    expect(response.status).toBe(413);
    await expectProblem(response, 'zip bomb');
    expect(
      await ctx.db.selectFrom('households').select('id').where('householdNumber', 'like', 'BOMB-%').execute(),
    ).toEqual([]);
  });

  it('refuses a damaged or disguised workbook with 4xx naming the file field', async () => {
    for (const [bytes, name] of [
      [Buffer.from('PK\u0003\u0004 this is not really a zip'), 'broken.xlsx'],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'roster.sh'],
    ] as const) {
      const response = await upload(bytes, name);
      await expectProblem(response, name);
    }
    // Not a zip: read as a CSV, which has none of the roster's columns — refused whole, nothing committed.
    const disguised = await upload(Buffer.from('MZ\u0090\u0000 an executable'), 'roster.xlsx');
    expect(disguised.status).toBeGreaterThanOrEqual(400);
    expect(disguised.status).toBeLessThan(500);
    if (disguised.status === 422) expect(await disguised.json()).toMatchObject({ committed: false });
  });

  it('keeps only the base name of an upload whose name walks up directories', async () => {
    const before = await ctx.db.selectFrom('rosterImports').select('id').execute();
    const names = ['../../../../etc/passwd.csv', '..\\..\\windows\\system32\\roster.csv', '/tmp/abs/roster.csv'];
    for (const [n, name] of names.entries()) {
      const csv = `户编号,安置点编码,姓名,身份证号,与户主关系\nTRAV-${n},${tree.siteA1.code},穿越${n},${makeIdNumber('529904', `1980-02-0${n + 1}`, n)},户主\n`;
      const response = await upload(new TextEncoder().encode(csv), name);
      expect(response.status, name).toBe(200);
    }
    const stored = await ctx.db
      .selectFrom('rosterImports')
      .select('fileName')
      .where('id', 'not in', ['0', ...before.map((r) => r.id)])
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.fileName)).toEqual(['passwd.csv', 'roster.csv', 'roster.csv']);
  });

  it('stores formula-looking cells as text and exports them escaped (= + - @)', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","点我")', '+cmd|"/c calc"!A0', '-2+3', '@SUM(A1:A9)'];
    const people = rosterPeople(hostile.length, 'FORMULA', tree.siteA1.code).map((p, i) => ({
      ...p,
      name: hostile[i],
    }));
    const response = await upload(await rosterWorkbook(people), 'formula.xlsx');
    expect(response.status, await response.clone().text()).toBe(200);
    const names = await ctx.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select('persons.name')
      .where('households.householdNumber', 'like', 'FORMULA-%')
      .orderBy('households.householdNumber')
      .execute();
    expect(names.map((n) => n.name).sort()).toEqual([...hostile].sort());

    const exported = await call(ctx.app, 'GET', `/api/exports/employment.xlsx?region=${tree.siteA1.code}`, {
      cookie: official,
    });
    expect(exported.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await exported.arrayBuffer());
    const cells: ExcelJS.Cell[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const texts = cells.map((cell) => String(cell.value));
    for (const value of hostile) {
      expect(texts).toContain(`'${value}`);
      expect(texts).not.toContain(value);
    }
  });
});

describe('search filter tampering', () => {
  it('refuses raw Meilisearch parameters on every search endpoint by name, and audits the attempt', async () => {
    const attempts = [
      `/api/search/residents?q=zs&filter=${encodeURIComponent('regionIds EXISTS')}`,
      `/api/search/jobs?q=${encodeURIComponent('缝纫')}&filter=${encodeURIComponent('visible = false')}`,
      '/api/search/trainings?attributesToRetrieve=*',
      `/api/search/projects?q=x&filter=${encodeURIComponent('id > 0')}&indexUid=residents`,
    ];
    for (const path of attempts) {
      const response = await call(ctx.app, 'GET', path, { cookie: worker });
      expect(response.status, path).toBe(400);
      const problem = await response.json();
      const named = problem.errors.map((e: { path: string }) => e.path);
      for (const name of ['filter', 'attributesToRetrieve', 'indexUid'])
        if (path.includes(`${name}=`)) expect(named, path).toContain(`query.${name}`);
    }
    const denied = await ctx.db
      .selectFrom('auditLog')
      .select(['resourceId', 'outcome'])
      .where('outcome', '=', 'denied')
      .where('resourceType', '=', 'search')
      .execute();
    expect(denied.map((d) => d.resourceId).sort()).toEqual(attempts.map((a) => a.split('?')[0]).sort());
    // The same searches without the raw parameters are answered.
    expect((await call(ctx.app, 'GET', '/api/search/residents?q=zs', { cookie: worker })).status).toBe(200);
  });
});

/**
 * Streams `chunks` × `chunkSize` bytes with Transfer-Encoding: chunked to a real server, pausing
 * `pauseMs` between chunks (a slow link is still sending when the limit is passed); its answer.
 */
function sendChunked(
  port: number,
  path: string,
  chunks: number,
  chunkSize: number,
  headers: Record<string, string> = {},
  pauseMs = 0,
) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (part) => {
          body += part;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        const more = req.write(`${sent === 1 ? '{"login":"' : ''}${'x'.repeat(chunkSize)}`);
        if (pauseMs) return void setTimeout(pump, pauseMs);
        if (!more) return void req.once('drain', pump);
      }
      req.end('","password":"y"}');
    };
    pump();
  });
}

describe('hostile headers, numbers and streams', () => {
  it('answers an oversized chunked body with 413 problem+json over a real socket', async () => {
    const platform = await startTestPlatform(ctx);
    try {
      const port = Number(new URL(platform.url).port);
      const answer = await sendChunked(port, '/api/auth/login', 64, 64 * 1024, {}, 25);
      expect(answer.status).toBe(413);
      expect(answer.type).toContain('application/problem+json');
      expect(JSON.parse(answer.body).status).toBe(413);
      const roster = await sendChunked(port, '/api/imports/roster?dryRun=true', 336, 64 * 1024, {
        cookie: worker,
        'content-type': 'multipart/form-data; boundary=x',
      });
      expect(roster.status).toBe(413);
      expect(roster.type).toContain('application/problem+json');
      // The same with fetch streaming the body (what a script or a proxy does).
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          if (pulled > 64) controller.close();
          else controller.enqueue(new Uint8Array(64 * 1024).fill(0x78));
        },
      });
      const streamed = await fetch(`${platform.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(streamed.headers.get('content-type')).toContain('application/problem+json');
      // A small chunked body is still read and answered normally.
      const small = await sendChunked(port, '/api/auth/login', 2, 16);
      expect(small.status).toBe(401);
    } finally {
      await platform.stop();
    }
  });

  it('refuses a malformed Origin header on a signed-in write with 403, not 500', async () => {
    for (const origin of ['http://[::1', 'null', '::::', 'http://exa mple.com']) {
      const response = await call(ctx.app, 'POST', '/api/auth/logout', { cookie: official, headers: { origin } });
      await expectProblem(response, `origin ${origin}`);
      expect(response.status).toBe(403);
    }
  });

  it('answers out-of-range and exponent numbers in search with 400 or results, never 500', async () => {
    for (const query of ['payMin=1e21', 'payMin=1e-7', 'payMin=99999999999', 'lat=1e-7&lng=1e-7&radiusKm=5']) {
      const response = await call(ctx.app, 'GET', `/api/search/jobs?${query}`, { cookie: official });
      expect(response.status, query).toBeLessThan(500);
      if (response.status >= 400) await expectProblem(response, query);
    }
    const tooHigh = await call(ctx.app, 'GET', '/api/search/jobs?payMin=1e21', { cookie: official });
    expect((await tooHigh.json()).errors).toEqual([expect.objectContaining({ path: 'query.payMin' })]);
  });
});
