import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/src/config/logger.ts';
import { type EmbeddedMeilisearch, startEmbeddedMeilisearch } from '../../api/src/runtime/embedded-meilisearch.ts';
import { isAlive, sleep } from '../../api/src/runtime/processes.ts';

let dataDir: string;
let meili: EmbeddedMeilisearch;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-supervise-'));
  await chmod(dataDir, 0o755);
  meili = await startEmbeddedMeilisearch({
    dataDir,
    masterKey: 'supervisor-test-key-123',
    logger: createLogger('silent'),
  });
});
afterAll(async () => {
  await meili.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded services are supervised', () => {
  it('restarts a Meilisearch that was killed with -9, on the same port', async () => {
    const firstPid = meili.process.pid as number;
    process.kill(firstPid, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    let healthy = false;
    while (Date.now() < deadline && !healthy) {
      await sleep(100);
      healthy =
        meili.process.pid !== firstPid &&
        (await fetch(`${meili.url}/health`).then(
          (r) => r.ok,
          () => false,
        ));
    }
    expect(healthy).toBe(true);
    expect(meili.process.restartCount).toBeGreaterThanOrEqual(1);
    expect(isAlive(firstPid)).toBe(false);
  });

  it('stops a Meilisearch left behind by a killed Anju before starting a new one', async () => {
    const orphanPid = meili.process.pid as number;
    // Start a second supervisor on the same folder, as a restarted Anju would.
    const again = await startEmbeddedMeilisearch({
      dataDir,
      masterKey: 'supervisor-test-key-123',
      logger: createLogger('silent'),
    });
    expect(isAlive(orphanPid)).toBe(false);
    expect((await fetch(`${again.url}/health`)).ok).toBe(true);
    await again.stop();
  });
});
