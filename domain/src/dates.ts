/** Calendar arithmetic on 'YYYY-MM-DD' days and 'YYYY-MM' months (plain dates, no time zone). */
const pad = (n: number) => String(n).padStart(2, '0');

/** The month `offset` months from the month of a 'YYYY-MM…' date, as 'YYYY-MM'. */
export function monthOf(date: string, offset = 0): string {
  const [year, month] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** 'YYYY-MM-DD' of the first day of the month `offset` months from the month of `date`. */
export function monthStart(date: string, offset = 0): string {
  return `${monthOf(date, offset)}-01`;
}

/** The day `days` days after a 'YYYY-MM-DD' day (before, when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
