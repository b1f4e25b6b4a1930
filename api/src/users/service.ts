import type { Actor } from '../access/actor.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../access/passwords.ts';
import { coversRegion } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError, type FieldProblem } from '../http/problem.ts';
import { findLoginConflicts, findRegions } from './queries.ts';
import type { CreateUserBody, UpdateUserBody } from './schema.ts';

/**
 * Rules for accounts: which fields each role needs, which regions the creator may hand out,
 * and password strength. Routes call these before writing, inside the write's transaction.
 */

type Role = Actor['role'];
type Fields = {
  role: Role;
  name?: string;
  login?: string | null;
  phone?: string | null;
  password?: string;
  regionId?: string | null;
  assignedRegionIds?: string[];
  homeSiteId?: string | null;
};

const fail = (errors: FieldProblem[]) =>
  new AppError('validation', `Invalid ${errors.map((e) => e.path).join(', ')}`, { errors });

/** A worker creates residents only, on sites they cover; an admin creates every role. */
export function assertMayCreate(actor: Actor, body: CreateUserBody): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'worker' && body.role === 'resident') return;
  throw new AppError('forbidden', `The ${actor.role} role may not create ${body.role} accounts`);
}

/** Field checks that need the role and the database: region kinds, scope, uniqueness, password. */
export async function checkAccountFields(
  db: Db,
  actor: Actor,
  fields: Fields,
  options: {
    userId?: string;
    /** The account before an update (absent when creating). */
    existing?: {
      name: string;
      login: string | null;
      phone: string | null;
      regionId: string | null;
      homeSiteId: string | null;
      assignedRegionIds: string[];
    };
  },
): Promise<void> {
  const errors: FieldProblem[] = [];
  const { role } = fields;
  const at = (field: string) => `json.${field}`;

  // Required fields are checked on the account as it will be after the change.
  const existing = options.existing;
  const final = <K extends 'login' | 'phone' | 'regionId' | 'homeSiteId'>(key: K) =>
    fields[key] !== undefined ? fields[key] : (existing?.[key] ?? null);
  const finalSites = fields.assignedRegionIds ?? existing?.assignedRegionIds ?? [];
  if (!final('login') && !final('phone')) {
    errors.push({
      path: at(fields.login === null ? 'login' : 'phone'),
      message: 'a login or a phone number is required',
      code: 'required',
    });
  }
  if (role === 'official' && !final('regionId')) {
    errors.push({ path: at('regionId'), message: 'an official needs a region', code: 'required' });
  }
  if ((role === 'worker' || role === 'helper') && finalSites.length === 0) {
    errors.push({ path: at('assignedRegionIds'), message: `a ${role} needs at least one site`, code: 'required' });
  }
  if (role === 'resident' && !final('homeSiteId')) {
    errors.push({ path: at('homeSiteId'), message: 'a resident needs their resettlement site', code: 'required' });
  }
  if (fields.regionId && role !== 'official' && role !== 'admin') {
    errors.push({ path: at('regionId'), message: 'only officials and admins have a region', code: 'not-allowed' });
  }
  if (fields.assignedRegionIds?.length && role !== 'worker' && role !== 'helper') {
    errors.push({
      path: at('assignedRegionIds'),
      message: 'only workers and helpers have assigned sites',
      code: 'not-allowed',
    });
  }
  if (fields.homeSiteId && role !== 'resident') {
    errors.push({ path: at('homeSiteId'), message: 'only residents have a home site', code: 'not-allowed' });
  }

  const wanted = [fields.regionId, fields.homeSiteId, ...(fields.assignedRegionIds ?? [])].filter((id): id is string =>
    Boolean(id),
  );
  const outside: FieldProblem[] = [];
  const regions = new Map((await findRegions(db, wanted)).map((region) => [region.id, region]));
  const checkRegion = (id: string | null | undefined, path: string, mustBeSite = false) => {
    if (!id) return;
    const region = regions.get(id);
    if (!region) errors.push({ path, message: 'no such region', code: 'not-found' });
    else if (mustBeSite && region.level !== 'site')
      errors.push({ path, message: 'must be a resettlement site', code: 'not-allowed' });
    else if (!coversRegion(actor, region.path))
      outside.push({ path, message: 'outside your regions', code: 'outside-scope' });
  };
  checkRegion(fields.regionId, at('regionId'));
  checkRegion(fields.homeSiteId, at('homeSiteId'), true);
  for (const [index, id] of (fields.assignedRegionIds ?? []).entries()) {
    checkRegion(id, `${at('assignedRegionIds')}.${index}`);
  }

  if (fields.password !== undefined) {
    const personal = [fields.name ?? existing?.name, final('login'), final('phone')];
    const problem = passwordProblem(fields.password, personal);
    if (problem) errors.push({ path: at('password'), ...problem, params: { min: MIN_PASSWORD_LENGTH } });
  }
  if (errors.length) throw fail(errors);
  // Handing out a region one does not cover is a refused authorisation (403, audited), not a typo.
  if (outside.length) throw new AppError('forbidden', 'The region is outside your regions', { errors: outside });

  const conflicts = await findLoginConflicts(db, { login: fields.login, phone: fields.phone }, options.userId);
  const taken: FieldProblem[] = [];
  if (fields.login && conflicts.some((row) => row.login === fields.login))
    taken.push({ path: at('login'), message: 'is already taken', code: 'taken' });
  if (fields.phone && conflicts.some((row) => row.phone === fields.phone))
    taken.push({ path: at('phone'), message: 'already has an account', code: 'taken' });
  if (taken.length) throw new AppError('conflict', 'The login or phone number is taken', { errors: taken });
}

/** A worker may change a resident's name, phone and site; everything else is for admins. */
export function assertMayUpdate(actor: Actor, body: UpdateUserBody): void {
  if (actor.role === 'admin') return;
  const allowed = new Set(['name', 'phone', 'homeSiteId']);
  const refused = Object.keys(body).filter((key) => !allowed.has(key));
  if (refused.length) throw new AppError('forbidden', `Only an admin may change ${refused.join(', ')}`);
}

/** Names of the fields a change touched, for the audit log (never their values). */
export const changedFields = (body: Record<string, unknown>) =>
  Object.keys(body).filter((key) => body[key] !== undefined);
