import { chinaToday } from '@anju/domain/clock';
import { createRoute, z } from '@hono/zod-openapi';
import type { Updateable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { mapPage, pageOf } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { alertRules } from './alert-rules.ts';
import { findAlert, listAlerts, resolveAlert, setAlertState } from './alerts.queries.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { alertListQuery, alertSchema, dismissBody, idParam, resolveBody } from './schema.ts';
import { trackingDeciders } from './scope.ts';
import type { AlertState, AlertTable } from './tracking.tables.ts';

const alertReaders = ['helper', 'worker', 'official', 'admin'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The early-warning worklist (预警): alerts in scope, earliest deadline first',
  request: { query: alertListQuery },
  responses: { 200: json(pageOf(alertSchema, 'AlertPage'), 'Alerts'), ...problems },
});
const rulesRoute = createRoute({
  method: 'get',
  path: '/rules',
  summary: 'The alert rules and their thresholds',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'Rules'), ...problems },
});
const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/{id}/acknowledge',
  summary: 'Acknowledge an open alert (I am on it)',
  request: { params: idParam },
  responses: { 200: json(alertSchema, 'The alert'), ...problems, ...conflict },
});
const resolveRoute = createRoute({
  method: 'post',
  path: '/{id}/resolve',
  summary: 'Resolve an alert with the support measure taken',
  request: { params: idParam, ...body(resolveBody) },
  responses: { 200: json(alertSchema, 'The alert'), ...problems, ...conflict },
});
const dismissRoute = createRoute({
  method: 'post',
  path: '/{id}/dismiss',
  summary: 'Dismiss an alert with a reason',
  request: { params: idParam, ...body(dismissBody) },
  responses: { 200: json(alertSchema, 'The alert'), ...problems, ...conflict },
});
const evaluateRoute = createRoute({
  method: 'post',
  path: '/evaluate',
  summary: 'Run the full (nightly) evaluation now (admin)',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'Evaluation summary'), ...problems },
});

type AlertRow = {
  openedAt: Date;
  escalatedAt: Date | null;
  deadline: string;
  state: string;
  facts: unknown;
  [key: string]: unknown;
};
export function toAlert<T extends AlertRow>(row: T, today: string) {
  return {
    ...row,
    facts: (row.facts ?? null) as Record<string, unknown> | null,
    openedAt: row.openedAt.toISOString(),
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    overdue: (row.state === 'open' || row.state === 'acknowledged') && row.deadline < today,
  };
}

export function alertRoutes({ db }: AppDeps) {
  async function load(actor: Actor, id: string) {
    requireRole(actor, ...alertReaders);
    if (!/^\d{1,18}$/.test(id)) throw outOfScope('alert');
    const row = await findAlert(db, actor, id);
    if (!row) throw outOfScope('alert');
    return row;
  }
  async function close(
    actor: Actor,
    id: string,
    from: AlertState[],
    set: Updateable<AlertTable>,
    verb: string,
  ): Promise<ReturnType<typeof toAlert>> {
    const alert = await load(actor, id);
    requireRole(actor, ...trackingDeciders);
    if (!from.includes(alert.state))
      throw new AppError('conflict', `Cannot ${verb} an alert that is ${alert.state}`, {
        transition: { from: alert.state, to: verb },
      });
    await setAlertState(db, id, from, set);
    return toAlert(await load(actor, id), chinaToday());
  }
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...alertReaders);
      const { state, ruleId, householdId, mine, ...pageRequest } = c.req.valid('query');
      const page = await listAlerts(db, actor, { state, ruleId, householdId, mine }, pageRequest);
      // Alerts quote per-capita income: a read of income figures, audited like any other.
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'alert',
        fields: ['facts'],
        detail: { count: page.items.length },
      });
      const today = chinaToday();
      return c.json(
        mapPage(page, (row) => toAlert(row, today)),
        200,
      );
    })
    .openapi(rulesRoute, (c) => {
      requireActor(c);
      return c.json(alertRules as unknown as Record<string, unknown>, 200);
    })
    .openapi(acknowledgeRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const alert = await close(
        actor,
        id,
        ['open'],
        { state: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: actor.userId },
        'acknowledge',
      );
      await writeAudit(db, c, { action: 'acknowledge', resourceType: 'alert', resourceId: id });
      return c.json(alert, 200);
    })
    .openapi(resolveRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { measure, note } = c.req.valid('json');
      const alert = await load(actor, id);
      requireRole(actor, ...trackingDeciders);
      if (!['open', 'acknowledged'].includes(alert.state))
        throw new AppError('conflict', `Cannot resolve an alert that is ${alert.state}`, {
          transition: { from: alert.state, to: 'resolve' },
        });
      // An alert closes only when its condition ends (a 走访逾期 alert: when a visit is recorded).
      // Resolving re-evaluates the household's rules now: if the condition has ended the alert is
      // closed by that and keeps the measure taken; if it still holds, nothing changes (409).
      await resolveAlert(db, alert, id, { measure, note });
      await writeAudit(db, c, { action: 'resolve', resourceType: 'alert', resourceId: id, detail: { measure } });
      return c.json(toAlert(await load(actor, id), chinaToday()), 200);
    })
    .openapi(dismissRoute, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      // 走访逾期 is a fact of the calendar, never a false alarm: only a visit ends it.
      const target = await load(actor, id);
      if (target.ruleId === 'visit_overdue')
        throw new AppError('conflict', 'A visit-overdue alert closes when a visit is recorded', {
          reason: 'condition-holds',
          ruleId: target.ruleId,
        });
      const alert = await close(
        actor,
        id,
        ['open', 'acknowledged'],
        { state: 'dismissed', closedAt: new Date(), closedBy: actor.userId, closeNote: reason },
        'dismiss',
      );
      await writeAudit(db, c, { action: 'dismiss', resourceType: 'alert', resourceId: id });
      return c.json(alert, 200);
    })
    .openapi(evaluateRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, 'admin');
      const result = await evaluateAlerts(db);
      await writeAudit(db, c, { action: 'evaluate', resourceType: 'alert', detail: { ...result } });
      return c.json(result as unknown as Record<string, unknown>, 200);
    });
}
