import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../http/problem.ts';

/**
 * A lean reader of an .xlsx workbook's first sheet: the zip's central directory, then the
 * sheet, shared strings and styles XML scanned with regular expressions. A general-purpose
 * library builds an object per cell and took 20 s and ~200 MB for a 50,000-row roster;
 * this reads only what a roster needs (text, numbers, dates, formula results).
 */

export type SheetCell = string | number | Date | null;

interface ZipEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const damaged = () =>
  new AppError('validation', 'The workbook could not be read', {
    errors: [{ path: 'file', message: 'not a readable .xlsx file' }],
  });

/** The central directory of a zip (assertSafeZip has already bounded its sizes). */
function zipEntries(buffer: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw damaged();
    const nameLength = buffer.readUInt16LE(offset + 28);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name.replace(/^\//, ''), {
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      uncompressedSize: buffer.readUInt32LE(offset + 24),
      localOffset: buffer.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

function entryText(buffer: Buffer, entries: Map<string, ZipEntry>, name: string): string | undefined {
  const entry = entries.get(name);
  if (!entry) return undefined;
  const local = entry.localOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw damaged();
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8)
      return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) }).toString('utf8');
  } catch {
    throw damaged();
  }
  throw damaged();
}

const decodeXml = (text: string) =>
  text.includes('&')
    ? text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_all, code: string) => {
        const c = code.toLowerCase();
        if (c === 'amp') return '&';
        if (c === 'lt') return '<';
        if (c === 'gt') return '>';
        if (c === 'quot') return '"';
        if (c === 'apos') return "'";
        return String.fromCodePoint(c.startsWith('#x') ? Number.parseInt(c.slice(2), 16) : Number(c.slice(1)));
      })
    : text;

/** The text of a shared or inline string: every run's <t>, without phonetic guides (<rPh>). */
function stringText(xml: string): string {
  let text = '';
  for (const match of xml
    .replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '')
    .matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g))
    text += match[1];
  return decodeXml(text);
}

const attribute = (attributes: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];

/** Built-in number formats that show a date or time (ECMA-376 18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** For each cell style index, whether its number format shows a date. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const match of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attribute(match[1], 'numFmtId'));
    custom.set(id, decodeXml(attribute(match[1], 'formatCode') ?? ''));
  }
  const isDate = (id: number) => {
    const code = custom.get(id);
    if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
    // Quoted text, escapes and [colour]/[locale] sections aside, a date format uses y/m/d/h/s.
    return /[ymdhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
  };
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*)/g)].map((match) =>
    isDate(Number(attribute(match[1], 'numFmtId') ?? 0)),
  );
}

/** 'AB' → 27 (1-based). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The path inside the zip of the first sheet, and the shared strings and styles parts. */
function parts(buffer: Buffer, entries: Map<string, ZipEntry>) {
  const workbook = entryText(buffer, entries, 'xl/workbook.xml');
  const rels = entryText(buffer, entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw damaged();
  const targets = new Map<string, { type: string; target: string }>();
  for (const match of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const target = attribute(match[1], 'Target') ?? '';
    targets.set(attribute(match[1], 'Id') ?? '', {
      type: attribute(match[1], 'Type') ?? '',
      target: target.startsWith('/') ? target.slice(1) : `xl/${target}`,
    });
  }
  const firstSheet = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook);
  const sheetId = firstSheet && /\br:id="([^"]*)"|\b\w+:id="([^"]*)"/.exec(firstSheet[1]);
  const sheet = targets.get(sheetId?.[1] ?? sheetId?.[2] ?? '')?.target;
  if (!sheet) throw damaged();
  const byType = (suffix: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.target;
  return {
    sheet,
    sharedStrings: byType('/sharedStrings') ?? 'xl/sharedStrings.xml',
    styles: byType('/styles') ?? 'xl/styles.xml',
    date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook),
  };
}

/**
 * The rows of the first worksheet, each with its row number as Excel shows it and its cells
 * from column A (merged cells hold their value in the first cell only, as in Excel).
 * Calls `onRow` per row so the caller can stop early (too many rows).
 */
export function readFirstSheet(buffer: Buffer, onRow: (row: number, cells: SheetCell[]) => void): void {
  const entries = zipEntries(buffer);
  const part = parts(buffer, entries);
  const sheetXml = entryText(buffer, entries, part.sheet);
  if (sheetXml === undefined) throw damaged();
  const sharedXml = entryText(buffer, entries, part.sharedStrings) ?? '';
  const shared = [...sharedXml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g)].map(
    (match) => stringText(match[1] ?? ''),
  );
  const isDateStyle = dateStyles(entryText(buffer, entries, part.styles));
  const dayOffset = part.date1904 ? 24107 : 25569;

  let previousRow = 0;
  for (const rowMatch of sheetXml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowNumber = Number(attribute(rowMatch[1], 'r') ?? previousRow + 1);
    previousRow = rowNumber;
    const cells: SheetCell[] = [];
    let previousColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attributes = cellMatch[1];
      const reference = attribute(attributes, 'r');
      const column = reference ? columnNumber(reference.replace(/\d+$/, '')) : previousColumn + 1;
      previousColumn = column;
      const body = cellMatch[2] ?? '';
      const type = attribute(attributes, 't') ?? 'n';
      const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: SheetCell = null;
      if (type === 'inlineStr') value = stringText(body);
      else if (raw === undefined) value = null;
      else if (type === 's') value = shared[Number(raw)] ?? null;
      else if (type === 'str') value = decodeXml(raw);
      else if (type === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
      else if (type === 'e') value = null;
      else if (type === 'd') value = new Date(raw);
      else {
        const number = Number(raw);
        const style = Number(attribute(attributes, 's') ?? 0);
        value = isDateStyle[style] ? new Date(Math.round((number - dayOffset) * 86_400_000)) : number;
      }
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
    }
    onRow(rowNumber, cells);
  }
}
