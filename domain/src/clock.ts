/**
 * The one clock. Every "now" and "today" in Anju comes from here, so a test can fix the time
 * (`setClock`) and the day is always the offices' day in China Standard Time (UTC+8, no DST),
 * never the UTC day that `toISOString()` gives (wrong between 00:00 and 08:00 in China).
 */
let now: () => Date = () => new Date();

/** The current instant. */
export function clock(): Date {
  return now();
}

/** Fix the clock (tests): a date, or a function giving one. `resetClock()` undoes it. */
export function setClock(at: Date | (() => Date)): void {
  now = typeof at === 'function' ? at : () => new Date(at.getTime());
}

export function resetClock(): void {
  now = () => new Date();
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The day in China of an instant, 'YYYY-MM-DD'. */
export function chinaToday(at: Date = clock()): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** The month in China of an instant, 'YYYY-MM'. */
export function chinaMonth(at: Date = clock()): string {
  return chinaToday(at).slice(0, 7);
}
