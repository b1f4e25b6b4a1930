import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../config/logger.ts';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');
export const webDistDir = path.join(webDir, 'dist');
const stampFile = path.join(webDistDir, '.source-hash');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat().sort();
}

/**
 * The portal is always built for production: Vite replaces `process.env.NODE_ENV` in the bundle with
 * the builder's own NODE_ENV, and under the test runner or the bench (NODE_ENV=test) that gave
 * React's and antd's development builds (a 560 KB React chunk, dev-only checks at every render):
 * the login form took 19 s on the throttled phone.
 */
const BUILD_ENV = { NODE_ENV: 'production' } as const;

/** A hash over everything the portal build reads, so `start` rebuilds only after a change. */
export async function webSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  // A build made another way (before BUILD_ENV) is not fresh.
  hash.update(JSON.stringify(BUILD_ENV));
  const files = [
    ...(await listFiles(path.join(webDir, 'src'))),
    ...(await listFiles(path.join(webDir, 'public'))),
    path.join(webDir, 'index.html'),
    path.join(webDir, 'vite.config.ts'),
    path.join(webDir, 'antd-styles.tsx'),
    path.join(webDir, 'package.json'),
  ];
  for (const file of files) {
    hash.update(path.relative(webDir, file));
    hash.update(await readFile(file).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}

export async function ensureWebBuilt(logger: Logger): Promise<'built' | 'fresh'> {
  const wanted = await webSourceHash();
  const current = await readFile(stampFile, 'utf8').catch(() => '');
  if (current === wanted) return 'fresh';
  logger.info('building the portal (web/) because its sources changed');
  const require = createRequire(path.join(webDir, 'package.json'));
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
      cwd: webDir,
      env: { ...process.env, ...BUILD_ENV },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code})`))));
  });
  await writeFile(stampFile, wanted);
  return 'built';
}
