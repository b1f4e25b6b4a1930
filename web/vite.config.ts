import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { antdStyles } from './antd-styles.tsx';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes `<file>.br` and `<file>.gz` next to every text asset of the build, so the API's static
 * serving (api/src/web/static.ts) answers brotli or gzip without compressing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'anju-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = await readdir(outDir, { recursive: true });
      await Promise.all(
        files
          .filter((file) => COMPRESSIBLE.test(file))
          .map(async (file) => {
            const full = path.join(outDir, file);
            if ((await stat(full)).size < 1024) return;
            const body = await readFile(full);
            const [br, gz] = await Promise.all([
              brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
              gzipAsync(body, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${full}.br`, br), writeFile(`${full}.gz`, gz)]);
          }),
      );
    },
  };
}

/**
 * The portal's stylesheets (antd's styles, antd-styles.tsx, and the CSS of the pages in
 * the entry) must not hold back the boot screen of index.html (first contentful paint on a slow
 * phone, and the offline shell): each is preloaded instead of linked, and src/main.tsx makes them
 * stylesheets and waits for them before React renders anything (no unstyled flash).
 */
function deferStyles(): Plugin {
  return {
    name: 'anju-defer-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replaceAll(
          /<link rel="stylesheet"( crossorigin)? href="(\/assets\/[^"]+\.css)">/g,
          '<link rel="preload" as="style"$1 href="$2" data-portal-styles>',
        ),
    },
  };
}

// `pnpm dev` serves the portal with hot reload and proxies /api to the API process.
export default defineConfig({
  plugins: [react(), antdStyles(), deferStyles(), precompress()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: the API reads the login page's chunk name from it (api/src/web/static.ts).
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React and ECharts in their own long-cached chunks (a release of ours does not invalidate
        // them). antd is left to the automatic splitting: one antd group would put every component
        // any page uses into the first load; this way each page's chunk brings the components only
        // it uses. Each page is its own chunk through React.lazy in app/routes.tsx.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](?:echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
            {
              name: 'react',
              test: /node_modules[\\/](?:react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
