import { z } from '@hono/zod-openapi';

export const skillCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'must be lower-case words joined by dots, e.g. welding.arc');

export const skillInput = z
  .object({
    code: skillCode,
    nameZh: z.string().trim().min(1).max(50),
    nameEn: z.string().trim().min(1).max(100),
    aliases: z.array(z.string().trim().min(1).max(50)).max(40).default([]),
    category: z.string().trim().min(1).max(50),
    parentCode: skillCode.nullable().default(null),
    occupationCode: z
      .string()
      .trim()
      .regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'must look like 6-18-02-04')
      .nullable()
      .default(null),
    occupationEdition: z.enum(['1999', '2015', '2022']).nullable().default(null),
    certificateRequired: z.boolean().default(false),
  })
  .openapi('SkillInput');

export const skillPatch = skillInput.omit({ code: true }).partial().openapi('SkillPatch');

export const skillSchema = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    aliases: z.array(z.string()),
    category: z.string(),
    parentCode: z.string().nullable(),
    occupationCode: z.string().nullable(),
    occupationEdition: z.string().nullable(),
    certificateRequired: z.boolean(),
  })
  .openapi('Skill');
