import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, signIn } from '../support/fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Runs `pnpm admin:create` (its script) against this test's database and search. */
async function adminCreate(args: string[], password: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'anju-cli-'));
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/cli/admin-create.ts', ...args], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
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

describe('pnpm admin:create', () => {
  it('refuses a weak password and creates the first admin with a strong one, in a region', async () => {
    const tree = await createRegionTree(ctx.db);
    const weak = await adminCreate(['--login', 'first-admin', '--name', '管理员'], 'password123');
    expect(weak.code).toBe(2);
    expect(weak.output).toMatch(/too common/);
    const made = await adminCreate(
      ['--login', 'first-admin', '--name', '管理员', '--region', tree.city.code],
      'quiet-harbour-lamp',
    );
    expect(made.output).toContain('created admin first-admin');
    expect(made.code).toBe(0);
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('login', '=', 'first-admin')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'admin', regionId: tree.city.id });
    expect(await signIn(ctx.app, 'first-admin', 'quiet-harbour-lamp')).toMatch(/^anju_session=/);
  }, 180_000); // two child processes, each with its own start-up: slow on a busy machine
});
