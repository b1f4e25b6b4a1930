import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError, type FieldProblem } from '../http/problem.ts';
import type { DibaoState } from './tracking.tables.ts';

/**
 * 低保 enrolment as a state machine: not_applied → applied → under_review → enrolled →
 * review_due → renewed / exited. A refused application or an exit can start again with a new
 * application. Every transition is a dated row in `dibao_events`; the current state is kept on
 * `dibao_enrolments` for quick rules and reports.
 */
export const dibaoTransitions: Record<DibaoState, readonly DibaoState[]> = {
  not_applied: ['applied'],
  applied: ['under_review', 'refused'],
  under_review: ['enrolled', 'refused'],
  enrolled: ['review_due', 'exited'],
  review_due: ['renewed', 'exited'],
  renewed: ['review_due', 'exited'],
  refused: ['applied'],
  exited: ['applied'],
};

export interface DibaoTransition {
  to: DibaoState;
  on: string;
  reason?: string | null;
  class?: 'A' | 'B' | 'C' | null;
  monthlyAmountYuan?: number | null;
  validUntil?: string | null;
}

/** What a transition must carry: enrolment terms, a new validity on renewal, reasons on refusal/exit. */
function missingFields(transition: DibaoTransition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (field: keyof DibaoTransition, message: string) => {
    if (transition[field] === undefined || transition[field] === null || transition[field] === '')
      problems.push({ path: `json.${field}`, message });
  };
  if (transition.to === 'enrolled') {
    need('class', 'required when enrolling (A, B or C)');
    need('monthlyAmountYuan', 'required when enrolling');
    need('validUntil', 'required when enrolling');
  }
  if (transition.to === 'renewed') need('validUntil', 'required when renewing');
  if (transition.to === 'refused' || transition.to === 'exited')
    need('reason', `a reason is required when ${transition.to}`);
  if (transition.validUntil && transition.validUntil <= transition.on)
    problems.push({ path: 'json.validUntil', message: 'must be after the transition date' });
  return problems;
}

/**
 * A household's first 低保 record, in `first.state` since `first.on`, with its first event (from no
 * state): the one way a record starts, from the 低保 page or from a 低保 application workflow.
 */
export async function insertFirstEnrolment(
  trx: Db,
  household: { id: string; countyCode: string },
  first: { state: DibaoState; on: string; reason: string | null; recordedBy: string | null },
) {
  const row = await trx
    .insertInto('dibaoEnrolments')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      state: first.state,
      class: null,
      monthlyAmountYuan: null,
      validUntil: null,
      stateSince: first.on,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('dibaoEvents')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      enrolmentId: row.id,
      fromState: null,
      toState: first.state,
      onDate: first.on,
      reason: first.reason,
      class: null,
      monthlyAmountYuan: null,
      validUntil: null,
      recordedBy: first.recordedBy,
    })
    .execute();
  return row;
}

export async function applyDibaoTransition(
  trx: Db,
  actor: Pick<Actor, 'userId'> | { userId: null },
  enrolment: { id: string; householdId: string; countyCode: string; state: DibaoState; stateSince: string },
  transition: DibaoTransition,
): Promise<void> {
  const allowed = dibaoTransitions[enrolment.state];
  if (!allowed.includes(transition.to)) {
    throw new AppError('conflict', `低保 transition ${enrolment.state} → ${transition.to} is not allowed`, {
      transition: { from: enrolment.state, to: transition.to },
      allowed,
    });
  }
  const problems = missingFields(transition);
  if (transition.on < enrolment.stateSince)
    problems.push({ path: 'json.on', message: `must not be before the current state's date ${enrolment.stateSince}` });
  if (problems.length)
    throw new AppError('validation', `Invalid ${problems.map((p) => p.path).join(', ')}`, { errors: problems });

  const keepsTerms = transition.to === 'review_due' || transition.to === 'renewed';
  const ends = transition.to === 'exited' || transition.to === 'refused' || transition.to === 'applied';
  const current = await trx
    .selectFrom('dibaoEnrolments')
    .select(['class', 'monthlyAmountYuan', 'validUntil'])
    .where('id', '=', enrolment.id)
    .executeTakeFirstOrThrow();
  const terms = ends
    ? { class: null, monthlyAmountYuan: null, validUntil: null }
    : {
        class: transition.class ?? (keepsTerms ? current.class : null),
        monthlyAmountYuan: transition.monthlyAmountYuan ?? (keepsTerms ? current.monthlyAmountYuan : null),
        validUntil: transition.validUntil ?? (keepsTerms ? current.validUntil : null),
      };
  const updated = await trx
    .updateTable('dibaoEnrolments')
    .set((eb) => ({
      state: transition.to,
      stateSince: transition.on,
      ...terms,
      version: eb('version', '+', 1),
      updatedAt: new Date(),
    }))
    .where('id', '=', enrolment.id)
    .where('state', '=', enrolment.state)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('conflict', 'The 低保 record changed meanwhile; reload and try again');
  await trx
    .insertInto('dibaoEvents')
    .values({
      countyCode: enrolment.countyCode,
      householdId: enrolment.householdId,
      enrolmentId: enrolment.id,
      fromState: enrolment.state,
      toState: transition.to,
      onDate: transition.on,
      reason: transition.reason ?? null,
      ...terms,
      recordedBy: actor.userId,
    })
    .execute();
}
