import { chinaToday } from '@anju/domain/clock';
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { householdVisible, requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { dashboardSheets } from './dashboard-export.ts';
import { type ExportWord, exportLang, exportWord, translateRows } from './export-labels.ts';
import { buildWorkbook, type Sheet, type SheetColumn } from './exports.ts';
import { perCapitaIncome } from './income.ts';
import { dashboardReports, scopedRegionHouseholds } from './reports.ts';
import { dashboardExportQuery, exportQuery } from './schema.ts';
import { findScopedRegion, underRegion } from './scope.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportRoute = (
  path: string,
  summary: string,
  query: typeof exportQuery | typeof dashboardExportQuery = exportQuery,
) =>
  createRoute({
    method: 'get',
    path,
    summary,
    request: { query },
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
  async function send(c: Context<AppEnv>, name: string, sheets: Sheet[], fields: string[], rowCount: number) {
    const body = await buildWorkbook(sheets);
    await writeAudit(db, c, {
      action: 'export',
      resourceType: name,
      resourceId: c.req.query('region') ?? null,
      fields,
      detail: { rows: rowCount },
    });
    return c.body(body, 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${name}-${chinaToday()}.xlsx"`,
    });
  }
  return createRouter()
    .openapi(exportRoute('/households.xlsx', 'Household roster with status (花名册)'), async (c) => {
      const actor = requireActor(c);
      const path = await regionPathFor(actor, c.req.valid('query').region);
      const lang = exportLang(c, c.req.valid('query').lang);
      const rows = translateRows(
        await householdRows(db, actor, path),
        { monitoringCategory: 'monitoringCategory', dibaoState: 'dibaoState' },
        lang,
      );
      const w = (word: ExportWord) => exportWord(word, lang);
      const columns: SheetColumn[] = [
        { header: w('householdNumber'), key: 'householdNumber' },
        { header: w('site'), key: 'site', width: 20 },
        { header: w('category'), key: 'monitoringCategory' },
        { header: w('members'), key: 'members' },
        { header: w('able'), key: 'able' },
        { header: w('employed'), key: 'employed' },
        { header: w('perCapita'), key: 'perCapita', width: 20 },
        { header: w('annualised'), key: 'annualised' },
        { header: w('line'), key: 'line' },
        { header: w('dibao'), key: 'dibaoState' },
        { header: w('responsible'), key: 'worker' },
        { header: w('lastVisit'), key: 'lastVisit' },
      ];
      return send(
        c,
        'households',
        [{ name: w('households'), columns, rows }],
        ['perCapitaNetIncome', 'dibaoState'],
        rows.length,
      );
    })
    .openapi(
      exportRoute('/employment.xlsx', 'Employment ledger: every member with labour capacity and work'),
      async (c) => {
        const actor = requireActor(c);
        const path = await regionPathFor(actor, c.req.valid('query').region);
        const lang = exportLang(c, c.req.valid('query').lang);
        const w = (word: ExportWord) => exportWord(word, lang);
        const ledger = await db
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
        const rows = translateRows(
          ledger,
          { relation: 'relation', laborCapacity: 'laborCapacity', employmentStatus: 'employmentStatus' },
          lang,
        );
        const columns: SheetColumn[] = [
          { header: w('householdNumber'), key: 'householdNumber' },
          { header: w('site'), key: 'site', width: 20 },
          { header: w('name'), key: 'name' },
          { header: w('relation'), key: 'relation' },
          { header: w('laborCapacity'), key: 'laborCapacity' },
          { header: w('employmentStatus'), key: 'employmentStatus', width: 20 },
          { header: w('since'), key: 'since' },
        ];
        return send(c, 'employment', [{ name: w('employment'), columns, rows }], ['employmentStatus'], rows.length);
      },
    )
    .openapi(
      exportRoute('/alerts.xlsx', 'Alert ledger: every alert with its state, deadline and measure'),
      async (c) => {
        const actor = requireActor(c);
        const path = await regionPathFor(actor, c.req.valid('query').region);
        const lang = exportLang(c, c.req.valid('query').lang);
        const w = (word: ExportWord) => exportWord(word, lang);
        const ledger = await db
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
            lang === 'en' ? 'alerts.explanationEn as explanation' : 'alerts.explanationZh as explanation',
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
        const rows = translateRows(ledger, { ruleId: 'ruleId', state: 'alertState', measure: 'measure' }, lang);
        const columns: SheetColumn[] = [
          { header: w('householdNumber'), key: 'householdNumber' },
          { header: w('site'), key: 'site', width: 20 },
          { header: w('rule'), key: 'ruleId', width: 24 },
          { header: w('state'), key: 'state' },
          { header: w('explanation'), key: 'explanation', width: 60 },
          { header: w('responsible'), key: 'worker' },
          { header: w('deadline'), key: 'deadline' },
          { header: w('opened'), key: 'openedOn' },
          { header: w('measure'), key: 'measure' },
          { header: w('note'), key: 'closeNote', width: 30 },
          { header: w('escalated'), key: 'escalatedOn' },
        ];
        return send(c, 'alerts', [{ name: w('alerts'), columns, rows }], ['facts'], rows.length);
      },
    )
    .openapi(
      exportRoute(
        '/dashboard.xlsx',
        'The dashboard as shown (figures, compared regions, trend, sub-regions, workers, alerts by kind)',
        dashboardExportQuery,
      ),
      async (c) => {
        const actor = requireActor(c);
        requireRole(actor, 'worker', 'official', 'admin');
        const { region, lang: asked, ...range } = c.req.valid('query') as z.infer<typeof dashboardExportQuery>;
        const lang = exportLang(c, asked);
        const reports = await dashboardReports(db, actor, region, range, chinaToday());
        return send(c, 'dashboard', dashboardSheets(reports, lang), ['medianPerCapitaNetIncome'], reports.length);
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
  const incomes = await perCapitaIncome(db, scopedRegionHouseholds(db, actor, path), chinaToday());
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
