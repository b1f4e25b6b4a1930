import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../api/src/access/actor.ts';
import { createActorCache } from '../../api/src/access/actor-cache.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';

/**
 * The session → actor memory of issue 23 (`access/actor-cache.ts`): a session looked up in the
 * last 5 s is answered without a query, and any write request on this process forgets it, so a
 * logout, a disabled account or a new site takes effect at once. `Date` stands still in the route
 * tests, so "within 5 s" is never a matter of how fast the machine is.
 */
let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
});
afterAll(() => ctx.close());

const me = async (cookie: string) => {
  const response = await call(ctx.app, 'GET', '/api/auth/me', { cookie });
  return { status: response.status, body: response.status === 200 ? await response.json() : undefined };
};

describe('the actor cache alone', () => {
  const actor: Actor = {
    userId: 'u1',
    role: 'worker',
    name: '网格员',
    allRegions: false,
    regionPaths: ['/1/2/'],
    department: null,
    personId: null,
  };
  const session = { actor, expiresAt: 1_000_000, idleAt: 900_000 };

  it('answers for 5 s, never past the session expiry or idle limit', () => {
    const cache = createActorCache(5000);
    cache.remember('s', { ...session }, cache.generation(), 0);
    expect(cache.get('s', 4999)).toBe(actor);
    expect(cache.get('s', 5000)).toBeUndefined();
    cache.remember('s', { ...session, idleAt: 100 }, cache.generation(), 0);
    expect(cache.get('s', 100)).toBeUndefined();
    cache.remember('s', { ...session, expiresAt: 50 }, cache.generation(), 0);
    expect(cache.get('s', 50)).toBeUndefined();
  });

  it('forgets everything at clear, and does not keep a lookup that began before it', () => {
    const cache = createActorCache(5000);
    cache.remember('s', { ...session, actor: { ...actor } }, cache.generation(), 0);
    const startedIn = cache.generation();
    cache.clear();
    expect(cache.get('s', 1)).toBeUndefined();
    cache.remember('late', { ...session, actor: { ...actor } }, startedIn, 1);
    expect(cache.get('late', 2)).toBeUndefined();
  });

  it('shares one lookup among overlapping requests of a session, never across a clear', async () => {
    const cache = createActorCache(5000);
    let lookups = 0;
    let finish: (actor: Actor) => void = () => {};
    const lookup = () => {
      lookups++;
      return new Promise<Actor | undefined>((resolve) => {
        finish = resolve;
      });
    };
    const first = cache.once('s', lookup);
    const second = cache.once('s', lookup);
    const other = cache.once('t', () => Promise.resolve(undefined));
    expect(lookups).toBe(1);
    finish({ ...actor });
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(await other).toBeUndefined();
    // Settled: the next lookup is a new one.
    const third = cache.once('s', lookup);
    expect(lookups).toBe(2);
    // A write in between: what starts after it does not join what started before it.
    cache.clear();
    const fourth = cache.once('s', lookup);
    expect(lookups).toBe(3);
    finish({ ...actor, name: '新' });
    expect((await fourth)?.name).toBe('新');
    void third;
  });

  it('a failed lookup fails the requests that shared it, and the next one tries again', async () => {
    const cache = createActorCache(5000);
    let lookups = 0;
    const failing = () => {
      lookups++;
      return Promise.reject(new Error('pool closed'));
    };
    const results = await Promise.allSettled([cache.once('s', failing), cache.once('s', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(lookups).toBe(1);
    expect(await cache.once('s', () => Promise.resolve({ ...actor }))).toMatchObject({ userId: 'u1' });
  });

  it('hands out a frozen actor, so no request can change it for the next', () => {
    const cache = createActorCache(5000);
    cache.remember('s', { ...session, actor: { ...actor, regionPaths: ['/1/'] } }, cache.generation(), 0);
    const shared = cache.get('s', 1) as Actor;
    expect(() => shared.regionPaths.push('/2/')).toThrow(TypeError);
  });
});

describe('through the API', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a session seen a moment ago from memory, until a write request on this process', async () => {
    const user = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '旧名字' });
    const cookie = await signIn(ctx.app, user.login);
    expect((await me(cookie)).body).toMatchObject({ name: '旧名字' });
    // Changed behind the API's back: this process does not know yet.
    await ctx.db.updateTable('users').set({ name: '新名字' }).where('id', '=', user.id).execute();
    expect((await me(cookie)).body).toMatchObject({ name: '旧名字' });
    // Any write request (here a logout without a session) forgets every remembered session.
    expect((await call(ctx.app, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await me(cookie)).body).toMatchObject({ name: '新名字' });
  });

  it('logout takes effect at once', async () => {
    const user = await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
    const cookie = await signIn(ctx.app, user.login);
    expect((await me(cookie)).status).toBe(200);
    expect((await call(ctx.app, 'POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
  });

  it('a disabled account is out at once', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
    const user = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, user.login);
    expect((await me(cookie)).status).toBe(200);
    expect((await call(ctx.app, 'POST', `/api/users/${user.id}/disable`, { cookie: admin })).status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });

  it('a password set by an admin ends the session at once', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
    const user = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, user.login);
    expect((await me(cookie)).status).toBe(200);
    const changed = await call(ctx.app, 'PATCH', `/api/users/${user.id}`, {
      cookie: admin,
      body: { password: 'a-quite-new-password-2026' },
    });
    expect(changed.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });

  it('a new site for a worker counts from the next request', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
    const user = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, user.login);
    expect((await me(cookie)).body?.regionPaths).toEqual([tree.siteA1.path]);
    const moved = await call(ctx.app, 'PATCH', `/api/users/${user.id}`, {
      cookie: admin,
      body: { assignedRegionIds: [tree.siteB1.id] },
    });
    expect(moved.status).toBe(200);
    expect((await me(cookie)).body?.regionPaths).toEqual([tree.siteB1.path]);
  });
});
