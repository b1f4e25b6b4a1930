import { chinaToday } from '@anju/domain/clock';
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { createRouter } from '../http/router.ts';
import { dashboardSheets } from './dashboard-export.ts';
import { type ExportWord, exportLang, exportWord, translateRows } from './export-labels.ts';
import { alertLedger, employmentLedger, householdLedger } from './exports.queries.ts';
import { buildWorkbook, type Sheet, type SheetColumn } from './exports.ts';
import { dashboardReports } from './reports.ts';
import { dashboardExportQuery, exportQuery } from './schema.ts';
import { findScopedRegion } from './scope.ts';

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
        await householdLedger(db, actor, path),
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
        const ledger = await employmentLedger(db, actor, path);
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
        const ledger = await alertLedger(db, actor, path, lang);
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
