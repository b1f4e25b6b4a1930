import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, chooseEncoding, OFF_THREAD_BYTES } from '../../api/src/http/compress.ts';
import type { RunningPlatform } from '../../api/src/platform.ts';
import { ensureSeedSkills } from '../../api/src/skills/seed.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createUser, signIn, TEST_PASSWORD } from '../support/fixtures.ts';
import { startTestPlatform } from '../support/platform.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const get = (path: string, acceptEncoding?: string) =>
  ctx.app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('chooseEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('BR')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('gzip;q=0')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});

describe('compressed JSON answers', () => {
  it('sends a large answer in brotli or gzip to a client that takes it, the same JSON inside', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const json = await bytesOf(plain);
    // Large enough to be compressed off the main thread.
    expect(json.length).toBeGreaterThan(OFF_THREAD_BYTES);

    const br = await get('/api/openapi.json', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('content-type')).toMatch(/^application\/json/);
    // The security headers are those of every answer.
    expect(br.headers.get('x-content-type-options')).toBe('nosniff');
    const packed = await bytesOf(br);
    expect(packed.length).toBeLessThan(json.length / 4);
    expect(brotliDecompressSync(packed).equals(json)).toBe(true);

    const gzip = await get('/api/openapi.json', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytesOf(gzip)).equals(json)).toBe(true);
  });

  it('compresses a page of a few KB in place, for a signed-in caller', async () => {
    await ensureSeedSkills(ctx.ownerDb);
    const user = await createUser(ctx.db, { role: 'employer' });
    const cookie = await signIn(ctx.app, user.login);
    const page = (acceptEncoding?: string) =>
      ctx.app.request('/api/skills?pageSize=50', {
        headers: { cookie, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
      });
    const json = await bytesOf(await page());
    expect(json.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(json.length).toBeLessThan(OFF_THREAD_BYTES);
    const gzip = await page('gzip');
    expect(gzip.status).toBe(200);
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytesOf(gzip)).equals(json)).toBe(true);
  });

  it('leaves a small answer as it is, and keeps its cookies', async () => {
    const health = await get('/api/health', 'br');
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const user = await createUser(ctx.db, { role: 'employer' });
    const login = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br' },
      body: JSON.stringify({ login: user.login, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  });

  it('crosses a real socket with a right length, read back whole by a client', async () => {
    const platform: RunningPlatform = await startTestPlatform(ctx);
    try {
      const { headers, body } = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>(
        (resolve, reject) => {
          http
            .get(`${platform.url}/api/openapi.json`, { headers: { 'accept-encoding': 'br' } }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            })
            .on('error', reject);
        },
      );
      expect(headers['content-encoding']).toBe('br');
      if (headers['content-length'] !== undefined) expect(Number(headers['content-length'])).toBe(body.length);
      const document = JSON.parse(brotliDecompressSync(body).toString('utf8')) as { openapi: string };
      expect(document.openapi).toBe('3.1.0');
    } finally {
      await platform.stop();
    }
  });
});
