import { createHash } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { readRoster } from '../../spreadsheet/read-table.ts';
import { applyPlan } from './roster-apply.ts';
import { planRoster } from './roster-plan.ts';
import {
  insertImportRecord,
  type Mapping,
  markFactsImport,
  rememberedMapping,
  rememberMapping,
} from './roster-queries.ts';
import { describeColumn, type ImportReport } from './roster-report.ts';
import { findHeader, headerSignature } from './roster-rows.ts';

export type { ImportReport, PreviewEntry } from './roster-report.ts';

class RollBack extends Error {}

/**
 * Imports a roster in three steps inside ONE transaction: plan (parse, check, match against the
 * database: roster-plan.ts), apply (the writes: roster-apply.ts), report (roster-report.ts). A
 * dry run applies and rolls back, so its preview is exactly what a commit would do; a commit with
 * any rejected row rolls back too (all or nothing) unless `keepValid` asks for the valid
 * households only. The headers are read by the worker's mapping when given, else by the mapping
 * last chosen for the same headers at one of the actor's sites, else by Anju's own names; a
 * committed import remembers a given mapping for its sites.
 */
export async function importRoster(
  db: Db,
  options: {
    actor: Actor;
    encryptionKey: string | undefined;
    fileName: string;
    file: Buffer;
    dryRun: boolean;
    keepValid?: boolean;
    /** The worker's own reading of headers: header as written → field, or null for “do not read”. */
    mapping?: Mapping;
  },
): Promise<ImportReport & { mappingUsed: Mapping | undefined }> {
  const { actor, encryptionKey, file, dryRun } = options;
  const keepValid = options.keepValid ?? false;
  const today = chinaToday();
  const raw = await readRoster(file);
  const fileHeader = findHeader(raw);
  const signature = fileHeader ? headerSignature(fileHeader.columns) : null;
  let mapping = options.mapping;
  let source: ImportReport['mapping']['source'] = mapping ? 'given' : 'none';
  if (!mapping && signature) {
    mapping = await rememberedMapping(db, actor, signature);
    if (mapping) source = 'remembered';
  }
  const report: ImportReport = {
    importId: null,
    dryRun,
    committed: false,
    fileSha256: createHash('sha256').update(file).digest('hex'),
    rowCount: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    households: { created: 0, updated: 0 },
    rejected: [],
    columns: [],
    notRead: [],
    skippedRows: [],
    keepValid,
    heldBack: [],
    workflowRequired: [],
    mapping: { source, signature },
    defaulted: { laborCapacity: 0, employmentStatus: 0 },
    incomeRecorded: 0,
    preview: [],
    changedPersonIds: [],
  };
  try {
    await db.transaction().execute(async (trx) => {
      // One import at a time: two concurrent uploads of overlapping rosters cannot interleave.
      await sql`select pg_advisory_xact_lock(hashtext('anju:roster-import'))`.execute(trx);
      const plan = await planRoster(trx, { actor, encryptionKey, raw, today, keepValid, mapping });
      Object.assign(report, {
        rowCount: plan.parsed.rowCount,
        rejected: plan.rejected,
        columns: plan.parsed.columns.map(describeColumn),
        notRead: plan.parsed.columns.filter((c) => !c.field).map((c) => c.header),
        skippedRows: plan.parsed.skipped,
        heldBack: plan.heldBack,
      });
      const { factsWritten } = await applyPlan(trx, plan, report, { actor, encryptionKey, today });
      if (dryRun || (report.rejected.length > 0 && !keepValid)) throw new RollBack();
      report.committed = true;
      // In the same transaction: a crash can never leave committed rows without their import record.
      report.importId = await recordImport(trx, actor, options.fileName, report);
      await markFactsImport(trx, factsWritten, report.importId);
      if (options.mapping && signature && fileHeader) {
        await rememberMapping(trx, {
          siteIds: [...new Set([...plan.siteOfRow.values()].map((s) => s.id))],
          signature,
          headers: fileHeader.columns.map((c) => c.header),
          mapping: options.mapping,
          userId: actor.userId,
        });
      }
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (!report.committed) {
    report.changedPersonIds = [];
    report.incomeRecorded = dryRun ? report.incomeRecorded : 0;
  }
  report.importId ??= await recordImport(db, actor, options.fileName, report);
  return { ...report, mappingUsed: mapping };
}

const recordImport = (db: Db, actor: Actor, fileName: string, report: ImportReport) =>
  insertImportRecord(db, {
    userId: actor.userId,
    fileName,
    fileSha256: report.fileSha256,
    committed: report.committed,
    rowCount: report.rowCount,
    createdCount: report.created,
    updatedCount: report.updated,
    unchangedCount: report.unchanged,
    rejectedCount: report.rejected.length,
  });
