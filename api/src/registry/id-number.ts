import { createHmac } from 'node:crypto';
import { encryptField, fieldKeys } from '../access/field-crypto.ts';
import { maskIdNumber } from '../access/masking.ts';

export { decryptField, encryptField } from '../access/field-crypto.ts';

/**
 * Storing 身份证号: sealed (AES-256-GCM), a keyed lookup hash and the masked form. The GB 11643
 * check itself is in `@anju/domain/id-number`, shared with the portal.
 */

/** HMAC-SHA256 of the normalised ID number: equal numbers give equal hashes, a dump alone reveals nothing. */
export function idNumberHash(masterKey: string | undefined, idNumber: string): string {
  return createHmac('sha256', fieldKeys(masterKey).lookup).update(idNumber.trim().toUpperCase()).digest('base64url');
}

/** The three stored forms of an ID number. */
export function sealIdNumber(masterKey: string | undefined, idNumber: string) {
  return {
    idNumberEncrypted: encryptField(masterKey, idNumber),
    idNumberHash: idNumberHash(masterKey, idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}
