import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../api/src/config/config.ts';
import type { RunningServices } from '../api/src/runtime/services.ts';
import { API_NODE_ARGS } from '../api/src/runtime/start-command.ts';
import { peakRssMb } from './measure.ts';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  peakRssMb: () => Promise<number>;
  stop: () => Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * The API as its own process (so its RSS is measured alone), on the bench's services, with the
 * bench's session secret and data key, its data under `dataDir`.
 */
export async function startApiProcess(
  services: Pick<RunningServices, 'databaseUrl' | 'appDatabaseUrl' | 'meiliUrl' | 'meiliMasterKey'>,
  config: Pick<Config, 'sessionSecret' | 'dataEncryptionKey'>,
  dataDir: string,
  /** Extra Node flags before the API's own (bench/search-load.ts: `--cpu-prof`). */
  nodeFlags: string[] = [],
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [...nodeFlags, ...API_NODE_ARGS], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      ANJU_DEMO: '0',
      LOG_LEVEL: 'error',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: services.databaseUrl,
      DATABASE_APP_URL: services.appDatabaseUrl,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliMasterKey,
      SESSION_SECRET: config.sessionSecret ?? '',
      DATA_ENCRYPTION_KEY: config.dataEncryptionKey ?? '',
      DATABASE_POOL_SIZE: '20',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/running at http:\/\/localhost:(\d+)/);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`API exited (${code}): ${output}`)));
  });
  return {
    url,
    child,
    peakRssMb: () => peakRssMb(child.pid as number),
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
