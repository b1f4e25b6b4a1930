import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field encryption with DATA_ENCRYPTION_KEY: ID numbers, health notes and disability text in the
 * registry, and a login code while it waits in the SMS outbox. Shared by the domains that seal
 * something, so there is one cipher and one key derivation.
 */

interface Keys {
  encryption: Buffer;
  lookup: Buffer;
}
const keyCache = new Map<string, Keys>();

/** Separate keys for encryption and the lookup hash, derived from DATA_ENCRYPTION_KEY with HKDF. */
export function fieldKeys(masterKeyBase64: string | undefined): Keys {
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
  const cipher = createCipheriv('aes-256-gcm', fieldKeys(masterKey).encryption, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptField(masterKey: string | undefined, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1') throw new Error('unknown encryption version');
  const decipher = createDecipheriv('aes-256-gcm', fieldKeys(masterKey).encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** HMAC-SHA256 of `value` under the lookup key, kept apart per `purpose`: equal inputs match, a dump reveals nothing. */
export function keyedHash(masterKey: string | undefined, purpose: string, value: string): string {
  return createHmac('sha256', fieldKeys(masterKey).lookup).update(`${purpose}\u0000${value}`).digest('base64url');
}
