import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { writeAudit } from '../access/audit.ts';
import { maskName } from '../access/masking.ts';
import { requireActor } from '../access/middleware.ts';
import { regionCovered, requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { subsidyKinds, subsidyStates } from './programmes.tables.ts';
import { id, idParam } from './schema.ts';
import { findProgrammePerson, programmeReaders, programmeWriters } from './scope.ts';

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
const nextState = { qualified: 'applied', applied: 'approved', approved: 'paid' } as const;

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

const columns = ['id', 'kind', 'personId', 'basis', 'period', 'amountYuan', 'state'] as const;

/** Subsidy ledgers (补贴台账), one rule against double payment. */
export function subsidyRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(createEntryRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeWriters);
      const input = c.req.valid('json');
      const person = await findProgrammePerson(db, actor, input.personId);
      const duplicate = () =>
        new AppError('conflict', 'This subsidy is already recorded for this person, basis and period', {
          code: 'duplicate-subsidy',
          errors: [
            {
              path: 'json.basis',
              message: 'already recorded for this person, basis and period',
              code: 'duplicate-subsidy',
            },
          ],
        });
      const existing = await db
        .selectFrom('subsidyEntries')
        .select('id')
        .where('kind', '=', input.kind)
        .where('personId', '=', person.id)
        .where('basis', '=', input.basis)
        .where('period', '=', input.period)
        .executeTakeFirst();
      if (existing) throw duplicate();
      const row = await db
        .insertInto('subsidyEntries')
        .values({
          countyCode: person.countyCode,
          siteId: person.siteId,
          kind: input.kind,
          personId: person.id,
          householdId: person.householdId,
          employerId: null,
          basis: input.basis,
          period: input.period,
          amountYuan: input.amountYuan,
          appliedOn: null,
          approvedOn: null,
          paidOn: null,
          createdBy: actor.userId,
        })
        .returning(columns)
        .executeTakeFirstOrThrow()
        .catch((error: { code?: string }) => {
          // Two writers at once: the unique index is the rule, and the loser hears it by name.
          throw error?.code === '23505' ? duplicate() : error;
        });
      await writeAudit(db, c, { action: 'create', resourceType: 'subsidy', resourceId: row.id });
      return c.json(row, 201);
    })
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { year, kind, state } = c.req.valid('query');
      let query = db
        .selectFrom('subsidyEntries as s')
        .innerJoin('regions as site', 'site.id', 's.siteId')
        .leftJoin('persons', 'persons.id', 's.personId')
        .where(regionCovered(actor, 'site.path'))
        .where(sql`left(s.period, 4)`, '=', String(year))
        .select([
          ...columns.map((column) => `s.${column}` as const),
          'persons.name as personName',
          'site.name as siteName',
        ]);
      if (kind) query = query.where('s.kind', '=', kind);
      if (state) query = query.where('s.state', '=', state);
      const rows = await query.orderBy('s.id', 'desc').limit(500).execute();
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
      const entry = await db
        .selectFrom('subsidyEntries as s')
        .innerJoin('regions as site', 'site.id', 's.siteId')
        .select(['s.id', 's.state'])
        .where('s.id', '=', c.req.valid('param').id)
        .where(regionCovered(actor, 'site.path'))
        .executeTakeFirst();
      if (!entry) throw outOfScope('subsidy');
      if (entry.state === 'paid')
        throw new AppError('conflict', 'The subsidy is already paid', { code: 'already-paid' });
      const state = nextState[entry.state];
      const today = chinaToday();
      const dated =
        state === 'applied' ? { appliedOn: today } : state === 'approved' ? { approvedOn: today } : { paidOn: today };
      const row = await db
        .updateTable('subsidyEntries')
        .set({ state, ...dated })
        .where('id', '=', entry.id)
        .where('state', '=', entry.state)
        .returning(columns)
        .executeTakeFirst();
      if (!row) throw new AppError('conflict', 'Someone else moved this entry at the same moment; reload');
      await writeAudit(db, c, { action: state, resourceType: 'subsidy', resourceId: entry.id });
      return c.json(row, 200);
    })
    .openapi(totalsRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...programmeReaders);
      const { year } = c.req.valid('query');
      let query = db
        .selectFrom('subsidyEntries as s')
        .innerJoin('regions as site', 'site.id', 's.siteId')
        .where(regionCovered(actor, 'site.path'))
        .select([
          sql<string>`left(s.period, 4)`.as('year'),
          's.kind',
          's.state',
          sql<number>`count(*)::int`.as('entries'),
          sql<number>`sum(s.amount_yuan)::float8`.as('amountYuan'),
        ])
        .groupBy([sql`left(s.period, 4)`, 's.kind', 's.state'])
        .orderBy(sql`left(s.period, 4)`)
        .orderBy('s.kind');
      if (year) query = query.where(sql`left(s.period, 4)`, '=', String(year));
      return c.json({ items: await query.execute() }, 200);
    });
}
