/** GB 11643 check in the browser, so the form can say what is wrong before sending (the server checks again). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export type IdProblem = 'idLength' | 'idDate' | 'idChecksum' | null;

export function idNumberProblem(raw: string): IdProblem {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'idLength';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now())
    return 'idDate';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  return '10X98765432'[sum % 11] === id[17] ? null : 'idChecksum';
}
