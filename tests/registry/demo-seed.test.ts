import { checkIdNumber } from '@anju/domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRegistry } from '../../api/src/registry/demo-seed.ts';
import { decryptField } from '../../api/src/registry/id-number.ts';
import { seedDemoAccess } from '../../api/src/seed/access-demo.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, signIn } from '../support/fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoAccess(ctx.deps);
  await seedDemoRegistry(ctx.deps);
  await seedDemoRegistry(ctx.deps); // a second run finds households and adds nothing
});
afterAll(() => ctx.close());

describe('demo registry', () => {
  it('seeds 40 households with valid fictional 5299xx ID numbers', async () => {
    const households = await ctx.db.selectFrom('households').select('id').execute();
    expect(households).toHaveLength(40);
    const persons = await ctx.db.selectFrom('persons').select(['idNumberEncrypted', 'birthDate', 'sex']).execute();
    for (const person of persons) {
      const check = checkIdNumber(decryptField(ctx.deps.config.dataEncryptionKey, person.idNumberEncrypted as string));
      expect(check).toMatchObject({ valid: true, birthDate: person.birthDate, sex: person.sex });
      if (check.valid) expect(check.idNumber.startsWith('5299')).toBe(true);
    }
    expect(await ctx.db.selectFrom('sites').select('regionId').execute()).toHaveLength(3);
  });

  it('links demo-resident to a person and gives demo-helper and demo-worker their households', async () => {
    const resident = await signIn(ctx.app, '13800000001', 'anju-demo-2026');
    const own = await (await call(ctx.app, 'GET', '/api/households', { cookie: resident })).json();
    expect(own.total).toBe(1);
    expect(own.items[0].headName).toBe('张三');
    const helper = await signIn(ctx.app, 'demo-helper', 'anju-demo-2026');
    expect((await (await call(ctx.app, 'GET', '/api/households', { cookie: helper })).json()).total).toBeGreaterThan(0);
    const worker = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'demo-worker')
      .executeTakeFirstOrThrow();
    const responsible = await ctx.db
      .selectFrom('households')
      .select('id')
      .where('responsibleWorkerId', '=', worker.id)
      .execute();
    expect(responsible.length).toBeGreaterThan(10);
  });
});
