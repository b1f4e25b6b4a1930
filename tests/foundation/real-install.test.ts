import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, lstat, mkdtemp, readFile, readlink, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_NODE_ARGS } from '../../api/src/runtime/start-command.ts';

/**
 * `pnpm start` as a real install runs it: from a 0700 folder whose path has spaces and Chinese
 * characters (as root in CI, where PostgreSQL runs as the `postgres` user that cannot enter
 * it), with the CLIs used while it runs, the API process killed, and the start itself killed.
 */
const root = path.resolve(import.meta.dirname, '../..');
const runFile = promisify(execFile);
const ADMIN_PASSWORD = 'Qz7!Lantern-river-安居';

let privateDir: string;
let systemDir: string;
let dataDir: string;
let start: ChildProcess;
let startExited: Promise<unknown>;
let url: string;

/** Alive and not a zombie waiting to be reaped. */
async function running(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return status !== '' && status.slice(status.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function childrenOf(pid: number): Promise<{ pid: number; cmdline: string }[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const pids = text.split(/\s+/).filter(Boolean).map(Number);
  return Promise.all(
    pids.map(async (child) => ({
      pid: child,
      cmdline: (await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' '),
    })),
  );
}

const env = () => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'test',
  ANJU_DEMO: '0',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  ANJU_SYSTEM_DIR: systemDir,
});

/** A CLI as `pnpm <script>` runs it, on the same DATA_DIR. */
function cli(script: string, args: string[], extra: Record<string, string> = {}) {
  return runFile(process.execPath, ['--import', 'tsx', `api/src/cli/${script}.ts`, ...args], {
    cwd: root,
    env: { ...env(), ...extra },
  });
}

async function healthy(): Promise<boolean> {
  const response = await fetch(`${url}/api/health`).catch(() => undefined);
  return response?.status === 200 && (await response.json()).status === 'ok';
}

beforeAll(async () => {
  privateDir = await mkdtemp(path.join(os.tmpdir(), 'anju 安居 私有 '));
  await chmod(privateDir, 0o700);
  systemDir = await mkdtemp(path.join(os.tmpdir(), 'anju-system-'));
  await chmod(systemDir, 0o755);
  dataDir = path.join(privateDir, '数据 目录');
  start = spawn(process.execPath, [...START_NODE_ARGS], { cwd: root, env: { ...env(), PORT: '0' } });
  startExited = new Promise((resolve) => start.on('exit', resolve));
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/running at http:\/\/localhost:(\d+)/);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    start.stdout?.on('data', read);
    start.stderr?.on('data', read);
    void startExited.then(() => reject(new Error(`start exited: ${output}`)));
  });
});

afterAll(async () => {
  if (start.exitCode === null && start.signalCode === null) {
    start.kill('SIGTERM');
    await startExited;
  }
  await rm(privateDir, { recursive: true, force: true });
  await rm(systemDir, { recursive: true, force: true });
});

describe('a real install', { timeout: 180_000 }, () => {
  it('starts from a 0700 folder with spaces and Chinese characters, without loosening it', async () => {
    expect(await healthy()).toBe(true);
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    if (os.userInfo().uid === 0) {
      // The postgres user cannot enter privateDir: the cluster lives under ANJU_SYSTEM_DIR,
      // and DATA_DIR/pg records where.
      expect((await lstat(path.join(dataDir, 'pg'))).isSymbolicLink()).toBe(true);
      const cluster = await readlink(path.join(dataDir, 'pg'));
      expect(cluster.startsWith(`${systemDir}/cluster-`)).toBe(true);
      expect((await stat(cluster)).uid).not.toBe(0);
    }
  });

  it('runs migrate status, search:check and admin:create against the running install', async () => {
    const migrate = await cli('migrate', ['status']);
    expect(migrate.stdout).toMatch(/^applied {2}2026-11-29T0900_search_outbox$/m);
    expect(migrate.stdout).not.toMatch(/^pending/m);
    const check = await cli('search-check', []);
    expect(check.stdout).toMatch(/^search: no drift/m);
    const created = await cli('admin-create', ['--login', 'install-admin', '--name', '系统管理员'], {
      ANJU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    expect(created.stdout.trim()).toBe('created admin install-admin');
    // The running server sees the new account at once: it is the same database.
    const signIn = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'install-admin', password: ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
  });

  it('brings the API process back when it is killed with -9', async () => {
    const api = (await childrenOf(start.pid as number)).find((child) => child.cmdline.includes('api/src/main.ts'));
    expect(api).toBeDefined();
    process.kill(api?.pid as number, 'SIGKILL');
    await expect.poll(() => running(api?.pid as number)).toBe(false);
    await expect.poll(healthy, { timeout: 90_000, interval: 250 }).toBe(true);
    const again = (await childrenOf(start.pid as number)).find((child) => child.cmdline.includes('api/src/main.ts'));
    expect(again?.pid).not.toBe(api?.pid);
  });

  it('leaves no PostgreSQL, Meilisearch or API running when the start process is killed with -9', async () => {
    const children = await childrenOf(start.pid as number);
    expect(children.map((child) => child.cmdline).join('\n')).toMatch(
      /meilisearch[\s\S]*postgres|postgres[\s\S]*meili/,
    );
    expect(children).toHaveLength(3);
    start.kill('SIGKILL');
    await startExited;
    for (const child of children) await expect.poll(() => running(child.pid)).toBe(false);
  });
});
