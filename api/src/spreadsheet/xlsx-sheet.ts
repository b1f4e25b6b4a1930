import type { ReadBudget } from './read-limits.ts';
import { heldBy, tooLarge, unreadable } from './read-limits.ts';
import { attributeOf, attributesOf, decodeXml, type XmlHandler, XmlScanner } from './xml-scanner.ts';
import { ZipReader } from './zip-reader.ts';

/**
 * A lean reader of an .xlsx workbook's first sheet: the zip (zip-reader.ts), then the sheet,
 * shared strings and styles streamed through a linear XML scanner. A general-purpose library
 * builds an object per cell and took 20 s and ~200 MB for a 50,000-row roster; this reads only
 * what a roster needs (text, numbers, dates, formula results), under the caps of ReadBudget.
 */

export type SheetCell = string | number | Date | null;

/** Built-in number formats that show a date or time (ECMA-376 18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Excel's last row. */
const MAX_ROW_NUMBER = 1_048_576;

/** Collects the character data of one element (a cell's <v>, a string's <t>), capped as it grows. */
class TextCollector {
  private pieces: string[] = [];
  private length = 0;
  active = false;

  constructor(
    private readonly maxRawChars: number,
    private readonly tooLong: () => Error,
  ) {}

  start(): void {
    this.active = true;
  }

  add(raw: string): void {
    if (!this.active) return;
    this.length += raw.length;
    // Entities make the raw text longer than the value: &#x1F600; is 9 characters for 2.
    if (this.length > this.maxRawChars * 9) throw this.tooLong();
    this.pieces.push(raw);
  }

  stop(): void {
    this.active = false;
  }

  /** The decoded text so far, and a fresh start. */
  take(): string {
    const text = decodeXml(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''));
    this.pieces = [];
    this.length = 0;
    this.active = false;
    return text;
  }
}

async function scan(zip: ZipReader, name: string, maxBytes: number, handler: XmlHandler, budget: ReadBudget) {
  const scanner = new XmlScanner(handler, budget.limits.maxXmlTokenChars);
  await zip.stream(name, maxBytes, (text) => scanner.write(text));
  scanner.end();
}

/** The text of every <t> of a string item, without phonetic guides (<rPh>). */
class RichText {
  private phonetic = 0;
  readonly runs: TextCollector;

  constructor(budget: ReadBudget, where: () => string) {
    this.runs = new TextCollector(budget.limits.maxCellChars, () => budget.cellTooLong(where()));
  }

  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.runs.active = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
    else if (name === 't') this.runs.active = false;
  }

  take(): string {
    this.phonetic = 0;
    return this.runs.take();
  }
}

async function sharedStrings(zip: ZipReader, name: string, budget: ReadBudget): Promise<string[]> {
  const { limits } = budget;
  const strings: string[] = [];
  if (!zip.has(name)) return strings;
  let chars = 0;
  let inItem = false;
  const item = new RichText(budget, () => `shared string ${strings.length + 1}`);
  await scan(
    zip,
    name,
    limits.maxSharedStringsBytes,
    {
      open(tag) {
        if (tag === 'si') {
          inItem = true;
          item.take();
        } else if (inItem) item.open(tag);
      },
      close(tag) {
        if (tag !== 'si') return item.close(tag);
        if (!inItem) return;
        inItem = false;
        const text = item.take();
        if (text.length > limits.maxCellChars) throw budget.cellTooLong(`shared string ${strings.length + 1}`);
        chars += text.length;
        if (strings.length >= limits.maxSharedStrings || chars > limits.maxSharedChars)
          throw tooLarge('The workbook has too many shared strings');
        budget.hold(8 + heldBy(text));
        strings.push(text);
      },
      text: (raw) => item.runs.add(raw),
    },
    budget,
  );
  return strings;
}

/** For each cell style index, whether its number format shows a date. */
async function dateStyles(zip: ZipReader, name: string, budget: ReadBudget): Promise<boolean[]> {
  const styles: number[] = [];
  if (!zip.has(name)) return [];
  const custom = new Map<number, string>();
  let inCellXfs = false;
  const tooMany = () => tooLarge('The workbook has too many cell styles');
  await scan(
    zip,
    name,
    budget.limits.maxSmallPartBytes,
    {
      open(tag, text) {
        if (tag === 'numFmt') {
          const attributes = attributesOf(text);
          custom.set(Number(attributes.get('numFmtId')), attributes.get('formatCode') ?? '');
          if (custom.size > budget.limits.maxStyles) throw tooMany();
        } else if (tag === 'cellXfs') inCellXfs = true;
        else if (tag === 'xf' && inCellXfs) {
          styles.push(Number(attributesOf(text).get('numFmtId') ?? 0));
          if (styles.length > budget.limits.maxStyles) throw tooMany();
        }
      },
      close(tag) {
        if (tag === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    budget,
  );
  const isDate = (id: number) => {
    const code = custom.get(id);
    if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
    // Quoted text, escapes and [colour]/[locale] sections aside, a date format uses y/m/d/h/s.
    return /[ymdhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
  };
  return styles.map(isDate);
}

/** The path inside the zip of the first sheet, and the shared strings and styles parts. */
async function parts(zip: ZipReader, budget: ReadBudget) {
  const max = budget.limits.maxSmallPartBytes;
  const workbook = await zip.text('xl/workbook.xml', max);
  const rels = await zip.text('xl/_rels/workbook.xml.rels', max);
  if (!workbook || !rels) throw unreadable('not a readable .xlsx file');
  const targets = new Map<string, { type: string; target: string }>();
  const relationships = new XmlScanner(
    {
      open(tag, text) {
        if (tag !== 'Relationship') return;
        const attributes = attributesOf(text);
        const target = attributes.get('Target') ?? '';
        targets.set(attributes.get('Id') ?? '', {
          type: attributes.get('Type') ?? '',
          target: target.startsWith('/') ? target.slice(1) : `xl/${target}`,
        });
      },
      close() {},
      text() {},
    },
    budget.limits.maxXmlTokenChars,
  );
  relationships.write(rels);
  let sheetId: string | undefined;
  let date1904 = false;
  new XmlScanner(
    {
      open(tag, text) {
        if (tag === 'sheet' && sheetId === undefined) {
          const attributes = attributesOf(text);
          sheetId = attributes.get('r:id') ?? [...attributes].find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        } else if (tag === 'workbookPr') {
          const value = attributesOf(text).get('date1904');
          date1904 = value === '1' || value === 'true';
        }
      },
      close() {},
      text() {},
    },
    budget.limits.maxXmlTokenChars,
  ).write(workbook);
  const sheet = targets.get(sheetId ?? '')?.target;
  if (!sheet) throw unreadable('the workbook has no worksheet');
  const byType = (suffix: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.target;
  return {
    sheet,
    sharedStrings: byType('/sharedStrings') ?? 'xl/sharedStrings.xml',
    styles: byType('/styles') ?? 'xl/styles.xml',
    date1904,
  };
}

/** 'AB' → 28 (1-based); 0 when the reference has no column letters. */
function columnNumber(reference: string): number {
  let n = 0;
  for (let i = 0; i < reference.length && n <= 16_384; i++) {
    const code = reference.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

const isValidDate = (date: Date) => !Number.isNaN(date.getTime());

/**
 * The rows of the first worksheet, each with its row number as Excel shows it and its cells
 * from column A (merged cells hold their value in the first cell only, as in Excel).
 * Calls `onRow` per row so the caller can stop early (too many rows). A row left open by a
 * damaged file ends where the next one starts.
 */
export async function readFirstSheet(
  buffer: Buffer,
  onRow: (row: number, cells: SheetCell[]) => void,
  budget: ReadBudget,
): Promise<void> {
  const zip = ZipReader.open(buffer, budget);
  const part = await parts(zip, budget);
  if (!zip.has(part.sheet)) throw unreadable('the worksheet is missing');
  const shared = await sharedStrings(zip, part.sharedStrings, budget);
  const isDateStyle = await dateStyles(zip, part.styles, budget);
  const dayOffset = part.date1904 ? 24107 : 25569;
  const { maxColumns } = budget.limits;

  let row: { number: number; cells: SheetCell[] } | undefined;
  let previousRow = 0;
  let cell: { column: number; reference: string; type: string; style: number } | undefined;
  let previousColumn = 0;
  const where = () => `cell ${cell?.reference || `${cell?.column ?? '?'} of row ${row?.number ?? '?'}`}`;
  const value = new TextCollector(budget.limits.maxCellChars, () => budget.cellTooLong(where()));
  const inline = new RichText(budget, where);
  let inInline = false;

  const endCell = () => {
    if (!cell || !row) return;
    const { type } = cell;
    const raw = value.take();
    const text = inline.take();
    const hasValue = raw !== '' || type === 'inlineStr';
    let result: SheetCell = null;
    if (type === 'inlineStr') result = text;
    else if (!hasValue) result = null;
    else if (type === 's') result = shared[Number(raw)] ?? null;
    else if (type === 'str') result = raw;
    else if (type === 'b') result = raw === '1' ? 'TRUE' : 'FALSE';
    else if (type === 'e') result = null;
    else if (type === 'd') {
      const date = new Date(raw);
      // A date Excel could not have written stays text, for the roster to refuse by name.
      result = isValidDate(date) ? date : raw;
    } else {
      const number = Number(raw);
      if (!Number.isFinite(number)) result = raw;
      else if (isDateStyle[cell.style]) {
        const date = new Date(Math.round((number - dayOffset) * 86_400_000));
        result = isValidDate(date) ? date : number;
      } else result = number;
    }
    if (typeof result === 'string' && result.length > budget.limits.maxCellChars) throw budget.cellTooLong(where());
    if (cell.column > maxColumns) {
      if (result !== null && result !== '')
        throw tooLarge(`${where()}: a roster may have at most ${maxColumns} columns`);
    } else {
      const cells = row.cells;
      while (cells.length < cell.column - 1) cells.push(null);
      cells[cell.column - 1] = result;
      // A shared string is already held, once, however many cells show it.
      if (type !== 's') budget.hold(heldBy(result));
    }
    cell = undefined;
    inInline = false;
  };
  const endRow = () => {
    if (!row) return;
    endCell();
    budget.addRow(row.cells.length);
    onRow(row.number, row.cells);
    row = undefined;
  };

  await scan(
    zip,
    part.sheet,
    budget.limits.maxSheetBytes,
    {
      open(tag, text) {
        if (tag === 'row') {
          endRow();
          const number = Number(attributeOf(text, 'r'));
          previousRow = Number.isInteger(number) && number >= 1 && number <= MAX_ROW_NUMBER ? number : previousRow + 1;
          row = { number: previousRow, cells: [] };
          previousColumn = 0;
        } else if (tag === 'c') {
          endCell();
          if (!row) return;
          const reference = attributeOf(text, 'r') ?? '';
          const column = columnNumber(reference);
          previousColumn = column > 0 ? column : previousColumn + 1;
          cell = {
            column: previousColumn,
            reference,
            type: attributeOf(text, 't') ?? 'n',
            style: Number(attributeOf(text, 's') ?? 0),
          };
        } else if (!cell) return;
        else if (tag === 'v') value.start();
        else if (tag === 'is') inInline = true;
        else if (inInline) inline.open(tag);
      },
      close(tag) {
        if (tag === 'row') endRow();
        else if (tag === 'c') endCell();
        else if (tag === 'v') value.stop();
        else if (tag === 'is') inInline = false;
        else if (inInline) inline.close(tag);
      },
      text(raw) {
        value.add(raw);
        inline.runs.add(raw);
      },
    },
    budget,
  );
  endRow();
}
