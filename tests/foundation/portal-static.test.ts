import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { webDistDir } from '../../api/src/web/build.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

// The portal as a cheap phone fetches it (issue 19): the global setup has built web/dist.
let ctx: TestContext;
let app: ReturnType<typeof createApp>;
let indexHtml: string;
beforeAll(async () => {
  ctx = await createTestContext();
  app = createApp(ctx.deps, { serveWeb: true });
  indexHtml = await readFile(path.join(webDistDir, 'index.html'), 'utf8');
});
afterAll(() => ctx.close());

const entryScript = () => {
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(indexHtml)?.[1];
  if (!src) throw new Error('index.html has no entry script');
  return src;
};

describe('the built portal as it is served', () => {
  it('answers hashed assets in brotli, cached for a year as immutable', async () => {
    const res = await app.request(entryScript(), { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    const plain = await readFile(path.join(webDistDir, entryScript()));
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(body).equals(plain)).toBe(true);
  });

  it('answers gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await app.request(entryScript(), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await readFile(path.join(webDistDir, entryScript()));
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(plain)).toBe(true);

    const identity = await app.request(entryScript());
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await identity.arrayBuffer()).equals(plain)).toBe(true);
  });

  it('revalidates index.html on every load, at / and at any page address', async () => {
    for (const address of ['/', '/index.html', '/registry/households/1']) {
      const res = await app.request(address, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.status, address).toBe(200);
      expect(res.headers.get('content-type'), address).toMatch(/text\/html/);
      expect(res.headers.get('cache-control'), address).toBe('no-cache');
    }
  });

  it('splits the portal: each page is its own chunk, loaded on first visit', async () => {
    const eager = [...indexHtml.matchAll(/(?:src|href)="\/assets\/([^"]+)\.js"/g)].map((m) => m[1]);
    expect(eager.some((name) => name.startsWith('react-'))).toBe(true);
    for (const page of ['accounts-page', 'household-page', 'site-dashboard-page', 'opportunity-search-page']) {
      expect(
        eager.some((name) => name.startsWith(page)),
        page,
      ).toBe(false);
    }
  });

  it('keeps English out of the entry: its strings are a chunk of their own, fetched when chosen', async () => {
    const entry = await readFile(path.join(webDistDir, entryScript()), 'utf8');
    expect(entry).toContain('易地扶贫搬迁后续扶持平台');
    expect(entry).not.toContain('Follow-up support for relocated households');
    const assets = await readdir(path.join(webDistDir, 'assets'));
    const english = assets.find((file) => /^messages\.en-.+\.js$/.test(file));
    expect(english).toBeDefined();
    expect(await readFile(path.join(webDistDir, 'assets', english ?? ''), 'utf8')).toContain(
      'Follow-up support for relocated households',
    );
  });

  it('names the login page chunk for preloading when the request has no session, and not when it has one', async () => {
    const signedOut = await app.request('/', { headers: { 'Accept-Encoding': 'br' } });
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get('vary')).toMatch(/Cookie/);
    const link = signedOut.headers.get('link') ?? '';
    const files = [...link.matchAll(/<(\/assets\/[^>]+\.js)>; rel=modulepreload/g)].map((m) => m[1] ?? '');
    expect(files[0]).toMatch(/^\/assets\/login-page-.+\.js$/);
    for (const file of files) {
      expect((await app.request(file)).status, file).toBe(200);
      // Not one the entry's own preloads in index.html already fetch.
      expect(indexHtml, file).not.toContain(`"${file}"`);
    }

    const deep = await app.request('/registry/households/1');
    expect(deep.headers.get('link')).toBe(link);

    const signedIn = await app.request('/', { headers: { Cookie: 'anju_session=some-token' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('link')).not.toContain('login-page-');
  });

  it('names the signed-in chunk (antd, the shell, the home page) for preloading when the request has a session', async () => {
    const signedIn = await app.request('/today', { headers: { Cookie: 'anju_session=some-token' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('vary')).toMatch(/Cookie/);
    const link = signedIn.headers.get('link') ?? '';
    const scripts = [...link.matchAll(/<(\/assets\/[^>]+\.js)>; rel=modulepreload; crossorigin/g)].map(
      (m) => m[1] ?? '',
    );
    const styles = [...link.matchAll(/<(\/assets\/[^>]+\.css)>; rel=preload; as=style; crossorigin/g)].map(
      (m) => m[1] ?? '',
    );
    expect(scripts[0]).toMatch(/^\/assets\/signed-in-.+\.js$/);
    // antd's stylesheet comes with it, not with index.html.
    expect(styles.length).toBeGreaterThan(0);
    for (const file of [...scripts, ...styles]) {
      expect((await app.request(file)).status, file).toBe(200);
      expect(indexHtml, file).not.toContain(`"${file}"`);
    }
    const antd = await Promise.all(scripts.map(async (file) => antdCode(await readAsset(file))));
    expect(antd.some(Boolean)).toBe(true);
  });

  it('keeps antd off the login path: the entry, what it imports and the login chunk', async () => {
    const manifest = JSON.parse(await readFile(path.join(webDistDir, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[]; isEntry?: boolean }
    >;
    const loginPath = new Set<string>();
    const visit = (key: string) => {
      if (loginPath.has(key)) return;
      loginPath.add(key);
      for (const next of manifest[key]?.imports ?? []) visit(next);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
    visit('src/features/auth/login-page.tsx');
    expect(loginPath.size).toBeGreaterThan(2);
    for (const key of loginPath) {
      const file = `/${manifest[key]?.file ?? ''}`;
      expect(antdCode(await readAsset(file)), file).toBe(false);
    }
    expect(indexHtml).not.toMatch(/antd|signed-in-/);
  });
});

const readAsset = (file: string) => readFile(path.join(webDistDir, file), 'utf8');
/** antd's components all ask its ConfigProvider context for their class prefix. */
const antdCode = (source: string) => source.includes('getPrefixCls');
