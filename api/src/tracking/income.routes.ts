import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import type { AppDeps } from '../http/env.ts';
import { pageOf } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { listIncome, recordIncomeAudited } from './income.queries.ts';
import { householdsById, perCapitaIncome } from './income.ts';
import { periodStartOf } from './record-income.ts';
import { incomeBody, incomeListQuery, incomeRecordSchema, perCapitaQuery, perCapitaSchema } from './schema.ts';
import { findScopedHousehold, trackingRecorders } from './scope.ts';

const AMOUNT_FIELDS = ['amountYuan', 'productionCostsYuan'];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: "A household's income ledger (收入台账), newest period first; amounts audited on read",
  request: { query: incomeListQuery },
  responses: { 200: json(pageOf(incomeRecordSchema, 'IncomeRecordPage'), 'Income records'), ...problems },
});
const createIncomeRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Record income of a month or a year by source; supersedes the same period and source',
  request: body(incomeBody),
  responses: { 201: json(incomeRecordSchema, 'Recorded'), ...problems },
});
const perCapitaRoute = createRoute({
  method: 'get',
  path: '/per-capita',
  summary: 'Per-capita net income (人均纯收入) over the last 12 complete months, against the line in force',
  description:
    'Missing months are not counted as zero: the months present are annualised and the result is flagged annualised with monthsWithData.',
  request: { query: perCapitaQuery },
  responses: { 200: json(perCapitaSchema, 'The computation'), ...problems },
});

export function incomeRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = requireActor(c);
      const query = c.req.valid('query');
      const household = await findScopedHousehold(db, actor, query.householdId);
      const page = await listIncome(db, household.id, query);
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'household',
        resourceId: household.id,
        fields: AMOUNT_FIELDS,
      });
      return c.json(page, 200);
    })
    .openapi(createIncomeRoute, async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      const household = await findScopedHousehold(db, actor, input.householdId, trackingRecorders);
      const periodStart = periodStartOf(input.periodKind, input.period);
      if (periodStart > chinaToday())
        throw new AppError('validation', 'Income cannot be recorded for a future period', {
          errors: [{ path: 'json.period', message: 'must not be in the future', code: 'in-future' }],
        });
      const record = await recordIncomeAudited(db, c, household, input, {
        recordedBy: actor.userId,
        visitId: input.visitId ?? null,
      });
      return c.json(record, 201);
    })
    .openapi(perCapitaRoute, async (c) => {
      const actor = requireActor(c);
      const { householdId, asOf } = c.req.valid('query');
      const household = await findScopedHousehold(db, actor, householdId);
      const [result] = await perCapitaIncome(db, householdsById([household.id]), asOf ?? chinaToday());
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'household',
        resourceId: household.id,
        fields: ['perCapitaNetIncome'],
      });
      return c.json(result, 200);
    });
}
