import { chinaToday, clock } from '@anju/domain/clock';
import type { Actor } from '../access/actor.ts';
import { coversRegion, householdReach, householdVisible, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { assessmentValues } from '../tracking/assessment-values.ts';
import { evaluateAlerts } from '../tracking/evaluate-alerts.ts';
import { recordIncome } from '../tracking/record-income.ts';
import { checkVisitDates, recordVisit } from '../tracking/record-visit.ts';
import { trackingRecorders } from '../tracking/scope.ts';
import { householdAtCapture } from './queries.ts';
import type { OfflineRecordInput } from './schema.ts';

/** How far ahead of the server's clock a phone's capture time may run (phones drift). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type Payload = OfflineRecordInput['payload'];
type VisitPayload = Extract<OfflineRecordInput, { kind: 'visit' }>['payload'];
type IncomePayload = Extract<OfflineRecordInput, { kind: 'income' }>['payload'];
type AssessmentPayload = Extract<OfflineRecordInput, { kind: 'assessment' }>['payload'];

const invalid = (path: string, message: string) =>
  new AppError('validation', `Record refused: ${path} ${message}`, { errors: [{ path, message }] });

/**
 * The household, if the actor reached it on the day the record was captured: a region-scoped
 * worker by the household's site then (dated site history), through the one policy
 * (`coversRegion`). A helper's assignments have no history, so a helper is checked against
 * today's assignments (`householdVisible`).
 */
export async function householdInScopeAtCapture(db: Db, actor: Actor, householdId: string, capturedAt: Date) {
  requireRole(actor, ...trackingRecorders);
  const household = await householdAtCapture(db, householdId, chinaToday(capturedAt));
  if (!household) throw outOfScope('household');
  const reach = householdReach(actor);
  if (reach.kind === 'all' || reach.kind === 'regions' || reach.kind === 'none') {
    if (!coversRegion(actor, household.sitePath)) throw outOfScope('household');
  } else {
    const visible = await db
      .selectFrom('households')
      .innerJoin('regions as site', 'site.id', 'households.siteId')
      .select('households.id')
      .where('households.id', '=', householdId)
      .where(householdVisible(actor))
      .executeTakeFirst();
    if (!visible) throw outOfScope('household');
  }
  return household;
}

/** Checks that depend on the day (never in the future), with the record's field paths. */
export function checkDates(kind: OfflineRecordInput['kind'], payload: Payload, capturedAt: Date, prefix: string) {
  const today = chinaToday();
  if (capturedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS)
    throw invalid(`${prefix}.capturedAt`, 'must not be in the future');
  const assessment =
    kind === 'assessment'
      ? (payload as AssessmentPayload)
      : kind === 'visit'
        ? (payload as VisitPayload).assessment
        : null;
  if (kind === 'visit') checkVisitDates(payload as VisitPayload, `${prefix}.payload`);
  if (kind === 'income' && `${(payload as IncomePayload).month}-01` > today)
    throw invalid(`${prefix}.payload.month`, 'must not be in the future');
  const assessedPath = kind === 'visit' ? `${prefix}.payload.assessment.assessedOn` : `${prefix}.payload.assessedOn`;
  if (assessment && assessment.assessedOn > today) throw invalid(assessedPath, 'must not be in the future');
}

/** The month and sources of income a record carries, and whether it has integration answers. */
export function factsOf(kind: OfflineRecordInput['kind'], payload: Payload) {
  const income =
    kind === 'income' ? (payload as IncomePayload) : kind === 'visit' ? (payload as VisitPayload).income : null;
  return {
    incomeMonth: income?.month ?? null,
    incomeSources: income?.items.map((item) => item.source) ?? [],
    withAssessment: kind === 'assessment' || (kind === 'visit' && Boolean((payload as VisitPayload).assessment)),
  };
}

async function insertAssessment(
  trx: Db,
  household: { id: string; countyCode: string },
  actor: Actor,
  input: AssessmentPayload,
) {
  const row = await trx
    .insertInto('integrationAssessments')
    .values(assessmentValues(household, actor.userId, input))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes what a record carries inside the caller's transaction; returns the ids written. */
export async function applyRecord(
  trx: Db,
  actor: Actor,
  household: { id: string; countyCode: string },
  kind: OfflineRecordInput['kind'],
  payload: Payload,
) {
  let visitId: string | null = null;
  let assessmentId: string | null = null;
  const incomeRecordIds: string[] = [];
  if (kind === 'visit') {
    const visit = payload as VisitPayload;
    const recorded = await recordVisit(trx, household, actor.userId, visit);
    visitId = String(recorded.visit.id);
    incomeRecordIds.push(...recorded.incomeRecordIds);
    if (visit.assessment) assessmentId = String(await insertAssessment(trx, household, actor, visit.assessment));
  } else if (kind === 'income') {
    const income = payload as IncomePayload;
    for (const item of income.items) {
      const row = await recordIncome(
        trx,
        household,
        { periodKind: 'month', period: income.month, ...item },
        { recordedBy: actor.userId, visitId: null },
      );
      incomeRecordIds.push(String(row.id));
    }
  } else {
    assessmentId = String(await insertAssessment(trx, household, actor, payload as AssessmentPayload));
  }
  // One evaluation after everything the record wrote: an alert the income answers resolves now.
  await evaluateAlerts(trx, { householdIds: [household.id] });
  return { visitId, assessmentId, incomeRecordIds };
}
