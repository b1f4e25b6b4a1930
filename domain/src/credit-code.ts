/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, Z, S, V;
 * the last one is a check character over the first 17 (weights 3^i mod 31). The API checks
 * every employer's code with this; the portal runs it so the employer sees the mistake at once.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * weights[i];
  }
  return alphabet[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = { code: 'credit-code-format' | 'credit-code-check'; reason: string };

/** Why a credit code is invalid (a stable code and the API's English reason), or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return {
      code: 'credit-code-format',
      reason: 'must be 18 characters of digits and capital letters (no I, O, Z, S, V)',
    };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { code: 'credit-code-check', reason: 'check character does not match (GB 32100)' };
  }
  return null;
}
