import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../http/problem.ts';
import { oneReadAtATime, READ_LIMITS, ReadBudget, type ReadOptions, tooLarge, unreadable } from './read-limits.ts';
import { readFirstSheet } from './xlsx-sheet.ts';
import { ZipReader } from './zip-reader.ts';

export type { ReadOptions } from './read-limits.ts';

/** A cell as read: text, a number (kept as a number so lost ID digits can be told), a date, or empty. */
export type RawCell = string | number | Date | null;

export interface RawRow {
  /** The row number the worker sees in Excel (for a CSV, the record's number: a quoted line break stays in its row). */
  row: number;
  cells: RawCell[];
}

export const MAX_ROWS = READ_LIMITS.maxRows;

/**
 * Refuses a zip bomb from its central directory before anything is inflated (an xlsx is a zip).
 * readXlsx does this itself, and also counts what actually inflates.
 */
export function assertSafeZip(buffer: Buffer): void {
  ZipReader.open(buffer, new ReadBudget());
}

/** The first worksheet's rows (xlsx-sheet.ts: streamed, under the caps of READ_LIMITS). */
export async function readXlsx(buffer: Buffer, options: ReadOptions = {}): Promise<RawRow[]> {
  return oneReadAtATime(async () => {
    const budget = new ReadBudget(options);
    const rows: RawRow[] = [];
    try {
      await readFirstSheet(buffer, (row, cells) => rows.push({ row, cells }), budget);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadable('not a readable .xlsx file');
    }
    return rows;
  });
}

/** Bytes decoded between two turns of the event loop. */
const DECODE_SLICE = 1024 * 1024;

/**
 * UTF-8 (with or without BOM) when it decodes cleanly, else GBK — what Excel in China saves.
 * Decoded a slice at a time, letting other requests run between slices.
 */
export async function decodeText(buffer: Buffer): Promise<string> {
  const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  // A BOM says UTF-8 whatever follows (bad bytes become U+FFFD); TextDecoder drops the BOM itself.
  const utf8 = new TextDecoder('utf-8', { fatal: !hasBom });
  try {
    return await decodeInSlices(buffer, (slice, last) => utf8.decode(slice, { stream: !last }));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const { default: iconv } = await import('iconv-lite');
    const gbk = iconv.getDecoder('gbk');
    return decodeInSlices(buffer, (slice, last) => gbk.write(slice) + (last ? (gbk.end() ?? '') : ''));
  }
}

async function decodeInSlices(buffer: Buffer, decode: (slice: Buffer, last: boolean) => string): Promise<string> {
  const pieces: string[] = [];
  for (let at = 0; at < buffer.length || at === 0; at += DECODE_SLICE) {
    const last = at + DECODE_SLICE >= buffer.length;
    pieces.push(decode(buffer.subarray(at, at + DECODE_SLICE), last));
    if (!last) await nextTurn();
  }
  return pieces.join('');
}

/** Characters read between two turns of the event loop. */
const CSV_SLICE = 256 * 1024;

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes. Linear: fields are
 * sliced from the text, never grown a character at a time; an unclosed quote is a 400 naming
 * the row where the field starts.
 */
export async function readCsv(buffer: Buffer, options: ReadOptions = {}): Promise<RawRow[]> {
  return oneReadAtATime(async () => {
    const budget = new ReadBudget(options);
    const text = await decodeText(buffer);
    // The cells are slices of the text: it is held whole, each cell adds a small object.
    budget.hold(2 * text.length);
    budget.checkTime();
    const { maxCellChars, maxColumns } = budget.limits;
    const rows: RawRow[] = [];
    let cells: RawCell[] = [];
    let recordLine = 1; // records, not text lines: Excel shows a quoted line break inside its row
    let pauseAt = CSV_SLICE;
    const tooLong = () => budget.cellTooLong(`row ${recordLine}`);
    let at = 0;
    while (at < text.length) {
      if (at >= pauseAt) {
        await budget.pause();
        pauseAt = at + CSV_SLICE;
      }
      let value = '';
      if (text.charCodeAt(at) === 0x22 /* " */) {
        const start = at + 1;
        let close = text.indexOf('"', start);
        let doubled = false;
        while (close >= 0 && text.charCodeAt(close + 1) === 0x22) {
          doubled = true;
          close = text.indexOf('"', close + 2);
        }
        if (close < 0)
          throw unreadable(`row ${recordLine}: a quoted field is never closed (a " is missing)`, { row: recordLine });
        value = text.slice(start, close);
        if (doubled) value = value.replaceAll('""', '"');
        at = close + 1;
      }
      // Up to the delimiter (after a closing quote too: "ab"cd reads as abcd, as before).
      let end = at;
      while (end < text.length) {
        const ch = text.charCodeAt(end);
        if (ch === 0x2c || ch === 0x0a || ch === 0x0d) break;
        end++;
        if (end - at > maxCellChars) throw tooLong();
      }
      if (end > at) value += text.slice(at, end);
      if (value.length > maxCellChars) throw tooLong();
      if (cells.length < maxColumns) {
        cells.push(value === '' ? null : value);
        if (value !== '') budget.hold(32);
      } else if (value !== '') throw tooLarge(`row ${recordLine}: a roster may have at most ${maxColumns} columns`);
      const delimiter = text.charCodeAt(end);
      at = end + 1;
      if (delimiter === 0x2c) {
        if (at >= text.length) cells.push(null);
        else continue;
      }
      budget.addRow(cells.length);
      rows.push({ row: recordLine, cells });
      cells = [];
      if (delimiter === 0x0d && text.charCodeAt(at) === 0x0a) at++;
      recordLine = rows.length + 1;
    }
    return rows;
  });
}

/** The raw rows of an .xlsx (a zip) or a CSV. */
export async function readRoster(file: Buffer) {
  return file[0] === 0x50 && file[1] === 0x4b ? readXlsx(file) : readCsv(file);
}
