import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskIdNumber } from '../access/masking.ts';

/**
 * 身份证号 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
export type IdNumberCheck =
  | { valid: true; idNumber: string; birthDate: string; sex: 'male' | 'female' }
  | { valid: false; reason: string; code: IdProblem };

/** Why an ID number is refused (a stable code; the roster import words it in Chinese and English). */
export type IdProblem = 'id-format' | 'id-region' | 'id-birth-invalid' | 'id-birth-future' | 'id-check-digit';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as 'YYYY-MM-DD' (UTC+8, the offices' day). */
export function chinaToday(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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

interface Keys {
  encryption: Buffer;
  lookup: Buffer;
}
const keyCache = new Map<string, Keys>();

/** Separate keys for encryption and the lookup hash, derived from DATA_ENCRYPTION_KEY with HKDF. */
function keysOf(masterKeyBase64: string | undefined): Keys {
  if (!masterKeyBase64) throw new Error('DATA_ENCRYPTION_KEY is not configured');
  let keys = keyCache.get(masterKeyBase64);
  if (!keys) {
    const master = Buffer.from(masterKeyBase64, 'base64');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    keys = { encryption: derive('anju registry aes-256-gcm v1'), lookup: derive('anju registry lookup hmac v1') };
    keyCache.set(masterKeyBase64, keys);
  }
  return keys;
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url, a fresh IV each time. */
export function encryptField(masterKey: string | undefined, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keysOf(masterKey).encryption, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptField(masterKey: string | undefined, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1') throw new Error('unknown encryption version');
  const decipher = createDecipheriv('aes-256-gcm', keysOf(masterKey).encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** HMAC-SHA256 of the normalised ID number: equal numbers give equal hashes, a dump alone reveals nothing. */
export function idNumberHash(masterKey: string | undefined, idNumber: string): string {
  return createHmac('sha256', keysOf(masterKey).lookup).update(idNumber.trim().toUpperCase()).digest('base64url');
}

/** The three stored forms of an ID number. */
export function sealIdNumber(masterKey: string | undefined, idNumber: string) {
  return {
    idNumberEncrypted: encryptField(masterKey, idNumber),
    idNumberHash: idNumberHash(masterKey, idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
