import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import type { MonitoringCategory } from '@anju/domain/enums';
import {
  checkStepOf,
  nextStep,
  residentKinds,
  type StepDefinition,
  type StepOutcome,
  stepOf,
  type WorkflowKind,
  type WorkflowOrigin,
  workflowSteps,
} from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { coversRegion, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import { applyDibaoTransition, type DibaoTransition, insertFirstEnrolment } from '../tracking/dibao.ts';
import { evaluateAlerts } from '../tracking/evaluate-alerts.ts';
import { changeMonitoringCategory } from '../tracking/monitoring.ts';
import type { ScopedHousehold } from '../tracking/scope.ts';
import type { DibaoTerms } from './workflows.tables.ts';

/**
 * The workflow engine: starts a workflow, completes its current step with an outcome, withdraws
 * it. The change a workflow exists for (a monitoring category, a 低保 state) happens here and only
 * here, in the caller's transaction, after `allowWorkflowWrites` lifted the database trigger that
 * refuses it elsewhere (migration 2026-12-06T0110).
 */
export async function allowWorkflowWrites(trx: Db): Promise<void> {
  await sql`select set_config('anju.workflow', 'on', true)`.execute(trx);
}

/** A conflict with a stable `code` the portal maps to its own words. */
const refuse = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('conflict', message, { code, ...extra });

export interface StartInput {
  kind: WorkflowKind;
  reason: string;
  category?: Exclude<MonitoringCategory, 'none'>;
  alertId?: string;
}

export interface CompleteInput {
  outcome: StepOutcome;
  note?: string;
  documents?: string[];
  /** After an objection: back to the check step (default) or reject. */
  objection?: 'reverify' | 'reject';
  terms?: DibaoTerms;
}

export interface WorkflowRow {
  id: string;
  countyCode: string;
  householdId: string;
  kind: WorkflowKind;
  state: string;
  currentStep: string | null;
  reason: string;
  targetCategory: string | null;
  terms: DibaoTerms | null;
  startedBy: string | null;
}

async function openStep(trx: Db, workflow: WorkflowRow, step: StepDefinition, today: string) {
  const position = workflowSteps[workflow.kind].findIndex((s) => s.key === step.key);
  await trx
    .insertInto('workflowSteps')
    .values({
      countyCode: workflow.countyCode,
      householdId: workflow.householdId,
      workflowId: workflow.id,
      stepKey: step.key,
      position,
      startedOn: today,
      dueOn: addDays(today, step.deadlineDays),
      publicityDays: step.publicityDays ?? null,
      outcome: null,
      note: null,
      completedBy: null,
      completedOn: null,
      completedAt: null,
    })
    .execute();
  await trx
    .updateTable('workflows')
    .set({ currentStep: step.key, updatedAt: new Date() })
    .where('id', '=', workflow.id)
    .execute();
}

async function dibaoEnrolment(trx: Db, householdId: string) {
  return trx
    .selectFrom('dibaoEnrolments')
    .select(['id', 'householdId', 'countyCode', 'state', 'stateSince'])
    .where('householdId', '=', householdId)
    .forUpdate()
    .executeTakeFirst();
}

/** Who makes a change: a user, or the schedule (no user) for the yearly 低保复核. */
type Recorder = Pick<Actor, 'userId'> | { userId: null };

async function moveDibao(trx: Db, actor: Recorder, householdId: string, transition: DibaoTransition) {
  const enrolment = await dibaoEnrolment(trx, householdId);
  if (!enrolment) throw refuse('dibao-missing', 'The household has no 低保 record');
  await allowWorkflowWrites(trx);
  await applyDibaoTransition(trx, actor, enrolment, transition);
}

/** Checks a start against the household's present state and makes the start's own change (低保 applied / review due). */
async function beginEffect(trx: Db, actor: Recorder, household: ScopedHousehold, input: StartInput, today: string) {
  switch (input.kind) {
    case 'monitoring_identification':
      if (household.monitoringCategory !== 'none')
        throw refuse('already-monitored', `The household is monitored already (${household.monitoringCategory})`);
      if (!input.category)
        throw new AppError('validation', 'Invalid json.category', {
          errors: [{ path: 'json.category', message: 'required for 监测识别: the category to enter' }],
        });
      return;
    case 'risk_elimination':
      if (household.monitoringCategory === 'none')
        throw refuse('not-monitored', 'The household is not monitored: nothing to eliminate');
      return;
    case 'dibao_application': {
      const enrolment = await dibaoEnrolment(trx, household.id);
      if (!enrolment) {
        await insertFirstEnrolment(trx, household, {
          state: 'applied',
          on: today,
          reason: input.reason,
          recordedBy: actor.userId,
        });
        return;
      }
      if (!['not_applied', 'refused', 'exited'].includes(enrolment.state))
        throw refuse('dibao-state', `低保 is ${enrolment.state}: no new application`, { dibaoState: enrolment.state });
      await moveDibao(trx, actor, household.id, { to: 'applied', on: today, reason: input.reason });
      return;
    }
    case 'dibao_review': {
      const enrolment = await dibaoEnrolment(trx, household.id);
      if (!enrolment || !['enrolled', 'renewed', 'review_due'].includes(enrolment.state))
        throw refuse('dibao-state', '低保复核 needs an enrolled household', { dibaoState: enrolment?.state ?? null });
      if (enrolment.state !== 'review_due')
        await moveDibao(trx, actor, household.id, { to: 'review_due', on: today, reason: input.reason });
      return;
    }
  }
}

export async function startWorkflow(
  trx: Db,
  actor: Actor,
  household: ScopedHousehold,
  input: StartInput,
): Promise<string> {
  requireRole(actor, 'worker', 'helper', 'resident', 'admin');
  if (actor.role === 'resident' && !residentKinds.includes(input.kind))
    throw new AppError('forbidden', `A resident may not start ${input.kind}`);
  if (input.alertId) {
    const alert = await trx
      .selectFrom('alerts')
      .select('id')
      .where('id', '=', input.alertId)
      .where('householdId', '=', household.id)
      .executeTakeFirst();
    if (!alert)
      throw new AppError('validation', 'Invalid json.alertId', {
        errors: [{ path: 'json.alertId', message: 'no such alert on this household' }],
      });
  }
  const origin = actor.role === 'resident' ? 'resident' : input.alertId ? 'alert' : 'worker';
  return openWorkflow(trx, actor, origin, household, input);
}

/** Opens a workflow started by a user or by the schedule (the yearly 复核, `userId` null). */
export async function openWorkflow(
  trx: Db,
  starter: Recorder,
  origin: WorkflowOrigin,
  household: ScopedHousehold,
  input: StartInput,
): Promise<string> {
  const today = chinaToday();
  const open = await trx
    .selectFrom('workflows')
    .select('id')
    .where('householdId', '=', household.id)
    .where('kind', '=', input.kind)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (open) throw refuse('workflow-open', `An open ${input.kind} workflow exists`, { workflowId: open.id });
  await beginEffect(trx, starter, household, input, today);
  const created = await trx
    .insertInto('workflows')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      kind: input.kind,
      origin,
      alertId: input.alertId ?? null,
      reason: input.reason,
      targetCategory: input.kind === 'monitoring_identification' ? (input.category ?? null) : null,
      terms: null,
      currentStep: null,
      startedBy: starter.userId,
      startedOn: today,
      closedOn: null,
    })
    .returning([
      'id',
      'countyCode',
      'householdId',
      'kind',
      'state',
      'currentStep',
      'reason',
      'targetCategory',
      'terms',
      'startedBy',
    ])
    .executeTakeFirstOrThrow();
  const [first, second] = workflowSteps[input.kind];
  // The first step (申请或发现) is the start itself: taken now, by whoever started.
  await trx
    .insertInto('workflowSteps')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      workflowId: created.id,
      stepKey: first.key,
      position: 0,
      startedOn: today,
      dueOn: today,
      publicityDays: null,
      outcome: 'passed',
      note: input.reason,
      completedBy: starter.userId,
      completedOn: today,
      completedAt: new Date(),
    })
    .execute();
  await openStep(trx, created, second, today);
  return created.id;
}

/** The level (乡镇/县) of an official's own region, for steps only an official of that level takes. */
async function officialLevel(db: Db, actor: Actor): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.regionId')
    .select('regions.level')
    .where('users.id', '=', actor.userId)
    .executeTakeFirst();
  return row?.level ?? null;
}

async function assertMayTake(db: Db, actor: Actor, step: StepDefinition, sitePath: string) {
  if (!step.who.roles.includes(actor.role))
    throw new AppError('forbidden', `${step.nameEn} (${step.nameZh}) is for: ${step.who.roles.join(', ')}`, {
      code: 'step-not-yours',
    });
  if (step.who.officialLevel) {
    const level = await officialLevel(db, actor);
    if (level !== step.who.officialLevel || !coversRegion(actor, sitePath))
      throw new AppError(
        'forbidden',
        `${step.nameEn} (${step.nameZh}) is for a ${step.who.officialLevel} official of the household's region`,
        {
          code: 'step-not-yours',
        },
      );
  }
}

function missingTerms(kind: WorkflowKind, terms: DibaoTerms | undefined) {
  const need =
    kind === 'dibao_application' ? (['class', 'monthlyAmountYuan', 'validUntil'] as const) : (['validUntil'] as const);
  return need
    .filter((field) => terms?.[field] === undefined || terms?.[field] === null)
    .map((field) => ({ path: `json.terms.${field}`, message: 'required when approving 低保' }));
}

async function approve(trx: Db, actor: Actor, workflow: WorkflowRow, household: ScopedHousehold, today: string) {
  const terms = workflow.terms ?? {};
  switch (workflow.kind) {
    case 'monitoring_identification':
    case 'risk_elimination': {
      await allowWorkflowWrites(trx);
      const category = (workflow.kind === 'risk_elimination' ? 'none' : workflow.targetCategory) as MonitoringCategory;
      await changeMonitoringCategory(trx, actor, household, { category, on: today, reason: workflow.reason });
      return;
    }
    case 'dibao_application':
      await moveDibao(trx, actor, workflow.householdId, { to: 'enrolled', on: today, ...terms });
      return;
    case 'dibao_review':
      await moveDibao(trx, actor, workflow.householdId, { to: 'renewed', on: today, ...terms });
      return;
  }
}

async function rejectEffect(trx: Db, actor: Actor, workflow: WorkflowRow, today: string, reason: string) {
  const enrolment = workflow.kind.startsWith('dibao') ? await dibaoEnrolment(trx, workflow.householdId) : undefined;
  if (!enrolment) return;
  if (workflow.kind === 'dibao_application' && ['applied', 'under_review'].includes(enrolment.state))
    await moveDibao(trx, actor, workflow.householdId, { to: 'refused', on: today, reason });
  if (workflow.kind === 'dibao_review' && enrolment.state === 'review_due')
    await moveDibao(trx, actor, workflow.householdId, { to: 'exited', on: today, reason });
}

async function close(trx: Db, workflowId: string, state: 'approved' | 'rejected' | 'withdrawn', today: string) {
  await trx
    .updateTable('workflows')
    .set({ state, closedOn: today, currentStep: null, updatedAt: new Date() })
    .where('id', '=', workflowId)
    .execute();
}

/** Completes the workflow's current step with an outcome; the last passed step approves it. */
export async function completeStep(
  trx: Db,
  actor: Actor,
  workflow: WorkflowRow,
  household: ScopedHousehold,
  stepKey: string,
  input: CompleteInput,
): Promise<void> {
  if (workflow.state !== 'open') throw refuse('workflow-closed', `The workflow is ${workflow.state}`);
  const step = stepOf(workflow.kind, stepKey);
  if (!step || workflow.currentStep !== stepKey)
    throw refuse('not-current-step', `The current step is ${workflow.currentStep}, not ${stepKey}`, {
      currentStep: workflow.currentStep,
    });
  await assertMayTake(trx, actor, step, household.sitePath);
  const today = chinaToday();
  const row = await trx
    .selectFrom('workflowSteps')
    .select(['id', 'startedOn', 'publicityDays'])
    .where('workflowId', '=', workflow.id)
    .where('stepKey', '=', stepKey)
    .where('completedOn', 'is', null)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (input.outcome === 'objection' && !step.publicityDays && step.key !== 'deliberation')
    throw new AppError('validation', 'Invalid json.outcome', {
      errors: [{ path: 'json.outcome', message: 'an objection is raised at 民主评议 or 公示 only' }],
    });
  if (input.objection && input.outcome !== 'objection')
    throw new AppError('validation', 'Invalid json.objection', {
      errors: [{ path: 'json.objection', message: 'only with outcome objection' }],
    });
  if (input.outcome === 'passed' && row.publicityDays) {
    const endsOn = addDays(row.startedOn, row.publicityDays);
    if (today < endsOn)
      throw refuse('publicity-running', `公示 runs ${row.publicityDays} days, until ${endsOn}`, { endsOn });
  }
  if (input.outcome === 'passed' && step.setsDibaoTerms) {
    const errors = missingTerms(workflow.kind, input.terms);
    if (errors.length) throw new AppError('validation', `Invalid ${errors.map((e) => e.path).join(', ')}`, { errors });
    workflow.terms = { ...input.terms };
    await trx
      .updateTable('workflows')
      .set({ terms: JSON.stringify(workflow.terms) })
      .where('id', '=', workflow.id)
      .execute();
  }
  await trx
    .updateTable('workflowSteps')
    .set({
      outcome: input.outcome,
      note: input.note ?? null,
      documents: input.documents ?? [],
      completedBy: actor.userId,
      completedOn: today,
      completedAt: new Date(),
    })
    .where('id', '=', row.id)
    .execute();
  const reason = input.note ?? workflow.reason;
  if (input.outcome === 'failed' || (input.outcome === 'objection' && input.objection === 'reject')) {
    await rejectEffect(trx, actor, workflow, today, reason);
    await close(trx, workflow.id, 'rejected', today);
  } else if (input.outcome === 'objection') {
    await openStep(trx, workflow, checkStepOf(workflow.kind), today);
  } else {
    const next = nextStep(workflow.kind, stepKey);
    if (workflow.kind === 'dibao_application' && stepKey === 'township_review') {
      // After an objection sent it back, the application may be under review already.
      const enrolment = await dibaoEnrolment(trx, workflow.householdId);
      if (enrolment?.state === 'applied')
        await moveDibao(trx, actor, workflow.householdId, { to: 'under_review', on: today });
    }
    if (next) await openStep(trx, workflow, next, today);
    else {
      await approve(trx, actor, workflow, household, today);
      await close(trx, workflow.id, 'approved', today);
    }
  }
  await evaluateAlerts(trx, { householdIds: [workflow.householdId] });
}

/** Withdraws an open workflow: its starter, or a worker (admin) in scope. A 低保 application ends refused. */
export async function withdrawWorkflow(trx: Db, actor: Actor, workflow: WorkflowRow, note: string): Promise<void> {
  if (workflow.state !== 'open') throw refuse('workflow-closed', `The workflow is ${workflow.state}`);
  if (workflow.startedBy !== actor.userId) requireRole(actor, 'worker', 'admin');
  const today = chinaToday();
  if (workflow.kind === 'dibao_application') await rejectEffect(trx, actor, workflow, today, note);
  await close(trx, workflow.id, 'withdrawn', today);
  await evaluateAlerts(trx, { householdIds: [workflow.householdId] });
}
