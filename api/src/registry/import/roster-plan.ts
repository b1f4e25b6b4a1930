import type { Actor } from '../../access/actor.ts';
import { coversRegion } from '../../access/policy.ts';
import type { Db } from '../../db/database.ts';
import type { RawRow } from '../../spreadsheet/read-table.ts';
import { idNumberHash } from '../id-number.ts';
import {
  type ExistingHousehold,
  type ExistingPerson,
  householdsByNumber,
  type ImportSite,
  type Mapping,
  personsByHash,
  sitesOf,
  skillNames,
} from './roster-queries.ts';
import { type Rejection, rejection } from './roster-reasons.ts';
import { type ParsedRoster, parseRoster, type RosterRow } from './roster-rows.ts';

/**
 * The first step of an import: parse and check the rows on their own, then match them against
 * the database (sites, households, persons). No writes: the plan says what the apply step will do.
 */
export interface RosterPlan {
  parsed: ParsedRoster;
  /** Rows to write, in file order, each with its site. */
  accepted: RosterRow[];
  siteOfRow: Map<RosterRow, ImportSite>;
  rejected: Rejection[];
  /** With keepValid: rows without a fault of their own left out with their household. */
  heldBack: number[];
  hashOf: Map<RosterRow, string>;
  households: Map<string, ExistingHousehold>;
  persons: Map<string, ExistingPerson>;
  /** The taxonomy's names and aliases → skill code (only read when the file has a skills column). */
  skillCodes: Map<string, string>;
}

export async function planRoster(
  db: Db,
  options: {
    actor: Actor;
    encryptionKey: string | undefined;
    raw: RawRow[];
    today: string;
    keepValid: boolean;
    mapping?: Mapping;
  },
): Promise<RosterPlan> {
  const { actor, encryptionKey, today } = options;
  const parsed = parseRoster(options.raw, today, options.mapping);
  const rejected = [...parsed.rejected];
  const reject = (row: RosterRow, column: string, ...[code, params]: [Rejection['code'], Record<string, string>?]) =>
    rejected.push(rejection(row.row, column, code, params));

  const siteOf = siteMatcher(await sitesOf(db, actor));
  const hashOf = new Map(parsed.rows.map((r) => [r, idNumberHash(encryptionKey, r.idNumber)]));
  const households = new Map(
    (await householdsByNumber(db, [...new Set(parsed.rows.map((r) => r.householdNumber))])).map((h) => [
      h.householdNumber,
      h,
    ]),
  );
  const persons = new Map((await personsByHash(db, [...hashOf.values()])).map((p) => [p.idNumberHash as string, p]));

  // Rows that only the database can refuse.
  const accepted: RosterRow[] = [];
  const siteOfRow = new Map<RosterRow, ImportSite>();
  for (const row of parsed.rows) {
    const site = siteOf(row);
    const siteColumn = parsed.headerOf(row.site.code !== undefined ? 'siteCode' : 'siteName');
    const siteText = row.site.code ?? row.site.name ?? '';
    const household = households.get(row.householdNumber);
    const person = persons.get(hashOf.get(row) as string);
    if (!site) reject(row, siteColumn, 'unknown-site', { value: siteText });
    else if (Array.isArray(site)) {
      reject(row, siteColumn, 'ambiguous-site', {
        value: siteText,
        names: site.map((s) => `${s.name} ${s.code}`).join('、'),
      });
    } else if (household && !coversRegion(actor, household.sitePath)) {
      reject(row, parsed.headerOf('householdNumber'), 'household-outside', { household: row.householdNumber });
    } else if (person && person.householdNumber !== row.householdNumber) {
      reject(row, parsed.headerOf('idNumber'), 'id-in-other-household', { household: person.householdNumber });
    } else {
      siteOfRow.set(row, site);
      accepted.push(row);
    }
  }
  rejected.sort((a, b) => a.row - b.row);

  const heldBack: number[] = [];
  if (options.keepValid) {
    // A household goes in whole or not at all: one rejected row holds back all of its rows.
    const rejectedRows = new Set(rejected.map((r) => r.row));
    const held = new Set(
      [...parsed.householdRows].filter(([, rows]) => rows.some((r) => rejectedRows.has(r))).map(([n]) => n),
    );
    for (const row of accepted.filter((r) => held.has(r.householdNumber))) heldBack.push(row.row);
    accepted.splice(0, accepted.length, ...accepted.filter((r) => !held.has(r.householdNumber)));
  }
  const skillCodes = accepted.some((r) => r.skills?.length) ? await skillNames(db) : new Map<string, string>();
  return { parsed, accepted, siteOfRow, rejected, heldBack, hashOf, households, persons, skillCodes };
}

/** The actor's sites, matched by code, else by name (exact, then without spaces and 安置点/小区/社区). */
function siteMatcher(sites: ImportSite[]) {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const byName = new Map<string, ImportSite[]>();
  const byLooseName = new Map<string, ImportSite[]>();
  for (const site of sites) {
    byName.set(site.name, [...(byName.get(site.name) ?? []), site]);
    const loose = looseSiteName(site.name);
    byLooseName.set(loose, [...(byLooseName.get(loose) ?? []), site]);
  }
  return (row: RosterRow): ImportSite | ImportSite[] | undefined => {
    if (row.site.code !== undefined) return byCode.get(row.site.code) ?? byCode.get(row.site.code.trim());
    const name = row.site.name ?? '';
    const found = byCode.get(name) ?? byName.get(name) ?? byLooseName.get(looseSiteName(name));
    return Array.isArray(found) && found.length === 1 ? found[0] : found;
  };
}

/** A site name without spaces or its 安置点/安置区/小区/社区 suffix: 幸福家园 安置点 = 幸福家园小区. */
const looseSiteName = (name: string) =>
  name.replace(/[\s（）()]/g, '').replace(/(易地扶贫搬迁)?(集中)?(安置点|安置区|安置小区|小区|社区)$/, '');
