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

/** The chunk a request without a session ends on, and the one every signed-in page needs (antd, shell, home). */
const LOGIN_PAGE = 'src/features/auth/login-page.tsx';
const SIGNED_IN = 'src/app/signed-in.tsx';
const manifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    imports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
    isEntry: z.boolean().optional(),
  }),
);
type Manifest = z.infer<typeof manifestSchema>;

/** `key` and every chunk it imports statically, directly or not. */
function withImports(manifest: Manifest, keys: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (key: string) => {
    if (found.has(key)) return;
    found.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return found;
}

/** One `Link` value: the chunk of `key`, its imports and their stylesheets, less what index.html loads already. */
function preloadLink(manifest: Manifest, key: string, entry: Set<string>): string | undefined {
  if (!manifest[key]) return undefined;
  const chunks = [...withImports(manifest, [key])].filter((chunk) => !entry.has(chunk));
  const scripts = chunks.flatMap((chunk) => manifest[chunk]?.file ?? []);
  // The stylesheets Vite's loader adds (crossorigin, as its own <link>s) before the chunk runs.
  const styles = [...new Set(chunks.flatMap((chunk) => manifest[chunk]?.css ?? []))];
  return [
    ...scripts.map((file) => `</${file}>; rel=modulepreload; crossorigin`),
    ...styles.map((file) => `</${file}>; rel=preload; as=style; crossorigin`),
  ].join(', ');
}

/**
 * `Link: <…>; rel=modulepreload` values from the build's manifest (web/vite.config.ts build.manifest):
 * without a session the login page's chunk, with one the signed-in part (app/signed-in.tsx: antd,
 * the shell, the home page), each with the chunks and stylesheets it needs that the entry does not
 * (index.html preloads those already). The router asks for either only after the entry has run
 * (seconds on a slow phone); announced with index.html, the browser fetches it meanwhile.
 * Undefined without a manifest (an older build): index.html is served as before.
 */
export function preloadLinks(root: string): { signedOut?: string; signedIn?: string } | undefined {
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(root, '.vite/manifest.json'), 'utf8')));
  } catch {
    return undefined;
  }
  const entry = withImports(
    manifest,
    Object.keys(manifest).filter((key) => manifest[key]?.isEntry),
  );
  return {
    signedOut: preloadLink(manifest, LOGIN_PAGE, entry),
    signedIn: preloadLink(manifest, SIGNED_IN, entry),
  };
}

/**
 * The built portal: the precompressed `.br`/`.gz` twin that the browser accepts (written at build
 * time by web/vite.config.ts), hashed assets cached for a year, everything else (index.html at any
 * page address, favicon) revalidated on every load so a new release shows at once.
 */
export function portalStatic(root: string): { files: MiddlewareHandler; index: MiddlewareHandler } {
  const links = preloadLinks(root);
  /** index.html, at `/` (the files' own index) or at any page address. */
  const page = (serve: MiddlewareHandler): MiddlewareHandler =>
    links
      ? async (c, next) => {
          const res = await serve(c, next);
          if (res instanceof Response && res.headers.get('Content-Type')?.startsWith('text/html')) {
            // Signed out (no session cookie): this page will be the login page; signed in, the shell.
            const link = getCookie(c, SESSION_COOKIE) === undefined ? links.signedOut : links.signedIn;
            if (link) res.headers.set('Link', link);
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
