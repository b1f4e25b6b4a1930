import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { maskIdNumber } from '../../access/masking.ts';
import { coversRegion } from '../../access/policy.ts';
import type { Db } from '../../db/database.ts';
import type { HistoryEntry } from '../history.ts';
import { recordHistory } from '../history.ts';
import { chinaToday, encryptField, idNumberHash } from '../id-number.ts';
import { enqueueResidents } from '../resident-search.ts';
import type { RosterColumnKey } from './roster-columns.ts';
import { readCsv, readXlsx } from './roster-read.ts';
import { type Rejection, rejection } from './roster-reasons.ts';
import type { FileColumn, RosterRow } from './roster-rows.ts';
import { findHeader, parseRoster } from './roster-rows.ts';

export interface PreviewEntry {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  householdNumber: string;
  name: string;
  changedFields: string[];
}

export interface ImportReport {
  importId: string | null;
  dryRun: boolean;
  committed: boolean;
  fileSha256: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  households: { created: number; updated: number };
  rejected: Rejection[];
  /** The file's columns: the field read from each, or why it was not read. */
  columns: { column: string; field: RosterColumnKey | null; guessed: boolean; looksLike: string | null }[];
  /** Columns of the file that were not read (listed, never silently dropped). */
  notRead: string[];
  /** Rows passed over as not persons: 合计/总计/小计 rows and signature lines. */
  skippedRows: number[];
  /** Import the valid households and leave the rejected ones (else all or nothing). */
  keepValid: boolean;
  /** With keepValid: rows without a fault of their own, left out because their household has a rejected row. */
  heldBack: number[];
  /** What would change (dry run) or changed (commit), at most 500 entries. */
  preview: PreviewEntry[];
  /** Persons created or changed: their search documents need refreshing after the commit. */
  changedPersonIds: string[];
}

const PREVIEW_LIMIT = 500;
const BATCH = 1000;

class RollBack extends Error {}

const householdFields = [
  'siteId',
  'building',
  'unit',
  'room',
  'originCounty',
  'originTownship',
  'originVillage',
  'relocationDate',
  'monitoringCategory',
] as const;
const personFields = ['name', 'relation', 'phone', 'education', 'laborCapacity', 'employmentStatus'] as const;

/**
 * Reads, checks and upserts a roster in ONE transaction keyed by the ID-number hash. A dry run
 * does every write and rolls back, so its preview is exactly what a commit would do; a commit
 * with any rejected row also rolls back (all or nothing).
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
    mapping?: Record<string, RosterColumnKey | null>;
  },
): Promise<ImportReport> {
  const { actor, encryptionKey, file, dryRun } = options;
  const keepValid = options.keepValid ?? false;
  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const today = chinaToday();
  // The raw cells are a temporary: nothing holds them through the (long) transaction below.
  const parsed = parseRoster(await readRoster(file), today, options.mapping);
  const report: ImportReport = {
    importId: null,
    dryRun,
    committed: false,
    fileSha256,
    rowCount: parsed.rowCount,
    created: 0,
    updated: 0,
    unchanged: 0,
    households: { created: 0, updated: 0 },
    rejected: parsed.rejected,
    columns: parsed.columns.map(describeColumn),
    notRead: parsed.columns.filter((c) => !c.field).map((c) => c.header),
    skippedRows: parsed.skipped,
    keepValid,
    heldBack: [],
    preview: [],
    changedPersonIds: [],
  };
  const reject = (row: RosterRow, column: string, ...[code, params]: [Rejection['code'], Record<string, string>?]) =>
    report.rejected.push(rejection(row.row, column, code, params));

  try {
    await db.transaction().execute(async (trx) => {
      // One import at a time: two concurrent uploads of overlapping rosters cannot interleave.
      await sql`select pg_advisory_xact_lock(hashtext('anju:roster-import'))`.execute(trx);

      // The actor's sites, matched by code, else by name (exact, then without spaces and 安置点/小区/社区).
      const sites = (
        await trx
          .selectFrom('regions')
          .select(['id', 'code', 'name', 'path', 'countyCode'])
          .where('level', '=', 'site')
          .execute()
      ).filter((s) => coversRegion(actor, s.path));
      type Site = (typeof sites)[number];
      const siteByCode = new Map(sites.map((s) => [s.code, s]));
      const byName = new Map<string, Site[]>();
      const byLooseName = new Map<string, Site[]>();
      for (const site of sites) {
        byName.set(site.name, [...(byName.get(site.name) ?? []), site]);
        const loose = looseSiteName(site.name);
        byLooseName.set(loose, [...(byLooseName.get(loose) ?? []), site]);
      }
      const siteOf = (row: RosterRow): Site | Site[] | undefined => {
        if (row.site.code !== undefined) return siteByCode.get(row.site.code) ?? siteByCode.get(row.site.code.trim());
        const name = row.site.name ?? '';
        const found = siteByCode.get(name) ?? byName.get(name) ?? byLooseName.get(looseSiteName(name));
        return Array.isArray(found) && found.length === 1 ? found[0] : found;
      };
      const siteOfRow = new Map<RosterRow, Site>();

      const hashes = new Map(parsed.rows.map((r) => [r, idNumberHash(encryptionKey, r.idNumber)]));
      const numbers = [...new Set(parsed.rows.map((r) => r.householdNumber))];
      const existingHouseholds = new Map(
        (numbers.length
          ? await trx
              .selectFrom('households')
              .innerJoin('regions', 'regions.id', 'households.siteId')
              .selectAll('households')
              .select('regions.path as sitePath')
              .where('householdNumber', '=', sql<string>`any(${numbers}::text[])`)
              .execute()
          : []
        ).map((h) => [h.householdNumber, h]),
      );
      const hashList = [...hashes.values()];
      const existingPersons = new Map(
        (hashList.length
          ? await trx
              .selectFrom('persons')
              .innerJoin('households', 'households.id', 'persons.householdId')
              .selectAll('persons')
              .select('households.householdNumber')
              .where('persons.idNumberHash', '=', sql<string>`any(${hashList}::text[])`)
              .execute()
          : []
        ).map((p) => [p.idNumberHash as string, p]),
      );

      // Rows that only the database can refuse.
      const accepted: RosterRow[] = [];
      for (const row of parsed.rows) {
        const site = siteOf(row);
        const siteColumn = parsed.headerOf(row.site.code !== undefined ? 'siteCode' : 'siteName');
        const siteText = row.site.code ?? row.site.name ?? '';
        const existingHousehold = existingHouseholds.get(row.householdNumber);
        const person = existingPersons.get(hashes.get(row) as string);
        if (!site) reject(row, siteColumn, 'unknown-site', { value: siteText });
        else if (Array.isArray(site)) {
          reject(row, siteColumn, 'ambiguous-site', {
            value: siteText,
            names: site.map((s) => `${s.name} ${s.code}`).join('、'),
          });
        } else if (existingHousehold && !coversRegion(actor, existingHousehold.sitePath)) {
          reject(row, parsed.headerOf('householdNumber'), 'household-outside', { household: row.householdNumber });
        } else if (person && person.householdNumber !== row.householdNumber) {
          reject(row, parsed.headerOf('idNumber'), 'id-in-other-household', { household: person.householdNumber });
        } else {
          siteOfRow.set(row, site);
          accepted.push(row);
        }
      }
      report.rejected.sort((a, b) => a.row - b.row);
      if (keepValid) {
        // A household goes in whole or not at all: one rejected row holds back all of its rows.
        const rejectedRows = new Set(report.rejected.map((r) => r.row));
        const held = new Set(
          [...parsed.householdRows].filter(([, rows]) => rows.some((r) => rejectedRows.has(r))).map(([n]) => n),
        );
        for (const row of accepted.filter((r) => held.has(r.householdNumber))) report.heldBack.push(row.row);
        accepted.splice(0, accepted.length, ...accepted.filter((r) => !held.has(r.householdNumber)));
      }

      // Households: create the new, update the changed (the first row of a household carries its facts).
      const membersOf = new Map<string, RosterRow[]>();
      for (const row of accepted)
        membersOf.set(row.householdNumber, [...(membersOf.get(row.householdNumber) ?? []), row]);
      const householdIds = new Map<string, { id: string; countyCode: string }>();
      const history: HistoryEntry[] = [];
      const newHouseholds: Record<string, unknown>[] = [];
      const householdUpdates: Record<string, unknown>[] = [];
      for (const [number, members] of membersOf) {
        const site = siteOfRow.get(members[0]) as Site;
        const desired: Record<string, unknown> = { siteId: site.id };
        for (const field of householdFields.slice(1)) {
          const value = mergedHouseholdValue(members, field);
          if (value !== undefined) desired[field] = value;
        }
        const existing = existingHouseholds.get(number);
        if (!existing) {
          newHouseholds.push({ householdNumber: number, countyCode: site.countyCode, ...desired });
          continue;
        }
        householdIds.set(number, { id: existing.id, countyCode: site.countyCode as string });
        const changed = householdFields.filter(
          (f) => desired[f] !== undefined && String(desired[f]) !== String(existing[f] ?? ''),
        );
        if (changed.length === 0) continue;
        const { sitePath: _path, ...stored } = existing;
        householdUpdates.push({ ...stored, ...desired, countyCode: site.countyCode, version: existing.version + 1 });
        report.households.updated++;
        for (const field of changed) {
          if (field === 'siteId' || field === 'monitoringCategory') {
            history.push({
              countyCode: site.countyCode as string,
              householdId: existing.id,
              personId: null,
              attribute: field === 'siteId' ? 'site' : 'monitoring_category',
              value: String(desired[field]),
              validFrom: today,
              recordedBy: actor.userId,
            });
          }
        }
      }
      for (let i = 0; i < newHouseholds.length; i += BATCH) {
        const inserted = await trx
          .insertInto('households')
          .values(newHouseholds.slice(i, i + BATCH) as never)
          .returning(['id', 'householdNumber', 'countyCode', 'siteId', 'monitoringCategory'])
          .execute();
        for (const h of inserted) {
          householdIds.set(h.householdNumber, { id: h.id, countyCode: h.countyCode });
          history.push(
            {
              countyCode: h.countyCode,
              householdId: h.id,
              personId: null,
              attribute: 'site',
              value: h.siteId,
              validFrom: today,
              recordedBy: actor.userId,
            },
            {
              countyCode: h.countyCode,
              householdId: h.id,
              personId: null,
              attribute: 'monitoring_category',
              value: h.monitoringCategory,
              validFrom: today,
              recordedBy: actor.userId,
            },
          );
        }
      }
      report.households.created = newHouseholds.length;
      for (let i = 0; i < householdUpdates.length; i += BATCH) {
        await sql`
          update households h set site_id = x.site_id, county_code = x.county_code, building = x.building, unit = x.unit, room = x.room,
            origin_county = x.origin_county, origin_township = x.origin_township, origin_village = x.origin_village,
            relocation_date = x.relocation_date, monitoring_category = x.monitoring_category, version = x.version, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(householdUpdates.slice(i, i + BATCH).map(snakeKeys))}::jsonb) as x(
            id bigint, site_id bigint, county_code text, building text, unit text, room text, origin_county text,
            origin_township text, origin_village text, relocation_date date, monitoring_category text, version int)
          where h.id = x.id`.execute(trx);
        const moved = householdUpdates.slice(i, i + BATCH).map((h) => h.id as string);
        await trx
          .updateTable('persons')
          .set({ countyCode: sql`(select county_code from households where households.id = persons.household_id)` })
          .where('householdId', '=', sql<string>`any(${moved}::bigint[])`)
          .execute();
      }

      // Persons: insert the new, update the changed, leave the unchanged untouched.
      const newPersons: Record<string, unknown>[] = [];
      const newPersonRows: RosterRow[] = [];
      const personUpdates: Record<string, unknown>[] = [];
      for (const row of accepted) {
        const household = householdIds.get(row.householdNumber) as { id: string; countyCode: string };
        const existing = existingPersons.get(hashes.get(row) as string);
        const desired: Record<string, unknown> = {
          name: row.name,
          relation: row.relation,
          birthDate: row.birthDate,
          sex: row.sex,
        };
        for (const field of personFields) if (row[field] !== undefined) desired[field] = row[field];
        if (!existing) {
          newPersons.push({
            ...desired,
            householdId: household.id,
            countyCode: household.countyCode,
            idNumberEncrypted: encryptField(encryptionKey, row.idNumber),
            idNumberHash: hashes.get(row),
            idNumberMasked: maskIdNumber(row.idNumber),
          });
          newPersonRows.push(row);
          addPreview(report, {
            row: row.row,
            action: 'create',
            householdNumber: row.householdNumber,
            name: row.name,
            changedFields: [],
          });
          report.created++;
          continue;
        }
        const changed = Object.keys(desired).filter(
          (f) => String(desired[f]) !== String(existing[f as keyof typeof existing] ?? ''),
        );
        if (changed.length === 0) {
          report.unchanged++;
          addPreview(report, {
            row: row.row,
            action: 'unchanged',
            householdNumber: row.householdNumber,
            name: row.name,
            changedFields: [],
          });
          continue;
        }
        personUpdates.push({ ...existing, ...desired, version: existing.version + 1 });
        report.updated++;
        report.changedPersonIds.push(existing.id);
        addPreview(report, {
          row: row.row,
          action: 'update',
          householdNumber: row.householdNumber,
          name: row.name,
          changedFields: changed,
        });
        for (const field of changed) {
          if (field === 'employmentStatus' || field === 'laborCapacity') {
            history.push({
              countyCode: household.countyCode,
              householdId: household.id,
              personId: existing.id,
              attribute: field === 'employmentStatus' ? 'employment_status' : 'labor_capacity',
              value: String(desired[field]),
              validFrom: today,
              recordedBy: actor.userId,
            });
          }
        }
      }
      for (let i = 0; i < newPersons.length; i += 5 * BATCH) {
        // One JSON parameter per batch: far less work than a 13-column VALUES list for 50,000 rows.
        const { rows: inserted } = await sql<{
          id: string;
          householdId: string;
          countyCode: string;
          employmentStatus: string;
          laborCapacity: string;
        }>`
          insert into persons (household_id, county_code, name, relation, birth_date, sex, phone, education, labor_capacity,
            employment_status, id_number_encrypted, id_number_hash, id_number_masked)
          select x.household_id, x.county_code, x.name, x.relation, x.birth_date, x.sex, x.phone, x.education,
            coalesce(x.labor_capacity, 'none'), coalesce(x.employment_status, 'not_seeking'),
            x.id_number_encrypted, x.id_number_hash, x.id_number_masked
          from jsonb_to_recordset(${JSON.stringify(newPersons.slice(i, i + 5 * BATCH).map(snakeKeys))}::jsonb) as x(
            household_id bigint, county_code text, name text, relation text, birth_date date, sex text, phone text,
            education text, labor_capacity text, employment_status text, id_number_encrypted text, id_number_hash text,
            id_number_masked text)
          returning id, household_id, county_code, employment_status, labor_capacity`.execute(trx);
        for (const p of inserted) {
          report.changedPersonIds.push(p.id);
          history.push(
            {
              countyCode: p.countyCode,
              householdId: p.householdId,
              personId: p.id,
              attribute: 'employment_status',
              value: p.employmentStatus,
              validFrom: today,
              recordedBy: actor.userId,
            },
            {
              countyCode: p.countyCode,
              householdId: p.householdId,
              personId: p.id,
              attribute: 'labor_capacity',
              value: p.laborCapacity,
              validFrom: today,
              recordedBy: actor.userId,
            },
          );
        }
      }
      for (let i = 0; i < personUpdates.length; i += BATCH) {
        await sql`
          update persons p set name = x.name, relation = x.relation, birth_date = x.birth_date, sex = x.sex, phone = x.phone,
            education = x.education, labor_capacity = x.labor_capacity, employment_status = x.employment_status,
            version = x.version, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(personUpdates.slice(i, i + BATCH).map(snakeKeys))}::jsonb) as x(
            id bigint, name text, relation text, birth_date date, sex text, phone text, education text,
            labor_capacity text, employment_status text, version int)
          where p.id = x.id`.execute(trx);
      }
      await recordHistory(trx, history);
      await enqueueResidents(trx, report.changedPersonIds);

      if (dryRun || (report.rejected.length > 0 && !keepValid)) throw new RollBack();
      report.committed = true;
      // In the same transaction: a crash can never leave committed rows without their import record.
      report.importId = await insertImportRecord(trx, actor.userId, options.fileName, report);
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (!report.committed) report.changedPersonIds = [];
  report.importId ??= await insertImportRecord(db, actor.userId, options.fileName, report);
  return report;
}

/** The raw rows of an .xlsx (a zip) or a CSV. */
export async function readRoster(file: Buffer) {
  return file[0] === 0x50 && file[1] === 0x4b ? readXlsx(file) : readCsv(file);
}

/**
 * The rejected rows (and the rows held back with them) in the file's own layout: its title and
 * header rows as they are, then those rows, each with a 问题 column saying what to fix.
 */
export async function rejectedRowsWorkbook(
  file: Buffer,
  report: ImportReport,
  mapping?: Record<string, RosterColumnKey | null>,
): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const raw = await readRoster(file);
  const header = findHeader(raw, mapping);
  const dataStart = header?.dataStart ?? 0;
  const problems = new Map<number, string[]>();
  for (const r of report.rejected) problems.set(r.row, [...(problems.get(r.row) ?? []), `${r.column}：${r.reason}`]);
  for (const row of report.heldBack)
    problems.set(row, [...(problems.get(row) ?? []), '同户有其他行被退回，整户未导入']);
  const width = Math.max(1, ...raw.slice(0, dataStart).map((r) => r.cells.length), header?.columns.length ?? 0);
  const book = new excel.Workbook();
  const sheet = book.addWorksheet('退回的行');
  let at = 1;
  for (const row of raw.slice(0, dataStart)) {
    sheet.getRow(at).values = row.cells;
    at++;
  }
  if (dataStart > 0) sheet.getRow(dataStart).getCell(width + 1).value = '问题';
  for (const row of raw.slice(dataStart)) {
    const found = problems.get(row.row);
    if (!found) continue;
    const target = sheet.getRow(at++);
    row.cells.forEach((cell, index) => {
      // Text stays text: an ID number must not become a number again.
      target.getCell(index + 1).value = cell;
    });
    target.getCell(width + 1).value = found.join('；');
  }
  sheet.getColumn(width + 1).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function insertImportRecord(db: Db, userId: string, fileName: string, report: ImportReport): Promise<string> {
  const record = await db
    .insertInto('rosterImports')
    .values({
      userId,
      fileName,
      fileSha256: report.fileSha256,
      committed: report.committed,
      rowCount: report.rowCount,
      createdCount: report.created,
      updatedCount: report.updated,
      unchangedCount: report.unchanged,
      rejectedCount: report.rejected.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return record.id;
}

function addPreview(report: ImportReport, entry: PreviewEntry) {
  if (report.preview.length < PREVIEW_LIMIT) report.preview.push(entry);
}

/** The first non-blank value of a household field among its rows, the head's row first. */
function mergedHouseholdValue(members: RosterRow[], field: (typeof householdFields)[number]) {
  if (field === 'siteId') return undefined;
  const head = members.find((m) => m.relation === 'head');
  if (head?.[field] !== undefined) return head[field];
  return members.find((m) => m[field] !== undefined)?.[field];
}

/** A site name without spaces or its 安置点/安置区/小区/社区 suffix: 幸福家园 安置点 = 幸福家园小区. */
const looseSiteName = (name: string) =>
  name.replace(/[\s（）()]/g, '').replace(/(易地扶贫搬迁)?(集中)?(安置点|安置区|安置小区|小区|社区)$/, '');

const describeColumn = (c: FileColumn) => ({
  column: c.header,
  field: c.field ?? null,
  guessed: c.guessed ?? false,
  looksLike: c.looksLike || null,
});

const snakeKeys = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), value]),
  );
