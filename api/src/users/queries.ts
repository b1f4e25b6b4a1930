import type { Actor } from '../access/actor.ts';
import { maskPhone } from '../access/masking.ts';
import { householdVisible, regionScope, staffInScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, paged } from '../http/paging.ts';

/** Accounts the actor may manage: an admin all of them, a worker the residents of their sites. */
function managedUsers(db: Db, actor: Actor) {
  let query = db
    .selectFrom('users')
    .leftJoin('regions as region', 'region.id', 'users.regionId')
    .leftJoin('regions as homeSite', 'homeSite.id', 'users.homeSiteId')
    .leftJoin('persons as person', 'person.id', 'users.personId');
  if (actor.role !== 'admin') {
    query = query.where('users.role', '=', 'resident').where(regionScope<any, any>(actor, 'homeSite.path'));
  }
  return query.select([
    'users.id',
    'users.login',
    'users.phone',
    'users.name',
    'users.role',
    'users.status',
    'users.regionId',
    'region.name as regionName',
    'users.homeSiteId',
    'homeSite.name as homeSiteName',
    'users.department',
    'users.personId',
    'person.name as personName',
    'users.passwordHash',
    'users.setupCodeExpiresAt',
    'users.createdAt',
  ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof managedUsers>['executeTakeFirstOrThrow']>>;

/** The one place an account row becomes its API shape; the phone is masked unless revealed. */
function toUser(row: UserRow, assignedRegionIds: string[], revealPhone = false) {
  return {
    id: row.id,
    login: row.login,
    phone: revealPhone ? row.phone : maskPhone(row.phone),
    name: row.name,
    role: row.role,
    status: row.status,
    regionId: row.regionId,
    regionName: row.regionName,
    homeSiteId: row.homeSiteId,
    homeSiteName: row.homeSiteName,
    assignedRegionIds,
    department: row.department,
    /** A resident's person in the registry (住户 ↔ 家庭成员), linked by a worker. */
    personId: row.personId,
    personName: row.personName,
    hasPassword: row.passwordHash !== null,
    setupCodePending: row.setupCodeExpiresAt !== null && row.setupCodeExpiresAt.getTime() > Date.now(),
    createdAt: row.createdAt.toISOString(),
  };
}

async function assignedRegionsOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('userRegions')
    .select(['userId', 'regionId'])
    .where('userId', 'in', userIds)
    .orderBy('regionId')
    .execute();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.regionId]);
  return byUser;
}

export interface UserFilters {
  page: number;
  pageSize: number;
  role?: Actor['role'];
  status?: 'active' | 'disabled';
  q?: string;
}

export async function listUsers(db: Db, actor: Actor, filters: UserFilters) {
  let query = managedUsers(db, actor);
  if (filters.role) query = query.where('users.role', '=', filters.role);
  if (filters.status) query = query.where('users.status', '=', filters.status);
  if (filters.q) {
    const like = `%${filters.q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('users.name', 'ilike', like), eb('users.login', 'ilike', like)]));
  }
  const page = await paged(query, (filtered) => filtered.orderBy('users.id', 'desc'), filters);
  const assigned = await assignedRegionsOf(
    db,
    page.items.map((row) => row.id),
  );
  return mapPage(page, (row) => toUser(row, assigned.get(row.id) ?? []));
}

/** One account the actor may manage, or undefined (the caller answers 404 either way). */
export async function findManagedUser(db: Db, actor: Actor, userId: string, revealPhone = false) {
  const row = await managedUsers(db, actor).where('users.id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const assigned = await assignedRegionsOf(db, [row.id]);
  return toUser(row, assigned.get(row.id) ?? [], revealPhone);
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}

export function findRegions(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('regions').select(['id', 'path', 'level']).where('id', 'in', ids).execute();
}

export async function replaceAssignedRegions(db: Db, userId: string, regionIds: string[]): Promise<void> {
  await db.deleteFrom('userRegions').where('userId', '=', userId).execute();
  if (regionIds.length === 0) return;
  await db
    .insertInto('userRegions')
    .values([...new Set(regionIds)].map((regionId) => ({ userId, regionId })))
    .execute();
}

export async function findLoginConflicts(
  db: Db,
  candidate: { login?: string | null; phone?: string | null },
  exceptUserId?: string,
) {
  const checks = [candidate.login, candidate.phone].filter((value): value is string => Boolean(value));
  if (checks.length === 0) return [];
  let query = db
    .selectFrom('users')
    .select(['login', 'phone'])
    .where((eb) =>
      eb.or([
        ...(candidate.login ? [eb('login', '=', candidate.login)] : []),
        ...(candidate.phone ? [eb('phone', '=', candidate.phone)] : []),
      ]),
    );
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  return query.execute();
}

/** Regions the actor may hand out when creating accounts: an admin all, a worker their own. */
export function assignableRegions(db: Db, actor: Actor) {
  return db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'path'])
    .where(regionScope<any, any>(actor, 'regions.path'))
    .where('retiredAt', 'is', null)
    .orderBy('path')
    .limit(2000)
    .execute();
}

/** Active workers or helpers whose sites overlap the actor's, by name (pairing and hand-over forms). */
export async function listStaff(db: Db, actor: Actor, role: 'worker' | 'helper') {
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where('users.role', '=', role)
    .where('users.status', '=', 'active')
    .where(staffInScope(actor))
    .orderBy('users.name')
    .limit(1000)
    .execute();
  return rows.map((row) => ({ ...row, role }));
}

/** Whether the person exists in a household the actor sees. */
export async function visiblePersonExists(db: Db, actor: Actor, personId: string) {
  const person = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select('persons.id')
    .where('persons.id', '=', personId)
    .where(householdVisible(actor))
    .executeTakeFirst();
  return Boolean(person);
}

/** Whether another account than `userId` is linked to the person. */
export async function personHasOtherAccount(db: Db, personId: string, userId: string) {
  const holder = await db
    .selectFrom('users')
    .select('id')
    .where('personId', '=', personId)
    .where('id', '!=', userId)
    .executeTakeFirst();
  return Boolean(holder);
}
