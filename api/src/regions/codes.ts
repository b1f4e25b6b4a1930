import type { RegionLevel } from '@anju/domain/enums';

/**
 * GB/T 2260 (province..county, 6 digits) and its extension in the statistical division codes
 * (统计用区划代码: township 9 digits, village/community 12). Grids (网格) and sites (安置点) have
 * no national code: any short code, unique, and no prefix rule.
 */
const administrative = ['province', 'city', 'county', 'township', 'village'] as const;
type AdministrativeLevel = (typeof administrative)[number];

/** Top to bottom; a child's level comes strictly after its parent's (levels may be skipped). */
export const levelOrder: Record<RegionLevel, number> = {
  province: 0,
  city: 1,
  county: 2,
  township: 3,
  village: 4,
  grid: 5,
  site: 6,
};

const shape: Record<AdministrativeLevel, { pattern: RegExp; zh: string }> = {
  province: { pattern: /^\d{2}0000$/, zh: '省级代码应为 6 位数字，后四位为 0000' },
  city: { pattern: /^\d{4}00$/, zh: '市级代码应为 6 位数字，后两位为 00' },
  county: { pattern: /^\d{6}$/, zh: '县级代码应为 6 位数字' },
  township: { pattern: /^\d{9}$/, zh: '乡镇级代码应为 9 位数字' },
  village: { pattern: /^\d{12}$/, zh: '村（社区）级代码应为 12 位数字' },
};
const looseCode = /^[0-9A-Za-z-]{1,24}$/;

/** How many leading digits of a region's code its descendants repeat (GB/T 2260 prefixes). */
const significantDigits: Record<AdministrativeLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

const isAdministrative = (level: RegionLevel): level is AdministrativeLevel =>
  (administrative as readonly string[]).includes(level);

export interface CodeProblem {
  field: 'code' | 'level' | 'parent';
  zh: string;
}

/**
 * What is wrong with a region's code and level under a given parent, in Chinese; empty when fine.
 * `parent` is null for a root region (only a province or city may be one).
 */
export function regionCodeProblems(
  region: { code: string; level: RegionLevel },
  parent: { code: string; level: RegionLevel } | null,
): CodeProblem[] {
  const problems: CodeProblem[] = [];
  if (isAdministrative(region.level)) {
    if (!shape[region.level].pattern.test(region.code)) problems.push({ field: 'code', zh: shape[region.level].zh });
  } else if (!looseCode.test(region.code)) {
    problems.push({ field: 'code', zh: '代码只能由字母、数字和 - 组成，最多 24 位' });
  }
  if (!parent) {
    if (region.level !== 'province' && region.level !== 'city') {
      problems.push({ field: 'parent', zh: '只有省或市可以没有上级' });
    }
    return problems;
  }
  if (parent.level === 'site') problems.push({ field: 'parent', zh: '安置点下面不能再建区划' });
  else if (levelOrder[region.level] <= levelOrder[parent.level]) {
    problems.push({ field: 'level', zh: '层级必须低于上级区划' });
  } else if (isAdministrative(region.level) && isAdministrative(parent.level)) {
    const prefix = parent.code.slice(0, significantDigits[parent.level]);
    if (problems.length === 0 && !region.code.startsWith(prefix)) {
      problems.push({ field: 'code', zh: `代码应以上级代码的前 ${prefix.length} 位 ${prefix} 开头` });
    }
  }
  return problems;
}

/** The county a region lies in: itself when a county, else its parent's. */
export function countyCodeOf(region: { code: string; level: RegionLevel }, parentCountyCode: string | null) {
  return region.level === 'county' ? region.code : parentCountyCode;
}

/**
 * The statistics office publishes every code at 12 digits padded with zeros (统计用区划代码):
 * 522700000000 is the prefecture 522700 and 522731100000 the township 522731100. The registry keeps
 * the short form, so a padded code is cut back to it; any other code is returned as it is.
 */
export function shortRegionCode(code: string): string {
  if (!/^\d{12}$/.test(code)) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

/**
 * The parent a short administrative code implies by its prefix: village → township → county →
 * city → province; null for a province or a code outside GB/T 2260 (grids, sites).
 */
export function impliedParentCode(code: string): string | null {
  if (/^\d{12}$/.test(code)) return code.slice(0, 9);
  if (/^\d{9}$/.test(code)) return code.slice(0, 6);
  if (/^\d{2}0000$/.test(code)) return null;
  if (/^\d{4}00$/.test(code)) return `${code.slice(0, 2)}0000`;
  if (/^\d{6}$/.test(code)) return `${code.slice(0, 4)}00`;
  return null;
}
