import { z } from '@hono/zod-openapi';
import { roles } from './access.tables.ts';

export const loginBody = z
  .object({
    login: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ description: 'User name or phone number', example: 'demo-worker' }),
    password: z.string().min(1).max(200),
  })
  .openapi('LoginRequest');

export const setupBody = z
  .object({
    login: z.string().trim().min(1).max(100).openapi({ description: 'Phone number or user name' }),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the 6-digit code'),
    password: z.string().min(1).max(200),
  })
  .openapi('AccountSetupRequest');

export const meSchema = z
  .object({
    id: z.string(),
    role: z.enum(roles),
    name: z.string(),
    department: z.string().nullable(),
    regionPaths: z.array(z.string()),
    /** A resident's own person in the registry (住户本人), null for other roles or before linking. */
    personId: z.string().nullable(),
    /** An employer account's employer (用工单位), null for other roles. */
    employerId: z.string().nullable(),
  })
  .openapi('Me');
