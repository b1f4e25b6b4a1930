/**
 * Masking of sensitive values, done on the server before anything leaves it.
 * 身份证号 → `5224**********123X`, phone → `138****5678`.
 */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Amounts (income, 低保) a role may not see are withheld entirely, not rounded. */
export function maskAmount(): null {
  return null;
}
