import { createHash } from 'node:crypto';
import { geoCellsOf } from '@anju/domain/geo-cells';
import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../db/database.ts';
import type { PostingKind } from './postings.ts';

/** What Meilisearch holds for a posting; `docHash` lets search:check spot drift. */
export interface PostingDocument {
  id: string;
  kind: string;
  title: string;
  description: string;
  requirements: string;
  status: string;
  /** Open, employer verified: what residents may find (the deadline is filtered at query time). */
  visible: boolean;
  employerId: string;
  employerName: string;
  employerKind: string;
  skills: string[];
  skillNames: string[];
  skillCategories: string[];
  placeNames: string[];
  extraText: string[];
  pinyin: string[];
  deadline: string | null;
  /** Seconds since the epoch at the end of the deadline day; far future when there is none. */
  deadlineTs: number;
  createdAt: number;
  version: number;
  _geo?: { lat: number; lng: number };
  /** The grid cells of `_geo` at every size (@anju/domain/geo-cells): what a radius filters on. */
  geoCells?: string[];
  docHash: string;
  [field: string]: unknown;
}

const NO_DEADLINE = 253402300799; // 9999-12-31T23:59:59Z

export function deadlineTs(deadline: string | null): number {
  return deadline ? Math.floor(Date.parse(`${deadline}T23:59:59+08:00`) / 1000) : NO_DEADLINE;
}

/** Tone-less pinyin, joined per word (fengren) and as syllables (feng ren), for pinyin queries. */
export function pinyinOf(words: string[]): string[] {
  const out = new Set<string>();
  for (const word of words) {
    if (!/\p{Script=Han}/u.test(word)) continue;
    const syllables = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'removed' }) as string[];
    if (syllables.length === 0) continue;
    out.add(syllables.join(''));
    out.add(syllables.join(' '));
  }
  return [...out];
}

export function hashDocument(document: Omit<PostingDocument, 'docHash'>): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex').slice(0, 16);
}

interface SkillInfo {
  nameZh: string;
  aliases: string[];
  category: string;
}

async function loadSkills(db: Db, codes: string[]): Promise<Map<string, SkillInfo>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('skills')
    .select(['code', 'nameZh', 'aliases', 'category'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((row) => [row.code, row]));
}

async function loadRegionNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

const uniq = <T>(items: T[]) => [
  ...new Set(items.filter((item) => item !== null && item !== undefined && item !== '')),
];

/** Builds the current documents for these ids; ids whose rows are gone are simply absent. */
export async function buildDocuments(db: Db, kind: PostingKind, ids?: string[]): Promise<PostingDocument[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom(kind as 'jobs')
    .innerJoin('employers', 'employers.id', `${kind as 'jobs'}.employerId`)
    .leftJoin('regions as employerRegion', 'employerRegion.id', 'employers.regionId')
    .selectAll(kind as 'jobs')
    .select([
      'employers.name as employerName',
      'employers.kind as employerKind',
      'employers.verified as employerVerified',
      'employers.lat as employerLat',
      'employers.lng as employerLng',
      'employers.address as employerAddress',
      'employerRegion.name as employerRegionName',
    ]);
  if (ids) query = query.where(sql.ref(`${kind}.id`), 'in', ids);
  const rows = (await query.orderBy(sql.ref(`${kind}.id`)).execute()) as unknown as Record<string, any>[];

  const skillCodesOf = (row: Record<string, any>): string[] =>
    kind === 'trainings'
      ? (row.skillsTaught as { code: string }[]).map((s) => s.code)
      : [...(row.requiredSkills as { code: string }[]).map((s) => s.code), ...((row.optionalSkills as string[]) ?? [])];
  const siteIdsOf = (row: Record<string, any>): string[] =>
    kind === 'jobs' ? row.shuttleSiteIds : kind === 'projects' ? row.siteIds : [];
  const skills = await loadSkills(db, uniq(rows.flatMap(skillCodesOf)));
  const regions = await loadRegionNames(db, uniq(rows.flatMap(siteIdsOf)));

  return rows.map((row) => {
    const codes = uniq(skillCodesOf(row));
    const infos = codes.map((code) => skills.get(code)).filter((s): s is SkillInfo => Boolean(s));
    const siteIds = uniq(siteIdsOf(row)).map(String);
    const lat = row.lat ?? row.employerLat;
    const lng = row.lng ?? row.employerLng;
    const placeNames = uniq<string>([
      row.address,
      row.address ? null : row.employerAddress,
      row.employerRegionName,
      row.destination,
      ...siteIds.map((id) => regions.get(id) ?? null),
    ]);
    const skillNames = uniq(infos.flatMap((s) => [s.nameZh, ...s.aliases]));
    const base = {
      id: String(row.id),
      title: row.title,
      description: row.description,
      requirements: row.requirements,
      status: row.status,
      visible: row.status === 'open' && row.employerVerified === true,
      employerId: String(row.employerId),
      employerName: row.employerName,
      employerKind: row.employerKind,
      skills: codes,
      skillNames,
      skillCategories: uniq(infos.map((s) => s.category)),
      placeNames,
      pinyin: pinyinOf([row.title, ...skillNames, ...placeNames]),
      deadline: row.deadline,
      deadlineTs: deadlineTs(row.deadline),
      startDate: row.startDate,
      createdAt: Math.floor(new Date(row.createdAt).getTime() / 1000),
      version: row.version,
      ...(lat != null && lng != null ? { _geo: { lat, lng }, geoCells: geoCellsOf({ lat, lng }) } : {}),
    };
    const specific =
      kind === 'jobs'
        ? {
            kind: row.employmentType,
            employmentType: row.employmentType,
            payMin: row.payMin,
            payMax: row.payMax ?? row.payMin,
            payUnit: row.payUnit,
            payFrequency: row.payFrequency,
            headcount: row.headcount,
            hours: row.hours,
            accommodation: row.accommodation,
            shuttleSiteIds: siteIds,
            physicalDemand: row.physicalDemand,
            // Issue 18: 班次, 送料上门, 公益性岗位, 持证上岗, and a piece rate as monthly money.
            schedule: row.schedule,
            hoursPerWeek: row.hoursPerWeek,
            materialsDelivered: row.materialsDelivered,
            publicWelfare: row.publicWelfare || row.employmentType === 'public_welfare',
            certificateRequired: row.certificateRequired,
            demands: row.demands,
            ...pieceMonthly(row),
            extraText: uniq<string>([row.hours, row.shifts, row.occupationCode]),
          }
        : kind === 'trainings'
          ? {
              kind: row.subsidyEligible ? 'subsidised' : 'regular',
              certificate: row.certificate,
              schedule: row.schedule,
              seats: row.seats,
              cost: row.cost,
              subsidyEligible: row.subsidyEligible,
              childcare: row.childcare,
              extraText: uniq<string>([row.certificate, row.schedule]),
            }
          : {
              kind: row.kind,
              siteIds,
              positions: row.positions,
              participationModes: row.participationModes,
              payMin: row.expectedIncomeMin,
              payMax: row.expectedIncomeMax ?? row.expectedIncomeMin,
              incomeUnit: row.incomeUnit,
              extraText: [],
            };
    const document = { ...base, ...specific } as Omit<PostingDocument, 'docHash'>;
    return { ...document, docHash: hashDocument(document) } as PostingDocument;
  });
}

/** A piece rate with an expected output, as the monthly range the portal shows (计件折合月收入). */
function pieceMonthly(row: Record<string, any>): { monthlyPayMin?: number; monthlyPayMax?: number } {
  const rate = row.payMin ?? row.payMax;
  if (row.payUnit !== 'piece' || rate == null || !row.piecesPerMonth) return {};
  const top = row.piecesPerMonthMax ?? row.piecesPerMonth;
  return {
    monthlyPayMin: Math.round(Number(rate) * row.piecesPerMonth),
    monthlyPayMax: Math.round(Number(row.payMax ?? rate) * Math.max(top, row.piecesPerMonth)),
  };
}
