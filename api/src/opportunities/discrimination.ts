/**
 * 就业歧视: postings may not restrict applicants by gender or ethnicity (就业促进法 第三条).
 * Returns the offending phrase, or null. "男女不限" and "不限民族" are fine and are removed first.
 */
const allowed = /男女不限|不限男女|性别不限|不限性别|民族不限|不限民族|各民族/g;
const patterns = [
  /(?:限|仅限|只限|只招|仅招|只要|只收|要求)(?:男|女)(?:性|士|工)?/,
  /(?:男|女)(?:性|士)?优先/,
  /(?:不招|不要|谢绝|拒绝|不收)(?:男|女)(?:性|士|工)?/,
  /(?:限|仅限|只限|只招|仅招|只要|只收|要求)[\p{Script=Han}]{0,4}族/u,
  /(?:不招|不要|谢绝|拒绝|不收)[\p{Script=Han}]{0,6}(?:族|少数民族)/u,
  /[\p{Script=Han}]{1,4}族优先/u,
  /\b(?:male|female|men|women|man|woman)\s+only\b/i,
  /\bonly\s+(?:male|female|men|women)\b/i,
];

export function discriminatoryPhrase(text: string | null | undefined): string | null {
  if (!text) return null;
  const cleaned = text.replace(allowed, ' ');
  for (const pattern of patterns) {
    const match = cleaned.match(pattern);
    if (match) return match[0];
  }
  return null;
}
