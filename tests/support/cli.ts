import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { TestContext } from './context.ts';

/** Runs `pnpm admin:create` (its script) as a production install would, against this test's database and search. */
export async function runAdminCreate(ctx: TestContext, args: string[], password: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-cli-'));
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/cli/admin-create.ts', ...args], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ANJU_DEMO: '0',
        SESSION_SECRET: 'cli-test-session-secret-0123456789-abcdef',
        DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        DATA_DIR: dataDir,
        DATABASE_URL: ctx.databaseUrl,
        MEILI_URL: inject('meiliUrl'),
        MEILI_MASTER_KEY: inject('meiliMasterKey'),
        MEILI_INDEX_PREFIX: ctx.deps.config.meiliIndexPrefix,
        ANJU_ADMIN_PASSWORD: password,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
