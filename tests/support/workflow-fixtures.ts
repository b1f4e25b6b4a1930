import { chinaToday, setClock } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { expect } from 'vitest';
import type { Db } from '../../api/src/db/database.ts';
import { call, createUser, type RegionTree, signIn } from './fixtures.ts';

type App = Parameters<typeof call>[0];

/** Fixes "today" in China (noon there) for the workflow engine's dates. */
export const onChinaDay = (day: string) => setClock(new Date(`${day}T04:00:00Z`));

export interface WorkflowCast {
  worker: string;
  township: string;
  county: string;
  workerId: string;
}

/**
 * The people a workflow needs on county A's township: a worker of site A1, an official of the
 * township (乡镇审核) and one of county A (县级审批).
 */
export async function workflowCast(db: Db, app: App, tree: RegionTree): Promise<WorkflowCast> {
  const town = await db
    .selectFrom('regions')
    .select('id')
    .where('code', '=', tree.siteA1.code.slice(0, -3))
    .executeTakeFirstOrThrow();
  const worker = await createUser(db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  const township = await createUser(db, { role: 'official', regionId: town.id });
  const county = await createUser(db, { role: 'official', regionId: tree.countyA.id });
  return {
    worker: await signIn(app, worker.login),
    township: await signIn(app, township.login),
    county: await signIn(app, county.login),
    workerId: worker.id,
  };
}

export const startWorkflow = (app: App, cookie: string, householdId: string, body: Record<string, unknown>) =>
  call(app, 'POST', `/api/households/${householdId}/workflows`, { cookie, body });

export const completeStep = (
  app: App,
  cookie: string,
  workflowId: string,
  stepKey: string,
  body: Record<string, unknown> = { outcome: 'passed' },
) => call(app, 'POST', `/api/workflows/${workflowId}/steps/${stepKey}`, { cookie, body });

/** Takes steps in order, each by its cookie; every one but the last must pass. Returns the last response. */
export async function walk(
  app: App,
  workflowId: string,
  steps: [stepKey: string, cookie: string, body?: Record<string, unknown>, day?: string][],
): Promise<Response> {
  let last: Response | undefined;
  for (const [index, [stepKey, cookie, body, day]] of steps.entries()) {
    if (day) onChinaDay(day);
    last = await completeStep(app, cookie, workflowId, stepKey, body);
    if (index < steps.length - 1) expect(last.status, `${stepKey}: ${await last.clone().text()}`).toBe(200);
  }
  return last as Response;
}

/**
 * An open 风险消除 workflow on a household, waiting at 入户核实 (written directly: a probe for
 * authorisation, not a walk through the engine's guards).
 */
export async function insertOpenWorkflow(
  db: Db,
  place: { countyCode: string; householdId: string; startedBy: string },
): Promise<{ id: string }> {
  const day = chinaToday();
  const workflow = await db
    .insertInto('workflows')
    .values({
      countyCode: place.countyCode,
      householdId: place.householdId,
      kind: 'risk_elimination',
      origin: 'worker',
      alertId: null,
      reason: '收入稳定超过监测线',
      targetCategory: null,
      terms: null,
      currentStep: 'verify',
      startedBy: place.startedBy,
      startedOn: day,
      closedOn: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const step = {
    countyCode: place.countyCode,
    householdId: place.householdId,
    workflowId: workflow.id,
    publicityDays: null,
    note: null,
    startedOn: day,
  };
  await db
    .insertInto('workflowSteps')
    .values([
      {
        ...step,
        stepKey: 'apply',
        position: 0,
        dueOn: day,
        outcome: 'passed',
        completedBy: place.startedBy,
        completedOn: day,
        completedAt: new Date(),
      },
      {
        ...step,
        stepKey: 'verify',
        position: 1,
        dueOn: addDays(day, 7),
        outcome: null,
        completedBy: null,
        completedOn: null,
        completedAt: null,
      },
    ])
    .execute();
  return workflow;
}
