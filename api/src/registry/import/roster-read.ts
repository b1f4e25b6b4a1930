import { AppError } from '../../http/problem.ts';
import { readFirstSheet } from './xlsx-sheet.ts';

/** A cell as read: text, a number (kept as a number so lost ID digits can be told), a date, or empty. */
export type RawCell = string | number | Date | null;

export interface RawRow {
  /** The row number the worker sees in Excel (for a CSV, the record's number: a quoted line break stays in its row). */
  row: number;
  cells: RawCell[];
}

export const MAX_ROWS = 100_000;
/** Refuse archives that would inflate beyond this (a zip bomb), whatever their upload size. */
const MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;

function tooMany(): AppError {
  return new AppError('payload-too-large', `A roster may have at most ${MAX_ROWS} rows; split the file`);
}

/**
 * Sums the uncompressed sizes the zip's central directory declares, refusing a zip bomb
 * before anything is inflated (an xlsx is a zip).
 */
export function assertSafeZip(buffer: Buffer): void {
  const minEocd = Math.max(0, buffer.length - 65_557);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= minEocd; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new AppError('validation', 'The file is not a valid .xlsx workbook', {
      errors: [{ path: 'file', message: 'not an xlsx (zip) file' }],
    });
  const entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES || entries === 0xffff || offset === 0xffffffff) {
    throw new AppError('payload-too-large', 'The workbook has too many parts');
  }
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new AppError('validation', 'The workbook is damaged', {
        errors: [{ path: 'file', message: 'damaged zip directory' }],
      });
    }
    const size = buffer.readUInt32LE(offset + 24);
    if (size === 0xffffffff) throw new AppError('payload-too-large', 'The workbook is too large once unpacked');
    total += size;
    offset +=
      46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    throw new AppError(
      'payload-too-large',
      `The workbook unpacks to ${Math.round(total / 1048576)} MB; at most ${MAX_UNCOMPRESSED_BYTES / 1048576} MB is accepted`,
    );
  }
}

/** The first worksheet's rows (xlsx-sheet.ts: a lean reader, modest memory even for 50,000 rows). */
export async function readXlsx(buffer: Buffer): Promise<RawRow[]> {
  assertSafeZip(buffer);
  const rows: RawRow[] = [];
  try {
    readFirstSheet(buffer, (row, cells) => {
      rows.push({ row, cells });
      if (rows.length > MAX_ROWS) throw tooMany();
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation', 'The workbook could not be read', {
      errors: [{ path: 'file', message: 'not a readable .xlsx file' }],
    });
  }
  return rows;
}

/** UTF-8 (with or without BOM) when it decodes cleanly, else GBK — what Excel in China saves. */
export async function decodeText(buffer: Buffer): Promise<string> {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    const { default: iconv } = await import('iconv-lite');
    return iconv.decode(buffer, 'gbk');
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes. */
export async function readCsv(buffer: Buffer): Promise<RawRow[]> {
  const text = await decodeText(buffer);
  const rows: RawRow[] = [];
  let field = '';
  let cells: RawCell[] = [];
  let quoted = false;
  const endField = () => {
    cells.push(field === '' ? null : field);
    field = '';
  };
  const endRecord = () => {
    endField();
    rows.push({ row: rows.length + 1, cells });
    if (rows.length > MAX_ROWS) throw tooMany();
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}
