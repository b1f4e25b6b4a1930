import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/src/config/logger.ts';
import {
  type EmbeddedMeilisearch,
  MAX_INDEXING_MEMORY,
  startEmbeddedMeilisearch,
} from '../../api/src/runtime/embedded-meilisearch.ts';

// Issue 23, write → searchable: with Meilisearch's default indexing memory (two thirds of the RAM)
// a one-posting task spent most of its time outside every indexing step (4.5× Meilisearch's CPU per
// posting at city scale, bench/results/write-searchable.md). How long a task takes is the bench's
// to measure; this holds what the embedded Meilisearch is started with, and that it indexes so.
const masterKey = 'indexing-memory-test-key-1';
let meili: EmbeddedMeilisearch | undefined;
let dataDir: string | undefined;
const setBefore = process.env.MEILI_MAX_INDEXING_MEMORY;

afterEach(async () => {
  await meili?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  meili = undefined;
  dataDir = undefined;
  if (setBefore === undefined) delete process.env.MEILI_MAX_INDEXING_MEMORY;
  else process.env.MEILI_MAX_INDEXING_MEMORY = setBefore;
});

async function start(): Promise<{ args: string[]; meili: EmbeddedMeilisearch }> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-indexing-memory-'));
  await chmod(dataDir, 0o755);
  meili = await startEmbeddedMeilisearch({ dataDir, masterKey, logger: createLogger('silent') });
  const cmdline = await readFile(`/proc/${meili.process.pid}/cmdline`, 'utf8');
  return { args: cmdline.split('\0'), meili };
}

const flagValue = (args: string[]) => {
  const at = args.indexOf('--max-indexing-memory');
  return at >= 0 ? args[at + 1] : undefined;
};

describe('the embedded Meilisearch indexes within a bounded memory', { timeout: 120_000 }, () => {
  it('is started with --max-indexing-memory and indexes a document with it', async () => {
    delete process.env.MEILI_MAX_INDEXING_MEMORY;
    const started = await start();
    expect(flagValue(started.args)).toBe(MAX_INDEXING_MEMORY);
    // Meilisearch took the value (it refuses to start on one it cannot read) and indexes with it.
    const headers = { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' };
    const enqueued = await fetch(`${started.meili.url}/indexes/probe/documents?primaryKey=id`, {
      method: 'POST',
      headers,
      body: JSON.stringify([{ id: 1, title: '内存上限测试岗位' }]),
    }).then((r) => r.json());
    let task: { status: string } = { status: 'enqueued' };
    for (let i = 0; i < 600 && (task.status === 'enqueued' || task.status === 'processing'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      task = await fetch(`${started.meili.url}/tasks/${enqueued.taskUid}`, { headers }).then((r) => r.json());
    }
    expect(task.status).toBe('succeeded');
  });

  it("leaves the bound to MEILI_MAX_INDEXING_MEMORY when it is set (Meilisearch's own variable)", async () => {
    process.env.MEILI_MAX_INDEXING_MEMORY = '1GiB';
    const started = await start();
    expect(flagValue(started.args)).toBeUndefined();
    expect((await fetch(`${started.meili.url}/health`)).ok).toBe(true);
  });
});
