import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { API_NODE_ARGS } from '../../api/src/runtime/start-command.ts';
import type { TestContext } from './context.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface AnjuProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** The real start command (`node ${API_NODE_ARGS}`, as `pnpm start`) as a child process on the test stack. */
export async function spawnAnju(ctx: TestContext, env: Record<string, string> = {}): Promise<AnjuProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-proc-'));
  const child = spawn(process.execPath, [...API_NODE_ARGS], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      ANJU_DEMO: '0',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: ctx.databaseUrl,
      DATABASE_APP_URL: ctx.appDatabaseUrl,
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliMasterKey'),
      MEILI_INDEX_PREFIX: ctx.deps.config.meiliIndexPrefix,
      SESSION_SECRET: ctx.deps.config.sessionSecret ?? '',
      DATA_ENCRYPTION_KEY: ctx.deps.config.dataEncryptionKey ?? '',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Anju did not start: ${output}`)), 60_000);
    const check = () => {
      const match = output.match(/running at http:\/\/localhost:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => reject(new Error(`Anju exited during start: ${output}`)));
  });
  return { child, url, exited, output: () => output };
}
