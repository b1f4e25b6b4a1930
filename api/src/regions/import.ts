import type { RegionLevel } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { type RawCell, type RawRow, readCsv, readXlsx } from '../spreadsheet/read-table.ts';
import { impliedParentCode, regionCodeProblems, shortRegionCode } from './codes.ts';
import { findRegion, insertRegion } from './queries.ts';
import type { RegionImportReport } from './schema.ts';
import { mayCreateUnder } from './service.ts';

/**
 * Import of administrative divisions from a spreadsheet (.xlsx, or CSV in UTF-8/GBK) with the
 * columns 区划代码, 名称, 上级代码 and optionally 层级 (header synonyms below). The level, when
 * absent, follows from the GB/T 2260 code. The statistics office's table as published (统计用区划代码,
 * every code padded to 12 digits, no 上级代码 column) is read as it is: padded codes are cut back and
 * a missing parent follows from the code's prefix. A dry run does every write and rolls back; a
 * commit with any rejected row also rolls back (all or nothing).
 */

type Column = 'code' | 'name' | 'parentCode' | 'level';
const headers: Record<Column, string[]> = {
  code: ['区划代码', '行政区划代码', '统计用区划代码', '代码', '编码', '区划编码', 'code'],
  name: ['名称', '区划名称', '行政区划名称', '单位名称', 'name'],
  parentCode: ['上级代码', '上级区划代码', '上级编码', '父级代码', '所属上级代码', 'parentcode', 'parent'],
  level: ['层级', '级别', '区划级别', '类型', 'level'],
};
const columnZh: Record<Column, string> = { code: '区划代码', name: '名称', parentCode: '上级代码', level: '层级' };

const levelWords: Record<string, Exclude<RegionLevel, 'site'>> = {
  省: 'province',
  省级: 'province',
  自治区: 'province',
  直辖市: 'province',
  province: 'province',
  市: 'city',
  市级: 'city',
  地级市: 'city',
  州: 'city',
  地区: 'city',
  city: 'city',
  县: 'county',
  县级: 'county',
  区: 'county',
  县区: 'county',
  县级市: 'county',
  county: 'county',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
  街道: 'township',
  乡镇级: 'township',
  township: 'township',
  村: 'village',
  社区: 'village',
  村社区: 'village',
  '村（社区）': 'village',
  '村(社区)': 'village',
  居委会: 'village',
  村委会: 'village',
  village: 'village',
  网格: 'grid',
  grid: 'grid',
};

const normalise = (text: string) => text.replace(/[\s*＊]/g, '').toLowerCase();
const text = (cell: RawCell | undefined) =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? '' : String(cell).trim();

/** The level a GB/T 2260 (or statistical) code implies, when the file does not say. */
function levelOfCode(code: string): Exclude<RegionLevel, 'site'> | undefined {
  if (/^\d{12}$/.test(code)) return 'village';
  if (/^\d{9}$/.test(code)) return 'township';
  if (/^\d{2}0000$/.test(code)) return 'province';
  if (/^\d{4}00$/.test(code)) return 'city';
  if (/^\d{6}$/.test(code)) return 'county';
  return undefined;
}

interface Row {
  row: number;
  code: string;
  name: string;
  parentCode: string | null;
  /** The parent was not in the file but follows from the code's prefix (statistics office tables). */
  parentImplied: boolean;
  level: Exclude<RegionLevel, 'site'>;
}

function findHeader(raw: RawRow[]) {
  for (const [index, candidate] of raw.slice(0, 10).entries()) {
    const map: Partial<Record<Column, number>> = {};
    candidate.cells.forEach((cell, position) => {
      const header = normalise(text(cell));
      for (const [column, names] of Object.entries(headers) as [Column, string[]][]) {
        if (map[column] === undefined && names.some((name) => normalise(name) === header)) map[column] = position;
      }
    });
    if (map.code !== undefined && map.name !== undefined) return { index, map };
  }
  return undefined;
}

const previewOf = (
  row: Row,
  parent: { code: string } | null | undefined,
  outcome: RegionImportReport['preview'][number]['outcome'],
) => ({ row: row.row, code: row.code, name: row.name, level: row.level, parentCode: parent?.code ?? null, outcome });

export async function importRegions(
  db: Db,
  options: { actor: Actor; file: Buffer; dryRun: boolean },
): Promise<RegionImportReport> {
  const { actor, file, dryRun } = options;
  const isXlsx = file[0] === 0x50 && file[1] === 0x4b;
  const raw = isXlsx ? await readXlsx(file) : await readCsv(file);
  const report: RegionImportReport = {
    dryRun,
    committed: false,
    rowCount: 0,
    created: 0,
    renamed: 0,
    unchanged: 0,
    rejected: [],
    preview: [],
  };
  const header = findHeader(raw);
  if (!header) {
    report.rejected.push({
      row: raw[0]?.row ?? 1,
      column: '区划代码',
      reason: '找不到表头：需要「区划代码」和「名称」两列',
    });
    return report;
  }
  const reject = (row: number, column: Column, reason: string) =>
    report.rejected.push({ row, column: columnZh[column], reason });

  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const line of raw.slice(header.index + 1)) {
    const cell = (column: Column) => {
      const position = header.map[column];
      return position === undefined ? '' : text(line.cells[position]);
    };
    const code = shortRegionCode(cell('code'));
    const name = cell('name');
    const statedParent = shortRegionCode(cell('parentCode')) || null;
    const levelText = cell('level');
    if (!code && !name && !statedParent && !levelText) continue;
    report.rowCount++;
    if (!code) {
      reject(line.row, 'code', '区划代码不能为空');
      continue;
    }
    if (!name) {
      reject(line.row, 'name', '名称不能为空');
      continue;
    }
    if (name.length > 100) {
      reject(line.row, 'name', '名称最多 100 个字');
      continue;
    }
    const level = levelText ? levelWords[normalise(levelText)] : levelOfCode(code);
    if (!level) {
      reject(line.row, 'level', levelText ? `不认识的层级「${levelText}」` : '无法从代码判断层级，请填写「层级」列');
      continue;
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      reject(line.row, 'code', `代码与第 ${earlier} 行重复`);
      continue;
    }
    seen.set(code, line.row);
    const parentCode = statedParent ?? impliedParentCode(code);
    rows.push({ row: line.row, code, name, parentCode, parentImplied: !statedParent && parentCode !== null, level });
  }

  // Parents first: a row waits until its parent exists (in the database or earlier in the file).
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const ordered: Row[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (row: Row) => {
    if (placed.has(row.code) || visiting.has(row.code)) return;
    visiting.add(row.code);
    const parent = row.parentCode ? byCode.get(row.parentCode) : undefined;
    if (parent) place(parent);
    visiting.delete(row.code);
    placed.add(row.code);
    ordered.push(row);
  };
  for (const row of rows) place(row);

  class Rollback extends Error {}
  try {
    await db.transaction().execute(async (trx) => {
      // One region import at a time, so two uploads cannot interleave their parents.
      await sql`select pg_advisory_xact_lock(hashtext('anju:region-import'))`.execute(trx);
      const failed = new Set<string>();
      for (const row of ordered) {
        if (row.parentCode && failed.has(row.parentCode)) {
          reject(row.row, 'parentCode', `上级 ${row.parentCode} 这一行有错误`);
          failed.add(row.code);
          continue;
        }
        const parent = row.parentCode ? await findRegion(trx, { code: row.parentCode }) : null;
        // A province or city whose parent only follows from its code may stand as a root.
        const mayBeRoot = row.parentImplied && (row.level === 'province' || row.level === 'city');
        if (row.parentCode && !parent && !mayBeRoot) {
          const implied = row.parentImplied ? '（由区划代码推出；文件里没有这一级，系统里也没有）' : '';
          reject(row.row, 'parentCode', `找不到上级代码 ${row.parentCode}${implied}`);
          failed.add(row.code);
          continue;
        }
        if (parent?.retiredAt) {
          reject(row.row, 'parentCode', `上级 ${row.parentCode} 已撤销`);
          failed.add(row.code);
          continue;
        }
        const existing = await findRegion(trx, { code: row.code });
        if (existing) {
          const parentDiffers = !row.parentImplied && (existing.parentId ?? null) !== (parent?.id ?? null);
          if (existing.level !== row.level || parentDiffers) {
            reject(row.row, 'code', '这个代码已存在，但层级或上级不同；请在「行政区划」页面调整');
            failed.add(row.code);
            continue;
          }
          const outcome = existing.name === row.name ? 'unchanged' : 'rename';
          if (outcome === 'rename') {
            await trx.updateTable('regions').set({ name: row.name }).where('id', '=', existing.id).execute();
            report.renamed++;
          } else report.unchanged++;
          report.preview.push(previewOf(row, parent, outcome));
          continue;
        }
        const problems = regionCodeProblems(row, parent ?? null);
        if (problems.length) {
          const first = problems[0];
          reject(row.row, first.field === 'code' ? 'code' : first.field === 'level' ? 'level' : 'parentCode', first.zh);
          failed.add(row.code);
          continue;
        }
        if (!mayCreateUnder(actor, parent?.path ?? null)) {
          reject(row.row, 'parentCode', '不在您管理的区划范围内');
          failed.add(row.code);
          continue;
        }
        await insertRegion(trx, { code: row.code, name: row.name, level: row.level, parentCode: parent?.code });
        report.created++;
        report.preview.push(previewOf(row, parent, 'create'));
      }
      report.rejected.sort((a, b) => a.row - b.row);
      report.preview.sort((a, b) => a.row - b.row);
      report.preview = report.preview.slice(0, 200);
      if (dryRun || report.rejected.length > 0) throw new Rollback();
      report.committed = true;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return report;
}
