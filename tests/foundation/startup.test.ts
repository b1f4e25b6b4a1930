import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { START_NODE_ARGS } from '../../api/src/runtime/start-command.ts';

const root = path.resolve(import.meta.dirname, '../..');

function runStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...START_NODE_ARGS], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** Command lines of running processes that mention `folder` (a service started on it). */
async function processesMentioning(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(folder)) found.push(cmdline.replaceAll('\0', ' '));
  }
  return found;
}

describe('start-up failures are one clear line', () => {
  it('names a bad configuration variable', async () => {
    const { code, stderr } = await runStart({ PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^anju: Invalid configuration: PORT /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await runStart({ PORT: String(port), DATABASE_URL: 'postgres://x:y@127.0.0.1:9/db' });
    blocker.close();
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`anju: port ${port} is already in use; set PORT to a free port`);
  });

  it('says so when DATABASE_URL cannot be reached', async () => {
    const { code, stderr } = await runStart({
      PORT: '0',
      DATA_DIR: path.join(root, '.data/test-bad-db'),
      DATABASE_URL: 'postgres://x:y@127.0.0.1:9/db',
      MEILI_URL: 'http://127.0.0.1:9',
      MEILI_MASTER_KEY: 'x'.repeat(16),
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^anju: cannot connect to DATABASE_URL: ECONNREFUSED/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves no process behind when start-up fails after starting a service', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-failed-start-'));
    // The embedded Meilisearch starts; the API then cannot reach DATABASE_URL.
    const { code, stderr } = await runStart({
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://x:y@127.0.0.1:9/db',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^anju: cannot connect to DATABASE_URL: ECONNREFUSED/);
    expect(await processesMentioning(dataDir)).toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it.runIf(os.userInfo().uid === 0)('as root, says what to set when the postgres user can reach nothing', async () => {
    const privateDir = await mkdtemp(path.join(os.tmpdir(), 'anju-private-'));
    await chmod(privateDir, 0o700);
    const { code, stderr } = await runStart({
      PORT: '0',
      DATA_DIR: path.join(privateDir, 'data'),
      ANJU_SYSTEM_DIR: path.join(privateDir, 'system'),
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^anju: the postgres system user cannot .*; set ANJU_SYSTEM_DIR to a folder it can reach$/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(await processesMentioning(privateDir)).toEqual([]);
    await rm(privateDir, { recursive: true, force: true });
  });
});

describe('one start command', () => {
  it('`pnpm start` is the supervising process that runs the API as the bench and tests spawn it', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.start).toBe(`node ${START_NODE_ARGS.join(' ')}`);
  });
});
