import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

// Issue 21: an employer account sees the labour-export migrants bound for its own employer, and
// nothing of other batches; staff name the destination as a registered employer when it is one.

let ctx: TestContext;
let tree: RegionTree;
let worker: string;
let own: string;
let other: string;
let unlinked: string;
let ownEmployerId: string;
let otherEmployerId: string;

const employerAccount = async (employerId: string | null) => {
  const user = await createUser(ctx.db, { role: 'employer' });
  if (employerId) await linkEmployerAccount(ctx, user.id, employerId);
  return signIn(ctx.app, user.login);
};

async function batchWith(destinationEmployerId: string | null, name: string) {
  const created = await call(ctx.app, 'POST', '/api/labour-export/batches', {
    cookie: worker,
    body: {
      siteId: tree.siteA1.id,
      destinationEmployer: '某厂',
      destinationEmployerId,
      destinationRegion: '浙江省宁波市',
      departureDate: addDays(chinaToday(), -10),
      transport: 'chartered_bus',
      organiser: '人社局',
    },
  });
  expect(created.status).toBe(201);
  const batch = (await created.json()) as { id: string; destinationEmployerId: string | null };
  expect(batch.destinationEmployerId).toBe(destinationEmployerId);
  const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{ name }] });
  const added = await call(ctx.app, 'POST', `/api/labour-export/batches/${batch.id}/members`, {
    cookie: worker,
    body: { personId: household.personIds[0], workplace: '宁波北仑', monthlyPayYuan: 5000 },
  });
  expect(added.status).toBe(201);
}

const names = async (cookie: string) => {
  const response = await call(ctx.app, 'GET', '/api/labour-export/employer-members', { cookie });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { personName: string }[] }).items.map((item) => item.personName);
};

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  ownEmployerId = (await createEmployer(ctx, { name: '宁波甲厂' })).id;
  otherEmployerId = (await createEmployer(ctx, { name: '宁波乙厂' })).id;
  own = await employerAccount(ownEmployerId);
  other = await employerAccount(otherEmployerId);
  unlinked = await employerAccount(null);
  await batchWith(ownEmployerId, '孙甲厂');
  await batchWith(otherEmployerId, '孙乙厂');
  await batchWith(null, '孙无名');
});
afterAll(() => ctx.close());

describe('labour export seen from the employer side', () => {
  it('each employer account sees only the migrants bound for its own employer', async () => {
    expect(await names(own)).toEqual(['孙甲厂']);
    expect(await names(other)).toEqual(['孙乙厂']);
    expect(await names(unlinked)).toEqual([]);
  });

  it('an employer reads no batch lists or batches, and staff cannot use the employer view', async () => {
    expect((await call(ctx.app, 'GET', '/api/labour-export/batches', { cookie: own })).status).toBe(403);
    expect((await call(ctx.app, 'GET', '/api/labour-export/employer-members', { cookie: worker })).status).toBe(403);
  });

  it('refuses a destination employer that does not exist, naming the field', async () => {
    const response = await call(ctx.app, 'POST', '/api/labour-export/batches', {
      cookie: worker,
      body: {
        siteId: tree.siteA1.id,
        destinationEmployer: '某厂',
        destinationEmployerId: '999999999',
        destinationRegion: '浙江省宁波市',
        departureDate: chinaToday(),
        transport: 'self',
        organiser: '人社局',
      },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toMatchObject([{ path: 'json.destinationEmployerId', code: 'not-found' }]);
  });
});
