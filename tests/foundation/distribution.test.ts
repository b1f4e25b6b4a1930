import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('ready to distribute by county', () => {
  it('gives every household-scoped table the county_code a distributed database would shard by', async () => {
    const { rows } = await sql<{ table: string; hasCounty: boolean }>`
      select c.table_name as table,
             bool_or(c2.column_name is not null) as "hasCounty"
      from information_schema.columns c
      left join information_schema.columns c2
        on c2.table_name = c.table_name and c2.table_schema = c.table_schema and c2.column_name = 'county_code'
      where c.table_schema = 'public' and c.column_name in ('household_id', 'person_id')
        and c.table_name <> 'users'
      group by c.table_name`.execute(ctx.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => !row.hasCounty).map((row) => row.table)).toEqual([]);
  });
});
