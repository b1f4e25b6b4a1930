import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { subsidyKinds, subsidyStates } from './programmes.tables.ts';
import { id, idParam } from './schema.ts';
import { findProgrammePerson, programmeReaders, programmeWriters } from './scope.ts';
import { advanceSubsidy, recordSubsidy, subsidyEntries, subsidyTotals } from './subsidies.queries.ts';

const entryBody = z
  .object({
    kind: z.enum(subsidyKinds),
    personId: id,
    /** What it is paid for: a course, a labour-export batch, a hire (e.g. `course:12`). */
    basis: z.string().trim().min(1).max(200),
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be a year YYYY or a month YYYY-MM'),
    amountYuan: z.number().positive().max(1_000_000),
  })
  .strict();
const entrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(subsidyKinds),
    personId: z.string().nullable(),
    basis: z.string(),
    period: z.string(),
    amountYuan: z.number(),
    state: z.enum(subsidyStates),
  })
  .openapi('SubsidyEntry');
const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Ledger entries of one year (by period) for sites in scope, newest first, with who they are for',
  request: {
    query: z.object({
      year: z.coerce.number().int().min(2000).max(2100),
      kind: z.enum(subsidyKinds).optional(),
      state: z.enum(subsidyStates).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(entrySchema.extend({ personName: z.string().nullable(), siteName: z.string() })) }),
      'Entries',
    ),
    ...problems,
  },
});
const createEntryRoute = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Record a qualified subsidy (培训/吸纳就业/交通补贴); the same kind, beneficiary, basis and period twice is 409 duplicate-subsidy',
  request: body(entryBody),
  responses: { 201: json(entrySchema, 'Qualified'), ...problems, ...conflict },
});
const advanceRoute = createRoute({
  method: 'post',
  path: '/{id}/advance',
  summary: 'Move an entry on: qualified → applied → approved → paid',
  request: { params: idParam },
  responses: { 200: json(entrySchema, 'Advanced'), ...problems, ...conflict },
});
const totalsRoute = createRoute({
  method: 'get',
  path: '/totals',
  summary: 'Totals per year and kind, by state, for sites in scope',
  request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            year: z.string(),
            kind: z.string(),
            state: z.string(),
            entries: z.number(),
            amountYuan: z.number(),
          }),
        ),
      }),
      'Totals',
    ),
    ...problems,
  },
});

/** Subsidy ledgers (补贴台账), one rule against double payment. */
export function subsidyRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(createEntryRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const person = await findProgrammePerson(db, actor, input.personId);
      const row = await recordSubsidy(db, c, actor, person, input);
      return c.json(row, 201);
    })
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { year, kind, state } = c.req.valid('query');
      const rows = await subsidyEntries(db, actor, { year, kind, state });
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'subsidy',
        resourceId: String(year),
        fields: ['personName', 'amountYuan'],
        detail: { count: rows.length },
      });
      const items = rows.map((row) => ({
        ...row,
        personName: actor.role === 'official' ? maskName(row.personName) : row.personName,
      }));
      return c.json({ items }, 200);
    })
    .openapi(advanceRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const row = await advanceSubsidy(db, c, actor, c.req.valid('param').id);
      return c.json(row, 200);
    })
    .openapi(totalsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { year } = c.req.valid('query');
      return c.json({ items: await subsidyTotals(db, actor, year) }, 200);
    });
}
