import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import type { lineBody } from './schema.ts';

const lineColumns = ['id', 'regionCode', 'level', 'year', 'amountYuan', 'note'] as const;
const asLine = <T extends { amountYuan: unknown }>(row: T) => ({ ...row, amountYuan: Number(row.amountYuan) });

/** Every monitoring line (监测线), by region and year. */
export async function listLines(db: Db) {
  const rows = await db
    .selectFrom('monitoringLines')
    .select(lineColumns)
    .orderBy('regionCode')
    .orderBy('year')
    .execute();
  return rows.map(asLine);
}

/** Sets the line of a province (2-digit code) or county (6-digit code) from a year on; one per region and year. */
export async function createLine(db: Db, input: z.infer<typeof lineBody>) {
  const existing = await db
    .selectFrom('monitoringLines')
    .select('id')
    .where('regionCode', '=', input.regionCode)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (existing) throw new AppError('conflict', `A line for ${input.regionCode} in ${input.year} exists already`);
  const row = await db
    .insertInto('monitoringLines')
    .values({
      regionCode: input.regionCode,
      level: input.regionCode.length === 2 ? 'province' : 'county',
      year: input.year,
      amountYuan: input.amountYuan,
      note: input.note ?? null,
    })
    .returning(lineColumns)
    .executeTakeFirstOrThrow();
  return asLine(row);
}
