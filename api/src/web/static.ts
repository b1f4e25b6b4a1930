import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE } from '../access/sessions.ts';

/** Vite names every file under assets/ by its content hash: a new build means new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves the file, then marks how long it may be cached (a missing file falls through to `next`). */
function cached(serve: MiddlewareHandler, cacheControl: (path: string) => string): MiddlewareHandler {
  return async (c, next) => {
    const res = await serve(c, next);
    if (res instanceof Response) {
      res.headers.set('Cache-Control', cacheControl(c.req.path));
      res.headers.set('Vary', 'Accept-Encoding');
    }
    return res;
  };
}

const LOGIN_PAGE = 'src/features/auth/login-page.tsx';
const manifestSchema = z.record(
  z.string(),
  z.object({ file: z.string(), imports: z.array(z.string()).optional(), isEntry: z.boolean().optional() }),
);

/**
 * `Link: <…>; rel=modulepreload` for the login page's chunk and the chunks it imports that the entry
 * does not (those index.html preloads already), from the build's manifest (web/vite.config.ts
 * build.manifest). The router asks for that chunk only after the entry has run (seconds on a slow
 * phone); a request without a session ends on the login page, so the browser fetches it meanwhile.
 * Undefined without a manifest (an older build): index.html is served as before.
 */
export function loginPreloadLink(root: string): string | undefined {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(root, '.vite/manifest.json'), 'utf8')));
  } catch {
    return undefined;
  }
  const login = manifest[LOGIN_PAGE];
  if (!login) return undefined;
  // Every chunk the entry imports, directly or not: index.html preloads those already.
  const entryImports = new Set<string>();
  const visit = (key: string) => {
    if (entryImports.has(key)) return;
    entryImports.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [
    login.file,
    ...(login.imports ?? []).filter((key) => !entryImports.has(key)).map((key) => manifest[key]?.file),
  ];
  return files
    .filter((file): file is string => file !== undefined)
    .map((file) => `</${file}>; rel=modulepreload; crossorigin`)
    .join(', ');
}

/**
 * The built portal: the precompressed `.br`/`.gz` twin that the browser accepts (written at build
 * time by web/vite.config.ts), hashed assets cached for a year, everything else (index.html at any
 * page address, favicon) revalidated on every load so a new release shows at once.
 */
export function portalStatic(root: string): { files: MiddlewareHandler; index: MiddlewareHandler } {
  const loginLink = loginPreloadLink(root);
  /** index.html, at `/` (the files' own index) or at any page address. */
  const page = (serve: MiddlewareHandler): MiddlewareHandler =>
    loginLink
      ? async (c, next) => {
          const res = await serve(c, next);
          if (res instanceof Response && res.headers.get('Content-Type')?.startsWith('text/html')) {
            // Signed out (no session cookie): this page will be the login page.
            if (getCookie(c, SESSION_COOKIE) === undefined) res.headers.set('Link', loginLink);
            res.headers.set('Vary', 'Accept-Encoding, Cookie');
          }
          return res;
        }
      : serve;
  return {
    files: page(
      cached(serveStatic({ root, precompressed: true }), (file) =>
        file.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      ),
    ),
    index: page(cached(serveStatic({ root, path: 'index.html', precompressed: true }), () => 'no-cache')),
  };
}
