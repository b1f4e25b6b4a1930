import { chinaToday } from '@anju/domain/clock';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import { recordIncome } from './record-income.ts';
import type { visitFields } from './schema.ts';
import type { ScopedHousehold } from './scope.ts';

export type VisitInput = z.infer<typeof visitFields>;

/** What a visit answers with, wherever it was recorded. */
export const visitColumns = [
  'visits.id',
  'visits.householdId',
  'visits.workerId',
  'visits.visitedOn',
  'visits.kind',
  'visits.notes',
  'visits.findings',
  'visits.measures',
  'visits.nextVisitDue',
] as const;

const refused = (title: string, path: string, message: string, code: 'in-future' | 'before-start') =>
  new AppError('validation', title, { errors: [{ path, message, code }] });

/**
 * The checks of a visit that depend on the day: not in the future, the next visit after it, its
 * income not for a future month. `at` is the path of the visit's fields (`json` for the route,
 * `json.records.3.payload` for an offline record), so the refusal names the field the client sent.
 */
export function checkVisitDates(visit: VisitInput, at: string) {
  const today = chinaToday();
  if (visit.visitedOn > today)
    throw refused('A visit cannot be in the future', `${at}.visitedOn`, 'must not be in the future', 'in-future');
  if (visit.nextVisitDue && visit.nextVisitDue <= visit.visitedOn)
    throw refused(
      'The next visit must come after this one',
      `${at}.nextVisitDue`,
      'must be after visitedOn',
      'before-start',
    );
  if (visit.income && `${visit.income.month}-01` > today)
    throw refused(
      'Income cannot be recorded for a future month',
      `${at}.income.month`,
      'must not be in the future',
      'in-future',
    );
}

/**
 * Records one home visit (走访) and the month's income taken on it, inside the caller's
 * transaction: the one way a visit is written, from the portal's form and from a phone's offline
 * batch alike. The caller evaluates alerts once after everything its unit of work wrote.
 */
export async function recordVisit(
  trx: Db,
  household: Pick<ScopedHousehold, 'id' | 'countyCode'>,
  workerId: string,
  visit: VisitInput,
) {
  const row = await trx
    .insertInto('visits')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      workerId,
      visitedOn: visit.visitedOn,
      kind: visit.kind,
      notes: visit.notes ?? null,
      findings: visit.findings ?? null,
      measures: visit.measures,
      nextVisitDue: visit.nextVisitDue ?? null,
    })
    .returning(visitColumns)
    .executeTakeFirstOrThrow();
  const incomeRecordIds: string[] = [];
  for (const item of visit.income?.items ?? []) {
    const income = await recordIncome(
      trx,
      household,
      { periodKind: 'month', period: visit.income?.month as string, ...item },
      { recordedBy: workerId, visitId: String(row.id) },
    );
    incomeRecordIds.push(String(income.id));
  }
  return { visit: row, incomeRecordIds };
}
