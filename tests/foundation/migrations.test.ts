import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, withoutStatementTimeout } from '../../api/src/db/database.ts';
import { createMigrator, migrateDown, migrateToLatest } from '../../api/src/db/migrate.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function tableNames(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'`.execute(ctx.ownerDb);
  return rows.map((row) => row.name).sort();
}

describe('migrations', () => {
  it('are all applied to the template and report no pending one', async () => {
    const migrations = await createMigrator(ctx.ownerDb).getMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.filter((m) => !m.executedAt)).toEqual([]);
  });

  it('go all the way down and up again', async () => {
    const before = await tableNames();
    const count = (await createMigrator(ctx.ownerDb).getMigrations()).length;
    for (let step = 0; step < count; step++) await migrateDown(ctx.ownerDb);
    expect(await tableNames()).toEqual([]);
    const applied = await migrateToLatest(ctx.ownerDb);
    expect(applied.length).toBe(count);
    expect(await tableNames()).toEqual(before);
  });

  it('run without the request-sized statement timeout, which the connection gets back afterwards', async () => {
    const impatient = createDb({ url: ctx.databaseUrl, poolSize: 1, statementTimeoutMs: 200 });
    try {
      await expect(sql`select pg_sleep(0.5)`.execute(impatient)).rejects.toMatchObject({ code: '57014' });
      await withoutStatementTimeout(impatient, (connection) => sql`select pg_sleep(0.5)`.execute(connection));
      const { rows } = await sql<{ timeout: string }>`select current_setting('statement_timeout') as timeout`.execute(
        impatient,
      );
      expect(rows[0]?.timeout).toBe('200ms');
      // The newest migration down and up again through a pool whose statements may take 200 ms.
      const [newest] = await migrateDown(impatient);
      expect(await migrateToLatest(impatient)).toEqual([newest]);
    } finally {
      await impatient.destroy();
    }
  });
});
