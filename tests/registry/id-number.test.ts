import { checkIdNumber, makeIdNumber } from '@anju/domain/id-number';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, idNumberHash, sealIdNumber } from '../../api/src/registry/id-number.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const otherKey = Buffer.alloc(32, 9).toString('base64');

describe('GB 11643 ID numbers', () => {
  it('accepts a correct number and derives birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(checkIdNumber(' 11010519491231002x ')).toMatchObject({ valid: true, idNumber: '11010519491231002X' });
    expect(checkIdNumber(makeIdNumber('529901', '1990-01-01', 13))).toMatchObject({ valid: true, sex: 'male' });
  });

  it.each([
    ['11010519491231002', 'must be 18 characters: 17 digits and a digit or X'],
    ['1101051949123100X2', 'must be 18 characters: 17 digits and a digit or X'],
    ['110105194912310021', 'the check digit is wrong'],
    ['110105194902300026', 'the birth date in it is not a real date'],
    ['000105194912310021', 'the region code (first 6 digits) is not a valid province prefix'],
    [makeIdNumber('529901', '2099-01-01', 1), 'the birth date in it is in the future'],
    [makeIdNumber('529901', '1899-12-31', 1), 'the birth date in it is not a real date'],
  ])('refuses %s: %s', (idNumber, reason) => {
    expect(checkIdNumber(idNumber)).toMatchObject({ valid: false, reason });
  });

  it('encrypts with a fresh IV each time and decrypts only with the same key', () => {
    const id = '11010519491231002X';
    const a = encryptField(key, id);
    const b = encryptField(key, id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(decryptField(key, a)).toBe(id);
    expect(() => decryptField(otherKey, a)).toThrow();
  });

  it('hashes with a key: equal numbers match, another key gives another hash, the hash is not a plain SHA-256', () => {
    expect(idNumberHash(key, '11010519491231002x')).toBe(idNumberHash(key, '11010519491231002X'));
    expect(idNumberHash(key, '11010519491231002X')).not.toBe(idNumberHash(otherKey, '11010519491231002X'));
    const sealed = sealIdNumber(key, '11010519491231002X');
    expect(sealed.idNumberMasked).toBe('*****************X');
    expect(JSON.stringify(sealed)).not.toContain('19491231');
  });
});
