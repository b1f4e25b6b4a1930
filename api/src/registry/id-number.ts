import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskIdNumber } from '../access/masking.ts';

/**
 * Storing 身份证号: sealed (AES-256-GCM), a keyed lookup hash and the masked form. The GB 11643
 * check itself is in `@anju/domain/id-number`, shared with the portal.
 */

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
