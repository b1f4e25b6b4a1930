import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords.ts';

// argon2id (algorithm 2) with the OWASP-recommended minimum cost: 19 MiB, 2 passes.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

/**
 * Why a new password is refused, or null when it is acceptable: a stable `code` the portal says in
 * its own words (a password refused for holding the login was told 密码太简单 with 10 位以上, so
 * the person lengthened it and was refused again), and the English `message` for the CLI and logs.
 */
export type PasswordProblemCode = 'password-too-short' | 'password-too-long' | 'weak-password' | 'password-personal';

export function passwordProblem(
  password: string,
  personal: (string | null | undefined)[] = [],
): { code: PasswordProblemCode; message: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { code: 'password-too-short', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > 200) return { code: 'password-too-long', message: 'must be at most 200 characters' };
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return { code: 'weak-password', message: 'is too common; choose another' };
  if (/^(.)\1+$/.test(password) || /^(0123456789|1234567890|9876543210)/.test(password))
    return { code: 'weak-password', message: 'is too easy to guess' };
  if (personal.some((value) => value && value.length >= 4 && lower.includes(value.toLowerCase()))) {
    return { code: 'password-personal', message: 'must not contain your name, login or phone number' };
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash, still spend the time a real check would, so timing does not reveal accounts.
  if (!passwordHash) {
    await hash(password, options);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
