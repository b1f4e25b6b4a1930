import { chinaToday } from '@anju/domain/clock';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { regionCovered } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import type { subsidyKinds, subsidyStates } from './programmes.tables.ts';
import type { findProgrammePerson } from './scope.ts';

/** Subsidy ledgers (补贴台账): entries recorded once per kind, person, basis and period, moved on and totalled. */

type SubsidyKind = (typeof subsidyKinds)[number];
type SubsidyState = (typeof subsidyStates)[number];

const nextState = { qualified: 'applied', applied: 'approved', approved: 'paid' } as const;

const columns = ['id', 'kind', 'personId', 'basis', 'period', 'amountYuan', 'state'] as const;

/** Records a qualified subsidy for a person in scope; the same kind, person, basis and period twice is 409 duplicate-subsidy. */
export async function recordSubsidy(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  person: Awaited<ReturnType<typeof findProgrammePerson>>,
  input: { kind: SubsidyKind; basis: string; period: string; amountYuan: number },
) {
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
  return row;
}

/** Ledger entries of one year (by period) for sites in scope, newest first, at most 500. */
export function subsidyEntries(
  db: Db,
  actor: Actor,
  { year, kind, state }: { year: number; kind?: SubsidyKind | undefined; state?: SubsidyState | undefined },
) {
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
  return query.orderBy('s.id', 'desc').limit(500).execute();
}

/** Moves an entry in scope on: qualified → applied → approved → paid, dated today, audited. */
export async function advanceSubsidy(db: Db, c: Context<AppEnv>, actor: Actor, id: string) {
  const entry = await db
    .selectFrom('subsidyEntries as s')
    .innerJoin('regions as site', 'site.id', 's.siteId')
    .select(['s.id', 's.state'])
    .where('s.id', '=', id)
    .where(regionCovered(actor, 'site.path'))
    .executeTakeFirst();
  if (!entry) throw outOfScope('subsidy');
  if (entry.state === 'paid') throw new AppError('conflict', 'The subsidy is already paid', { code: 'already-paid' });
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
  return row;
}

/** Totals per year and kind, by state, for sites in scope. */
export function subsidyTotals(db: Db, actor: Actor, year: number | undefined) {
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
  return query.execute();
}
