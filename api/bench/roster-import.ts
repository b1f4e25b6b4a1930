/**
 * Roster import benchmark: a 50,000-row workbook through the real import (parse, check,
 * upsert in one transaction) on a throwaway embedded PostgreSQL. Prints the time and the
 * process's peak RSS. Run: `node --import tsx api/bench/roster-import.ts [rows]`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Actor } from '../src/access/actor.ts';
import { createLogger } from '../src/config/logger.ts';
import { createDb } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { insertRegion } from '../src/regions/queries.ts';
import { makeIdNumber } from '../src/registry/id-number.ts';
import { importRoster } from '../src/registry/import/roster-import.ts';
import { startEmbeddedPostgres } from '../src/runtime/embedded-postgres.ts';

const rows = Number(process.argv[2] ?? 50_000);
const logger = createLogger('warn');
const dir = await mkdtemp(path.join(os.tmpdir(), 'anju-bench-'));
const file = path.join(dir, 'roster.xlsx');

// A streamed workbook: 4 people per household, 20 sites.
const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
const sheet = writer.addWorksheet('花名册');
sheet
  .addRow([
    '户编号',
    '安置点编码',
    '姓名',
    '身份证号',
    '与户主关系',
    '联系电话',
    '文化程度',
    '劳动能力',
    '就业状态',
    '楼栋',
    '单元',
    '房号',
    '搬迁日期',
  ])
  .commit();
const relations = ['户主', '配偶', '子', '女'];
for (let i = 0; i < rows; i++) {
  const household = Math.floor(i / 4);
  const member = i % 4;
  const year = 1960 + (household % 30) + (member < 2 ? member : 24 + member);
  // (month, day, sequence) is unique per row, so every ID number is distinct.
  const birth = `${year}-${String(1 + (Math.floor(i / 28_000) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 1000) % 28)).padStart(2, '0')}`;
  sheet
    .addRow([
      `B-${household}`,
      `5299010010${String(household % 20).padStart(2, '0')}`,
      `测试${i}`,
      makeIdNumber('529901', birth, i % 1000),
      relations[member],
      `139${String(i).padStart(8, '0')}`,
      '初中',
      '有劳动能力',
      '本地务工',
      String(household % 30),
      '1',
      String(100 + member),
      '2024/3/5',
    ])
    .commit();
}
sheet.commit();
await writer.commit();
const buffer = await readFile(file);

const postgres = await startEmbeddedPostgres({
  dataDir: path.join(dir, 'pg'),
  password: 'bench',
  database: 'bench',
  logger,
});
const db = createDb({ url: postgres.url });
try {
  await migrateToLatest(db);
  await insertRegion(db, { code: '529900', name: '市', level: 'city' });
  await insertRegion(db, { code: '529901', name: '县', level: 'county', parentCode: '529900' });
  await insertRegion(db, { code: '529901001', name: '镇', level: 'township', parentCode: '529901' });
  for (let s = 0; s < 20; s++)
    await insertRegion(db, {
      code: `5299010010${String(s).padStart(2, '0')}`,
      name: `点${s}`,
      level: 'site',
      parentCode: '529901001',
    });
  const admin = await db
    .insertInto('users')
    .values({
      login: 'bench',
      name: 'bench',
      role: 'admin',
      passwordHash: null as never,
      phone: null,
      regionId: null,
      department: null,
      setupCodeHash: null,
      setupCodeExpiresAt: null,
      createdBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: admin.id,
    role: 'admin',
    name: 'bench',
    allRegions: true,
    regionPaths: [],
    department: null,
    personId: null,
  };
  const key = Buffer.alloc(32, 3).toString('base64');
  const run = async (label: string) => {
    const started = performance.now();
    const report = await importRoster(db, {
      actor,
      encryptionKey: key,
      fileName: 'roster.xlsx',
      file: buffer,
      dryRun: false,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label}: ${rows} rows (${(buffer.length / 1048576).toFixed(1)} MB xlsx) in ${seconds.toFixed(1)} s — created ${report.created}, unchanged ${report.unchanged}, rejected ${report.rejected.length}${report.rejected[0] ? ` (${JSON.stringify(report.rejected[0])})` : ''}`,
    );
  };
  await run('first import');
  await run('re-import');
  console.log(`peak RSS of the process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await db.destroy();
  await postgres.stop();
  if (process.env.KEEP_BENCH_FILE) console.log(`kept ${file}`);
  else await rm(dir, { recursive: true, force: true });
}
