/**
 * 统一社会信用代码 (GB 32100-2015), checked in the browser so the employer sees the mistake at
 * once; the API checks again. Same algorithm as api/src/opportunities/credit-code.ts.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The i18n key of what is wrong with a credit code, or null when it is valid. */
export function creditCodeProblemKey(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'opportunities.employer.creditCodeFormat';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(code[i]) * weights[i];
  return alphabet[(31 - (sum % 31)) % 31] === code[17] ? null : 'opportunities.employer.creditCodeCheck';
}
