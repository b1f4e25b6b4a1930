import { randomBytes } from 'node:crypto';
import type { Role } from '@anju/domain/enums';
import { hashPassword } from '../../api/src/access/passwords.ts';
import type { Db } from '../../api/src/db/database.ts';
import { insertRegion } from '../../api/src/regions/queries.ts';

type App = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

export interface RegionTree {
  city: { id: string; path: string; code: string };
  countyA: { id: string; path: string; code: string };
  countyB: { id: string; path: string; code: string };
  siteA1: { id: string; path: string; code: string };
  siteA2: { id: string; path: string; code: string };
  siteB1: { id: string; path: string; code: string };
}

/** A small city: two counties, three sites (A1 and A2 in county A, B1 in county B). */
export async function createRegionTree(db: Db): Promise<RegionTree> {
  const p = String(Math.floor(Math.random() * 9000) + 1000);
  const make = async (
    code: string,
    name: string,
    level: 'city' | 'county' | 'township' | 'site',
    parentCode?: string,
  ) => ({
    ...(await insertRegion(db, { code, name, level, parentCode })),
    code,
  });
  const city = await make(`${p}00`, '测试市', 'city');
  const countyA = await make(`${p}01`, '甲县', 'county', city.code);
  const countyB = await make(`${p}02`, '乙县', 'county', city.code);
  const townA = await make(`${p}01001`, '甲镇', 'township', countyA.code);
  const townB = await make(`${p}02001`, '乙镇', 'township', countyB.code);
  const siteA1 = await make(`${p}01001001`, '甲一安置点', 'site', townA.code);
  const siteA2 = await make(`${p}01001002`, '甲二安置点', 'site', townA.code);
  const siteB1 = await make(`${p}02001001`, '乙一安置点', 'site', townB.code);
  return { city, countyA, countyB, siteA1, siteA2, siteB1 };
}

/**
 * Records a site's facts (安置点: map position, and optionally address and capacity); matching
 * measures commutes from the position and residents' searches start near it.
 */
export async function placeSite(
  db: Db,
  siteId: string,
  lat: number,
  lng: number,
  facts: { address?: string | null; capacityHouseholds?: number | null } = {},
) {
  const { address = null, capacityHouseholds = null } = facts;
  await db
    .insertInto('sites')
    .values({ regionId: siteId, kind: 'concentrated', setting: 'urban', address, lat, lng, capacityHouseholds })
    .onConflict((oc) => oc.column('regionId').doUpdateSet({ lat, lng, address, capacityHouseholds }))
    .execute();
}

export interface TestUser {
  id: string;
  login: string;
  password: string;
}

export async function createUser(
  db: Db,
  options: {
    role: Role;
    regionId?: string;
    assignedRegionIds?: string[];
    /** A resident's resettlement site (安置点). */
    homeSiteId?: string;
    phone?: string;
    name?: string;
    status?: 'active' | 'disabled';
  },
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const login = `${options.role}-${unique()}`;
  const user = await db
    .insertInto('users')
    .values({
      login,
      phone: options.phone ?? null,
      name: options.name ?? `测试${options.role}`,
      role: options.role,
      passwordHash: await passwordHash,
      status: options.status ?? 'active',
      regionId: options.regionId ?? null,
      homeSiteId: options.homeSiteId ?? null,
      department: null,
      setupCodeHash: null,
      setupCodeExpiresAt: null,
      createdBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const regionId of options.assignedRegionIds ?? []) {
    await db.insertInto('userRegions').values({ userId: user.id, regionId }).execute();
  }
  return { id: user.id, login, password: TEST_PASSWORD };
}

/** Signs in through the real endpoint and returns the Cookie header to send afterwards. */
export async function signIn(app: App, login: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** A JSON request with an optional session cookie. */
export function call(
  app: App,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
}
