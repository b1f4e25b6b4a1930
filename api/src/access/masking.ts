/**
 * Masking of sensitive values, done on the server before anything leaves it.
 * 身份证号 → `*****************X`, phone → `138****5678`.
 *
 * An ID number is only its region, birth date, a 3-digit sequence whose parity is the sex, and
 * a check character, so a mask must be judged together with what else a reader sees. It shows
 * the last character alone, and readers who may not unmask see an age instead of the birth
 * date: with region and sex known that still leaves about 365 × 500 ÷ 11 ≈ 16,600 candidates
 * (`tests/access/id-reconstruction.test.ts` tries the reconstruction).
 */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  if (idNumber.length < 15) return '*'.repeat(idNumber.length);
  return `${'*'.repeat(idNumber.length - 1)}${idNumber.slice(-1)}`;
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

/** A name shown to someone who needs to know which household, not who: the surname only (张**). */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`;
}
