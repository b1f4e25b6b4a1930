import { makeIdNumber } from '@anju/domain/id-number';
import { sealIdNumber } from '../../registry/id-number.ts';
import type { IdentityCodec } from './registry.ts';

/**
 * Valid fictional 身份证号: region prefix of the site's county, the real birth date, a sequence
 * whose last digit's parity gives the sex (odd = male), checksum from the registry's own code.
 */
export function identityCodec(dataEncryptionKey: string | undefined): IdentityCodec {
  const used = new Map<string, number>();
  return {
    make(regionCode, birthDate, _sequence, sex) {
      const key = `${regionCode}${birthDate}`;
      const next = used.get(key) ?? 0;
      used.set(key, next + 1);
      const sequence = (next * 2 + (sex === 'male' ? 1 : 0)) % 1000;
      return makeIdNumber(regionCode, birthDate, sequence);
    },
    protect(idNumber) {
      const sealed = sealIdNumber(dataEncryptionKey, idNumber);
      return { encrypted: sealed.idNumberEncrypted, hash: sealed.idNumberHash, masked: sealed.idNumberMasked ?? '' };
    },
  };
}
