import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCreate } from '../support/cli.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, signIn } from '../support/fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const adminCreate = (args: string[], password: string) => runAdminCreate(ctx, args, password);

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
