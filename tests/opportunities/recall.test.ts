import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';
import { recallJobs, recallQueries } from './recall-set.ts';

let ctx: TestContext;
let residentCookie: string;
const idOfKey = new Map<string, string>();
const keyOfId = new Map<string, string>();

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  const employer = await createEmployer(ctx, { verified: true, name: '安居示范就业服务站' });
  const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  for (const posting of recallJobs) {
    const response = await call(ctx.app, 'POST', '/api/jobs', {
      cookie: admin,
      body: jobBody({
        employerId: employer.id,
        title: posting.title,
        description: posting.description,
        requiredSkills: posting.skills.map((code) => ({ code, minLevel: 1 })),
        address: posting.address ?? null,
        destination: posting.destination ?? null,
        employmentType: posting.destination ? 'labour_export' : 'full_time',
      }),
    });
    if (response.status !== 201) throw new Error(`${posting.key}: ${await response.text()}`);
    const { id } = await response.json();
    idOfKey.set(posting.key, id);
    keyOfId.set(id, posting.key);
  }
  await drain(ctx);
  residentCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
});
afterAll(() => ctx.close());

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('Chinese recall', { timeout: 120_000 }, () => {
  it('has at least 40 queries', () => {
    expect(recallQueries.length).toBeGreaterThanOrEqual(40);
  });

  it('finds the expected postings for every query', async () => {
    const misses: string[] = [];
    for (const [query, expected, what] of recallQueries) {
      const response = await call(ctx.app, 'GET', `/api/search/jobs?q=${encodeURIComponent(query)}&pageSize=50`, {
        cookie: residentCookie,
      });
      expect(response.status).toBe(200);
      const found = new Set(((await response.json()).hits as { id: string }[]).map((hit) => keyOfId.get(hit.id)));
      const missing = expected.filter((key) => !found.has(key));
      if (missing.length)
        misses.push(`${query} (${what}) missed ${missing.join(', ')}; found ${[...found].join(', ')}`);
    }
    expect(misses).toEqual([]);
  });
});
