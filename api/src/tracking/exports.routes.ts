import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { todayInChina } from './dates.ts';
import { buildWorkbook, type SheetColumn } from './exports.ts';
import { perCapitaIncome } from './income.ts';
import { scopedRegionHouseholds } from './reports.ts';
import { exportQuery } from './schema.ts';
import { findScopedRegion, underRegion } from './scope.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportRoute = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    summary,
    request: { query: exportQuery },
    responses: {
      200: { description: 'An Excel workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
      401: { description: 'Not signed in' },
      403: { description: 'Not available to this role' },
      404: { description: 'No such region, or out of scope' },
    },
  });

/** Ledgers officials ask for (台账), scoped like any read and audited with the fields they hold. */
export function exportRoutes({ db }: AppDeps) {
  async function regionPathFor(actor: Actor, code: string | undefined): Promise<string> {
    requireRole(actor, 'worker', 'official', 'admin');
    if (!code) return '/';
    return (await findScopedRegion(db, actor, code)).path;
  }
  async function send(
    c: Context<AppEnv>,
    name: string,
    columns: SheetColumn[],
    rows: Record<string, unknown>[],
    fields: string[],
  ) {
    const body = await buildWorkbook(name, columns, rows);
    await writeAudit(db, c, {
      action: 'export',
      resourceType: name,
      resourceId: c.req.query('region') ?? null,
      fields,
      detail: { rows: rows.length },
    });
    return c.body(body, 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${name}-${todayInChina()}.xlsx"`,
    });
  }
  return createRouter()
    .openapi(exportRoute('/households.xlsx', 'Household roster with status (花名册)'), async (c) => {
      const actor = requireActor(c);
      const path = await regionPathFor(actor, c.req.valid('query').region);
      const rows = await householdRows(db, actor, path);
      const columns: SheetColumn[] = [
        { header: '户编号 Household', key: 'householdNumber' },
        { header: '安置点 Site', key: 'site', width: 20 },
        { header: '监测类别 Category', key: 'monitoringCategory' },
        { header: '人口 Members', key: 'members' },
        { header: '劳动力 Able to work', key: 'able' },
        { header: '就业 Employed', key: 'employed' },
        { header: '人均纯收入 Per-capita income', key: 'perCapita', width: 20 },
        { header: '折算 Annualised', key: 'annualised' },
        { header: '监测线 Line', key: 'line' },
        { header: '低保 Dibao', key: 'dibaoState' },
        { header: '帮扶责任人 Responsible', key: 'worker' },
        { header: '上次走访 Last visit', key: 'lastVisit' },
      ];
      return send(c, 'households', columns, rows, ['perCapitaNetIncome', 'dibaoState']);
    })
    .openapi(
      exportRoute('/employment.xlsx', 'Employment ledger: every member with labour capacity and work'),
      async (c) => {
        const actor = requireActor(c);
        const path = await regionPathFor(actor, c.req.valid('query').region);
        const rows = await db
          .selectFrom('persons')
          .innerJoin('households', 'households.id', 'persons.householdId')
          .innerJoin('regions as site', 'site.id', 'households.siteId')
          .where(householdVisible(actor))
          .where(underRegion(path))
          .select([
            'households.householdNumber',
            'site.name as site',
            'persons.name',
            'persons.relation',
            'persons.laborCapacity',
            'persons.employmentStatus',
            sql<string | null>`(select to_char(max(valid_from), 'YYYY-MM-DD') from registry_history rh
            where rh.person_id = persons.id and rh.attribute = 'employment_status')`.as('since'),
          ])
          .orderBy('households.householdNumber')
          .orderBy('persons.id')
          .execute();
        const columns: SheetColumn[] = [
          { header: '户编号 Household', key: 'householdNumber' },
          { header: '安置点 Site', key: 'site', width: 20 },
          { header: '姓名 Name', key: 'name' },
          { header: '关系 Relation', key: 'relation' },
          { header: '劳动能力 Labour capacity', key: 'laborCapacity' },
          { header: '就业状态 Employment', key: 'employmentStatus', width: 20 },
          { header: '起始 Since', key: 'since' },
        ];
        return send(c, 'employment', columns, rows, ['employmentStatus']);
      },
    )
    .openapi(
      exportRoute('/alerts.xlsx', 'Alert ledger: every alert with its state, deadline and measure'),
      async (c) => {
        const actor = requireActor(c);
        const path = await regionPathFor(actor, c.req.valid('query').region);
        const rows = await db
          .selectFrom('alerts')
          .innerJoin('households', 'households.id', 'alerts.householdId')
          .innerJoin('regions as site', 'site.id', 'households.siteId')
          .leftJoin('users as worker', 'worker.id', 'alerts.responsibleWorkerId')
          .where(householdVisible(actor))
          .where(underRegion(path))
          .select([
            'households.householdNumber',
            'site.name as site',
            'alerts.ruleId',
            'alerts.state',
            'alerts.explanationZh',
            'worker.name as worker',
            'alerts.deadline',
            sql<string>`to_char(alerts.opened_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('openedOn'),
            'alerts.measure',
            'alerts.closeNote',
            sql<string | null>`to_char(alerts.escalated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as(
              'escalatedOn',
            ),
          ])
          .orderBy('alerts.deadline')
          .orderBy('alerts.id')
          .execute();
        const columns: SheetColumn[] = [
          { header: '户编号 Household', key: 'householdNumber' },
          { header: '安置点 Site', key: 'site', width: 20 },
          { header: '规则 Rule', key: 'ruleId', width: 24 },
          { header: '状态 State', key: 'state' },
          { header: '说明 Explanation', key: 'explanationZh', width: 60 },
          { header: '责任人 Responsible', key: 'worker' },
          { header: '期限 Deadline', key: 'deadline' },
          { header: '产生 Opened', key: 'openedOn' },
          { header: '措施 Measure', key: 'measure' },
          { header: '备注 Note', key: 'closeNote', width: 30 },
          { header: '上报 Escalated', key: 'escalatedOn' },
        ];
        return send(c, 'alerts', columns, rows, ['facts']);
      },
    );
}

async function householdRows(db: Db, actor: Actor, path: string) {
  const rows = await db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .leftJoin('users as worker', 'worker.id', 'households.responsibleWorkerId')
    .leftJoin('dibaoEnrolments as d', 'd.householdId', 'households.id')
    .where(householdVisible(actor))
    .where(underRegion(path))
    .select([
      'households.id',
      'households.householdNumber',
      'site.name as site',
      'households.monitoringCategory',
      'worker.name as worker',
      'd.state as dibaoState',
      sql<number>`(select count(*) from persons p where p.household_id = households.id)::int`.as('members'),
      sql<number>`(select count(*) from persons p where p.household_id = households.id
        and p.labor_capacity in ('full', 'weak'))::int`.as('able'),
      sql<number>`(select count(*) from persons p where p.household_id = households.id
        and p.employment_status in ('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed'))::int`.as(
        'employed',
      ),
      sql<
        string | null
      >`(select to_char(max(visited_on), 'YYYY-MM-DD') from visits v where v.household_id = households.id)`.as(
        'lastVisit',
      ),
    ])
    .orderBy('households.householdNumber')
    .execute();
  const incomes = await perCapitaIncome(db, scopedRegionHouseholds(db, actor, path), todayInChina());
  const byId = new Map(incomes.map((row) => [row.householdId, row]));
  return rows.map((row) => {
    const income = byId.get(row.id);
    return {
      ...row,
      perCapita: income?.perCapitaNetIncome ?? null,
      annualised: income?.annualised ? `${income.monthsWithData}/12` : '',
      line: income?.line ?? null,
    };
  });
}
