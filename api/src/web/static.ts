import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

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

/**
 * The built portal: the precompressed `.br`/`.gz` twin that the browser accepts (written at build
 * time by web/vite.config.ts), hashed assets cached for a year, everything else (index.html at any
 * page address, favicon) revalidated on every load so a new release shows at once.
 */
export function portalStatic(root: string): { files: MiddlewareHandler; index: MiddlewareHandler } {
  return {
    files: cached(serveStatic({ root, precompressed: true }), (path) =>
      path.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
    ),
    index: cached(serveStatic({ root, path: 'index.html', precompressed: true }), () => 'no-cache'),
  };
}
