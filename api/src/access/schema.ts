import { roles } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';

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

// Mainland mobile numbers (手机号): 11 digits starting with 1.
const mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'must be an 11-digit mobile number')
  .openapi({ example: '13800000000' });

export const loginCodeRequestBody = z.object({ phone: mobile }).openapi('LoginCodeRequest');

export const loginCodeRequested = z
  .object({
    sent: z.literal(true).openapi({ description: 'The same answer whether or not an account has this phone' }),
    expiresInSeconds: z.number().int(),
    resendAfterSeconds: z.number().int(),
  })
  .openapi('LoginCodeRequested');

export const loginCodeSignInBody = z
  .object({
    phone: mobile,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the 6-digit code'),
  })
  .openapi('LoginCodeSignIn');

export const meSchema = z
  .object({
    id: z.string(),
    role: z.enum(roles),
    name: z.string(),
    department: z.string().nullable(),
    regionPaths: z.array(z.string()),
    /** A resident's own person in the registry (住户本人), null for other roles or before linking. */
    personId: z.string().nullable(),
    homeSite: z
      .object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        lat: z.number().nullable(),
        lng: z.number().nullable(),
      })
      .nullable()
      .openapi({ description: "A resident's resettlement site (安置点), so searches can start near it" }),
    employerId: z.string().nullable().openapi({ description: "An employer account's employer, once registered" }),
  })
  .openapi('Me');
