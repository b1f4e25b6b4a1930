import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';
import { discardRest } from '../http/body-limit.ts';
import { AppError } from '../http/problem.ts';

/**
 * What one upload may cost to read, checked as bytes are read (never trusted from the file):
 * the reading of a roster or region spreadsheet is bounded in memory and time by these alone.
 */
export const READ_LIMITS = {
  /** Rows of the first sheet or CSV records, blank ones included. */
  maxRows: 100_000,
  /** Columns with a value; an empty styled cell further right is ignored. Excel 2003's limit (IV). */
  maxColumns: 256,
  /** Cells held in memory for the whole file (100,000 rows of 20 columns; ~200 MB if every one is a date). */
  maxCells: 2_000_000,
  /**
   * Bytes of heap the rows, cells and strings of one read may hold, estimated as they are read
   * (a date cell ~100 B, text 24 B + 2 B a character): a 100,000-row roster of text holds ~60 MB;
   * a sheet of two million date cells would hold ~200 MB and is refused.
   */
  maxHeldBytes: 128 * 1024 * 1024,
  /** Characters in one cell: Excel's own limit. */
  maxCellChars: 32_767,
  /** Parts (files) in the zip of an .xlsx. */
  maxZipEntries: 2_000,
  /** Bytes all the parts of an .xlsx inflate to, declared or actual (a zip bomb is refused at either). */
  maxInflatedBytes: 300 * 1024 * 1024,
  /** Bytes one part may inflate to: the worksheet is streamed, the others are held while reading. */
  maxSheetBytes: 300 * 1024 * 1024,
  maxSharedStringsBytes: 100 * 1024 * 1024,
  maxSmallPartBytes: 16 * 1024 * 1024,
  /** Shared strings held for the sheet's cells: how many, and their characters in all. */
  maxSharedStrings: 1_000_000,
  maxSharedChars: 32 * 1024 * 1024,
  /** Styles (cell formats) and number formats in styles.xml; Excel allows 64,000. */
  maxStyles: 65_536,
  /** One XML tag, comment or CDATA section. */
  maxXmlTokenChars: 1024 * 1024,
  /** Wall-clock time to read one file; a 50,000-row roster takes about 2 s. */
  budgetMs: 30_000,
};

export type ReadLimits = typeof READ_LIMITS;

export interface ReadOptions {
  /** Tighter limits (tests, or a caller with smaller files); unnamed ones keep READ_LIMITS. */
  limits?: Partial<ReadLimits>;
}

export const tooLarge = (message: string) => new AppError('payload-too-large', message);

export const unreadable = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation', 'The file could not be read', {
    errors: [{ path: 'file', message, code: 'unreadable-file' }],
    ...extra,
  });

/** The limits and clock of one read, passed down to every loop that reads. */
export class ReadBudget {
  readonly limits: ReadLimits;
  private readonly deadline: number;
  private inflated = 0;
  private cells = 0;
  private rows = 0;
  private held = 0;

  constructor(options: ReadOptions = {}) {
    this.limits = { ...READ_LIMITS, ...options.limits };
    this.deadline = Date.now() + this.limits.budgetMs;
  }

  /** Called in every reading loop: past the budget the read stops with a 413. */
  checkTime(): void {
    if (Date.now() > this.deadline)
      throw tooLarge(
        `The file took longer than ${Math.round(this.limits.budgetMs / 1000)} s to read; split it into smaller files`,
      );
  }

  /** Checks the time, then lets other requests run (reads yield between chunks). */
  async pause(): Promise<void> {
    this.checkTime();
    await nextTurn();
  }

  addInflated(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.maxInflatedBytes)
      throw tooLarge(`The workbook unpacks to more than ${mb(this.limits.maxInflatedBytes)} MB`);
  }

  /** Counts what a read keeps in memory (see maxHeldBytes). */
  hold(bytes: number): void {
    this.held += bytes;
    if (this.held > this.limits.maxHeldBytes)
      throw tooLarge(
        `The file holds more than ${mb(this.limits.maxHeldBytes)} MB of cells once read; split it into smaller files`,
      );
  }

  addRow(cells: number): void {
    this.hold(64 + 8 * cells);
    this.rows++;
    if (this.rows > this.limits.maxRows)
      throw tooLarge(`A roster may have at most ${this.limits.maxRows} rows; split the file`);
    this.cells += cells;
    if (this.cells > this.limits.maxCells)
      throw tooLarge(`The file has more than ${this.limits.maxCells} cells; split it or remove unused columns`);
  }

  cellTooLong(where: string): AppError {
    return tooLarge(`${where}: a cell may have at most ${this.limits.maxCellChars} characters`);
  }
}

export const mb = (bytes: number) => Math.round(bytes / 1048576);

/** The heap a cell's value takes beyond its slot in the row (a small integer takes none). */
export function heldBy(value: string | number | Date | null): number {
  if (value === null) return 0;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
  if (typeof value === 'string') return 24 + 2 * value.length;
  return 96;
}

/**
 * Reads one file at a time per process (a read holds up to ~150 MB at its caps), with a short
 * queue; past it, 429 rather than a process that runs out of memory. Reentrant: a read inside
 * an upload that already holds the turn (oneUploadAtATime) goes straight on.
 */
const MAX_WAITING_READS = 4;
let reading = false;
const waiting: (() => void)[] = [];
const holdsTurn = new AsyncLocalStorage<true>();

/** How many reads wait for the turn (the health of the queue, and tests that fill it). */
export const waitingReads = (): number => waiting.length;

export async function oneReadAtATime<T>(read: () => Promise<T>): Promise<T> {
  if (holdsTurn.getStore()) return read();
  if (reading) {
    if (waiting.length >= MAX_WAITING_READS)
      throw new AppError('rate-limited', 'Other files are being read; try again shortly', { retryAfterSeconds: 5 });
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  reading = true;
  try {
    return await holdsTurn.run(true, read);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else reading = false;
  }
}

/**
 * The upload routes' middleware: the turn is taken before the body is read, so uploads waiting
 * for it hold nothing (their bytes wait in the socket) and only one file's body, form copy and
 * rows are in memory at once. A refused upload's body is drained first so the 429 reaches the client.
 */
export const oneUploadAtATime: MiddlewareHandler = async (c, next) => {
  try {
    await oneReadAtATime(() => next());
  } catch (error) {
    const body = c.req.raw.body;
    if (error instanceof AppError && error.code === 'rate-limited' && body && !c.req.raw.bodyUsed)
      await discardRest(body.getReader());
    throw error;
  }
};
