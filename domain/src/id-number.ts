/**
 * 身份证号 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X). The API checks every
 * number it stores with this; the portal runs the same check to say what is wrong before sending.
 */
import { chinaToday } from './clock.ts';
import { isRealDate } from './dates.ts';

export type IdNumberCheck =
  | { valid: true; idNumber: string; birthDate: string; sex: 'male' | 'female' }
  | { valid: false; reason: string; code: IdProblem };

/** Why an ID number is refused (a stable code; the roster import and the portal word it in Chinese and English). */
export type IdProblem = 'id-format' | 'id-region' | 'id-birth-invalid' | 'id-birth-future' | 'id-check-digit';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const pad = (n: number) => String(n).padStart(2, '0');

/** The MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function checkIdNumber(raw: string, today = chinaToday()): IdNumberCheck {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber))
    return { valid: false, code: 'id-format', reason: 'must be 18 characters: 17 digits and a digit or X' };
  if (!/^[1-9]\d{5}/.test(idNumber) || Number(idNumber.slice(0, 2)) < 11 || Number(idNumber.slice(0, 2)) > 91) {
    return {
      valid: false,
      code: 'id-region',
      reason: 'the region code (first 6 digits) is not a valid province prefix',
    };
  }
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day))
    return { valid: false, code: 'id-birth-invalid', reason: 'the birth date in it is not a real date' };
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  if (birthDate > today)
    return { valid: false, code: 'id-birth-future', reason: 'the birth date in it is in the future' };
  if (idNumberCheckChar(idNumber) !== idNumber[17])
    return { valid: false, code: 'id-check-digit', reason: 'the check digit is wrong' };
  return { valid: true, idNumber, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' };
}

/** A valid ID number from its parts (for fixtures and demo data). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}
