import { expect } from 'vitest';

/**
 * Scans text (a response body, serialised log lines, a page's HTML) for sensitive values
 * shown in full: 18-character national ID numbers (GB 11643, `\d{17}[\dX]`) and mainland
 * mobile numbers (11 digits starting 13–19). Masked forms (`*****************X`,
 * `138****5678`) pass. `allow` lists values this reader is entitled to see in full.
 *
 *   expectNoUnmaskedSensitiveData(await response.text());
 *   expectNoUnmaskedSensitiveData(JSON.stringify(ctx.logs));
 */
export const ID_NUMBER_PATTERN = /\d{17}[\dXx]/g;
export const PHONE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export function findUnmaskedSensitiveData(text: string, allow: string[] = []): string[] {
  const found = [...(text.match(ID_NUMBER_PATTERN) ?? []), ...(text.match(PHONE_PATTERN) ?? [])];
  return [...new Set(found)].filter((value) => !allow.includes(value));
}

export function expectNoUnmaskedSensitiveData(text: string, options: { allow?: string[]; where?: string } = {}): void {
  const leaks = findUnmaskedSensitiveData(text, options.allow);
  expect(leaks, `unmasked ID or phone numbers in ${options.where ?? 'the text'}`).toEqual([]);
}
