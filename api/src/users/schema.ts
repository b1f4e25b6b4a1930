import { roles } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';
import { pageOf, pageQuery } from '../http/paging.ts';

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const login = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{2,49}$/, 'must start with a letter: 3–50 letters, digits, . _ -')
  .openapi({ example: 'wang-wei' });
// Mainland mobile numbers (手机号): 11 digits starting with 1.
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'must be an 11-digit mobile number')
  .openapi({ example: '13800000000' });
const name = z.string().trim().min(1).max(50);
const department = z.string().trim().min(1).max(50).openapi({ description: '乡村振兴, 人社, 民政, 农业 …' });

export const userIdParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' }, example: '42' }) });

export const userSchema = z
  .object({
    id: z.string(),
    login: z.string().nullable(),
    /** Masked (`138****5678`) unless `?reveal=phone` was asked for and allowed. */
    phone: z.string().nullable(),
    name: z.string(),
    role: z.enum(roles),
    status: z.enum(['active', 'disabled']),
    regionId: z.string().nullable(),
    regionName: z.string().nullable(),
    homeSiteId: z.string().nullable(),
    homeSiteName: z.string().nullable(),
    assignedRegionIds: z.array(z.string()),
    department: z.string().nullable(),
    personId: z.string().nullable(),
    personName: z.string().nullable(),
    hasPassword: z.boolean(),
    setupCodePending: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

export const userListSchema = pageOf(userSchema, 'UserList');

export const userListQuery = z.object({
  ...pageQuery,
  role: z.enum(roles).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  q: z.string().trim().max(50).optional().openapi({ description: 'Part of the name or login' }),
});

export const userReadQuery = z.object({
  reveal: z.enum(['phone']).optional().openapi({ description: 'Show the phone number unmasked (audited)' }),
});

export const createUserBody = z
  .object({
    role: z.enum(roles),
    name,
    login: login.optional(),
    phone: phone.optional(),
    /** Optional: without one, the account is activated with a one-time setup code. */
    password: z.string().min(1).max(200).optional(),
    /** An official's or admin's region. */
    regionId: id.optional(),
    /** A worker's or helper's sites (or larger regions). */
    assignedRegionIds: z.array(id).max(200).optional(),
    /** A resident's resettlement site (安置点). */
    homeSiteId: id.optional(),
    department: department.optional(),
  })
  .openapi('CreateUser');

export const updateUserBody = z
  .object({
    name: name.optional(),
    login: login.nullable().optional(),
    phone: phone.nullable().optional(),
    password: z.string().min(1).max(200).optional(),
    regionId: id.nullable().optional(),
    assignedRegionIds: z.array(id).max(200).optional(),
    homeSiteId: id.nullable().optional(),
    department: department.nullable().optional(),
  })
  .openapi('UpdateUser');

export const setupCodeBody = z
  .object({
    /** For an account that has a password: how the person asked for a new code (where, when, how verified). */
    residentRequest: z.string().trim().min(4).max(500).optional(),
  })
  .openapi('SetupCodeRequest');

export const setupCodeSchema = z
  .object({
    code: z.string().openapi({ description: 'Shown once; hand it to the person', example: '042917' }),
    expiresAt: z.string(),
    login: z.string().openapi({ description: 'What the person types as their login (phone or user name)' }),
  })
  .openapi('SetupCode');

export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const assignableRegionSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), level: z.string(), path: z.string() })
  .openapi('AssignableRegion');
export const assignableRegionsSchema = z
  .object({ items: z.array(assignableRegionSchema) })
  .openapi('AssignableRegions');
