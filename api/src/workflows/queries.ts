import { addDays } from '@anju/domain/dates';
import { stepOf, type WorkflowKind, type WorkflowState } from '@anju/domain/workflows';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { paged } from '../http/paging.ts';
import { outOfScope } from '../http/problem.ts';
import { type ScopedHousehold, trackingReaders } from '../tracking/scope.ts';
import { type StartInput, startWorkflow, type WorkflowRow } from './engine.ts';

const workflowColumns = [
  'workflows.id',
  'workflows.countyCode',
  'workflows.householdId',
  'workflows.kind',
  'workflows.state',
  'workflows.origin',
  'workflows.alertId',
  'workflows.reason',
  'workflows.targetCategory',
  'workflows.terms',
  'workflows.currentStep',
  'workflows.startedBy',
  'workflows.startedOn',
  'workflows.closedOn',
  'households.householdNumber',
] as const;

function scoped(db: Db, actor: Actor) {
  return db
    .selectFrom('workflows')
    .innerJoin('households', 'households.id', 'workflows.householdId')
    .where(householdVisible(actor));
}

/** A workflow on a household the actor sees, with the household (for the policy and the change); 404 otherwise. */
export async function findScopedWorkflow(db: Db, actor: Actor, id: string) {
  requireRole(actor, ...trackingReaders);
  if (!/^\d{1,18}$/.test(id)) throw outOfScope('workflow');
  const row = await scoped(db, actor)
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select([
      ...workflowColumns,
      'households.siteId',
      'site.path as sitePath',
      'households.monitoringCategory',
      'households.responsibleWorkerId',
    ])
    .where('workflows.id', '=', id)
    .executeTakeFirst();
  if (!row) throw outOfScope('workflow');
  const workflow: WorkflowRow = { ...row, kind: row.kind, state: row.state };
  const household = {
    id: row.householdId,
    countyCode: row.countyCode,
    siteId: row.siteId,
    sitePath: row.sitePath,
    householdNumber: row.householdNumber,
    monitoringCategory: row.monitoringCategory,
    responsibleWorkerId: row.responsibleWorkerId,
  };
  return { workflow, household, row };
}

export interface WorkflowFilter {
  householdId?: string;
  state?: WorkflowState;
  kind?: WorkflowKind;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export async function listWorkflows(db: Db, actor: Actor, filter: WorkflowFilter, today: string) {
  requireRole(actor, ...trackingReaders);
  let query = scoped(db, actor);
  if (filter.householdId) query = query.where('workflows.householdId', '=', filter.householdId);
  if (filter.state) query = query.where('workflows.state', '=', filter.state);
  if (filter.kind) query = query.where('workflows.kind', '=', filter.kind);
  if (filter.overdue)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('workflowSteps as due')
          .select('due.id')
          .whereRef('due.workflowId', '=', 'workflows.id')
          .where('due.completedOn', 'is', null)
          .where('due.dueOn', '<', today),
      ),
    );
  const page = await paged(
    query,
    (filtered) =>
      filtered
        .select(workflowColumns)
        // The open step due first (the overdue first), then the newest; closed workflows after the open.
        .orderBy(
          (eb) =>
            eb
              .selectFrom('workflowSteps as open')
              .select((inner) => inner.fn.min('open.dueOn').as('due'))
              .whereRef('open.workflowId', '=', 'workflows.id')
              .where('open.completedOn', 'is', null),
          sql`asc nulls last`,
        )
        .orderBy('workflows.id', 'desc'),
    filter,
  );
  return { rows: page.items, total: page.total };
}

type WorkflowListRow = Awaited<ReturnType<typeof listWorkflows>>['rows'][number];

/** Each workflow's steps as taken, oldest first, with who completed them. */
export async function trailsOf(db: Db, workflowIds: string[]) {
  if (workflowIds.length === 0) return [];
  return db
    .selectFrom('workflowSteps')
    .leftJoin('users', 'users.id', 'workflowSteps.completedBy')
    .selectAll('workflowSteps')
    .select('users.name as completedByName')
    .where('workflowSteps.workflowId', 'in', workflowIds)
    .orderBy('workflowSteps.id')
    .execute();
}

/** The API shape of a workflow, made here only. */
export function presentWorkflow(
  row: WorkflowListRow,
  trail: Awaited<ReturnType<typeof trailsOf>>,
  today: string,
  withTrail: boolean,
) {
  const own = trail.filter((step) => step.workflowId === row.id);
  const current = own.find((step) => step.completedOn === null);
  return {
    id: row.id,
    householdId: row.householdId,
    householdNumber: row.householdNumber,
    kind: row.kind,
    state: row.state,
    origin: row.origin,
    alertId: row.alertId,
    reason: row.reason,
    targetCategory: row.targetCategory,
    terms: (row.terms as Record<string, unknown> | null) ?? null,
    currentStep: row.currentStep,
    currentDueOn: current?.dueOn ?? null,
    startedBy: row.startedBy,
    startedOn: row.startedOn,
    closedOn: row.closedOn,
    trail: withTrail
      ? own.map((step) => {
          const definition = stepOf(row.kind, step.stepKey);
          return {
            id: step.id,
            key: step.stepKey,
            nameZh: definition?.nameZh ?? step.stepKey,
            nameEn: definition?.nameEn ?? step.stepKey,
            startedOn: step.startedOn,
            dueOn: step.dueOn,
            publicityDays: step.publicityDays,
            publicityEndsOn: step.publicityDays ? addDays(step.startedOn, step.publicityDays) : null,
            outcome: step.outcome,
            note: step.note,
            documents: step.documents,
            completedBy: step.completedBy,
            completedByName: step.completedByName,
            completedOn: step.completedOn,
            overdue: step.completedOn === null && step.dueOn < today,
          };
        })
      : undefined,
  };
}

/** Starts a workflow on a household in one transaction (the engine's `startWorkflow` takes the transaction). */
export function startWorkflowAtomically(db: Db, actor: Actor, household: ScopedHousehold, input: StartInput) {
  return db.transaction().execute((trx) => startWorkflow(trx, actor, household, input));
}

/**
 * Runs `work` in one transaction on a workflow the actor sees, its row locked (for update) and
 * read again after the lock, so two steps on one workflow never act on the same state.
 */
export function withLockedWorkflow(
  db: Db,
  actor: Actor,
  id: string,
  work: (trx: Db, scoped: { workflow: WorkflowRow; household: ScopedHousehold }) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    const { workflow, household } = await findScopedWorkflow(trx, actor, id);
    await trx.selectFrom('workflows').select('id').where('id', '=', workflow.id).forUpdate().execute();
    const locked = await findScopedWorkflow(trx, actor, id);
    await work(trx, { workflow: locked.workflow, household });
  });
}
