import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { coversRegion } from '../../access/policy.ts';
import type { Db } from '../../db/database.ts';
import { insertRow } from '../../db/row-values.ts';
import { mapPage, type PageRequest, paged } from '../../http/paging.ts';
import type { DisabilityKind } from '../registry.tables.ts';
import type { RosterColumnKey } from './roster-columns.ts';
import { rosterDefaults } from './roster-report.ts';

/**
 * The roster import's SQL, and only its SQL: the plan reads through these, the apply step writes
 * through these, the routes list imports through these. Bulk writes send one JSON parameter per
 * batch (jsonb_to_recordset): far less work than a wide VALUES list for 50,000 rows.
 */

export type Mapping = Record<string, RosterColumnKey | null>;

/** The sites the actor may import into. */
export async function sitesOf(db: Db, actor: Actor) {
  const sites = await db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'path', 'countyCode'])
    .where('level', '=', 'site')
    .execute();
  return sites.filter((s) => coversRegion(actor, s.path));
}
export type ImportSite = Awaited<ReturnType<typeof sitesOf>>[number];

export async function householdsByNumber(db: Db, numbers: string[]) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('households')
    .innerJoin('regions', 'regions.id', 'households.siteId')
    .selectAll('households')
    .select('regions.path as sitePath')
    .where('householdNumber', '=', sql<string>`any(${numbers}::text[])`)
    .execute();
}
export type ExistingHousehold = Awaited<ReturnType<typeof householdsByNumber>>[number];

/** Persons by ID-number hash, with their household number and the roster's facts about them. */
export async function personsByHash(db: Db, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .leftJoin('personRosterFacts as facts', 'facts.personId', 'persons.id')
    .selectAll('persons')
    .select([
      'households.householdNumber',
      'facts.disabilityEncrypted',
      'facts.disabilityKind',
      'facts.disabilityGrade',
      'facts.skillsText',
      'facts.workPlace',
      sql<
        string[]
      >`coalesce((select array_agg(ps.skill_code order by ps.skill_code) from person_skills ps where ps.person_id = persons.id), '{}')`.as(
        'skillCodes',
      ),
    ])
    .where('persons.idNumberHash', '=', sql<string>`any(${hashes}::text[])`)
    .execute();
}
export type ExistingPerson = Awaited<ReturnType<typeof personsByHash>>[number];

/** The skill taxonomy's names, then aliases → code (电焊 → welding.arc by its name, 焊工 → welding). */
export async function skillNames(db: Db): Promise<Map<string, string>> {
  const skills = await db.selectFrom('skills').select(['code', 'nameZh', 'aliases']).orderBy('code').execute();
  const names = new Map<string, string>();
  for (const skill of skills) names.set(skill.nameZh.trim(), skill.code);
  for (const skill of skills)
    for (const alias of skill.aliases) if (!names.has(alias.trim())) names.set(alias.trim(), skill.code);
  return names;
}

/** The current (not superseded) wages figure of each household for a month. */
export async function monthWages(db: Db, householdIds: string[], periodStart: string) {
  if (householdIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('incomeRecords')
    .select(['householdId', 'amountYuan'])
    .where('householdId', '=', sql<string>`any(${householdIds}::bigint[])`)
    .where('periodKind', '=', 'month')
    .where('periodStart', '=', periodStart)
    .where('source', '=', 'wages')
    .where('supersededAt', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.householdId, Number(r.amountYuan)]));
}

export async function insertHouseholds(db: Db, rows: Record<string, unknown>[]) {
  return db
    .insertInto('households')
    .values(rows.map((row) => insertRow('households', row)))
    .returning(['id', 'householdNumber', 'countyCode', 'siteId', 'monitoringCategory'])
    .execute();
}

export async function updateHouseholds(db: Db, rows: Record<string, unknown>[]) {
  await sql`
    update households h set site_id = x.site_id, county_code = x.county_code, building = x.building, unit = x.unit, room = x.room,
      origin_county = x.origin_county, origin_township = x.origin_township, origin_village = x.origin_village,
      relocation_date = x.relocation_date, monitoring_category = x.monitoring_category, version = x.version, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(
      id bigint, site_id bigint, county_code text, building text, unit text, room text, origin_county text,
      origin_township text, origin_village text, relocation_date date, monitoring_category text, version int)
    where h.id = x.id`.execute(db);
  // A household moved to another county takes its members along.
  const moved = rows.map((h) => h.id as string);
  await db
    .updateTable('persons')
    .set({ countyCode: sql`(select county_code from households where households.id = persons.household_id)` })
    .where('householdId', '=', sql<string>`any(${moved}::bigint[])`)
    .execute();
}

export async function insertPersons(db: Db, rows: Record<string, unknown>[]) {
  const { rows: inserted } = await sql<{
    id: string;
    householdId: string;
    countyCode: string;
    employmentStatus: string;
    laborCapacity: string;
    idNumberHash: string;
  }>`
    insert into persons (household_id, county_code, name, relation, birth_date, sex, phone, education, labor_capacity,
      employment_status, health_notes_encrypted, id_number_encrypted, id_number_hash, id_number_masked)
    select x.household_id, x.county_code, x.name, x.relation, x.birth_date, x.sex, x.phone, x.education,
      coalesce(x.labor_capacity, ${rosterDefaults.laborCapacity}), coalesce(x.employment_status, ${rosterDefaults.employmentStatus}), x.health_notes_encrypted,
      x.id_number_encrypted, x.id_number_hash, x.id_number_masked
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(
      household_id bigint, county_code text, name text, relation text, birth_date date, sex text, phone text,
      education text, labor_capacity text, employment_status text, health_notes_encrypted text, id_number_encrypted text,
      id_number_hash text, id_number_masked text)
    returning id, household_id, county_code, employment_status, labor_capacity, id_number_hash`.execute(db);
  return inserted;
}

export async function updatePersons(db: Db, rows: Record<string, unknown>[]) {
  await sql`
    update persons p set name = x.name, relation = x.relation, birth_date = x.birth_date, sex = x.sex, phone = x.phone,
      education = x.education, labor_capacity = x.labor_capacity, employment_status = x.employment_status,
      health_notes_encrypted = x.health_notes_encrypted, version = x.version, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(
      id bigint, name text, relation text, birth_date date, sex text, phone text, education text,
      labor_capacity text, employment_status text, health_notes_encrypted text, version int)
    where p.id = x.id`.execute(db);
}

/**
 * Structured health read from the roster's 健康状况 and 残疾 (encrypted record, limits in clear);
 * `bump` when no other change of the person raised its version in this import.
 */
export async function updatePersonHealth(
  db: Db,
  rows: { id: string; healthEncrypted: string | null; workLimits: string[]; bump: boolean }[],
) {
  if (rows.length === 0) return;
  await sql`
    update persons p set health_encrypted = x.health_encrypted, work_limits = x.work_limits,
      version = p.version + case when x.bump then 1 else 0 end, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(
      id bigint, health_encrypted text, work_limits text[], bump boolean)
    where p.id = x.id`.execute(db);
}

export interface RosterFactRow {
  personId: string;
  countyCode: string;
  disabilityEncrypted: string | null;
  disabilityKind: DisabilityKind | null;
  disabilityGrade: number | null;
  skillsText: string | null;
  workPlace: string | null;
}

/** Writes the roster's facts about persons (whole rows: the caller merged them with what was stored). */
export async function upsertRosterFacts(db: Db, rows: RosterFactRow[]) {
  if (rows.length === 0) return;
  await sql`
    insert into person_roster_facts (person_id, county_code, disability_encrypted, disability_kind, disability_grade,
      skills_text, work_place, import_id)
    select x.person_id, x.county_code, x.disability_encrypted, x.disability_kind, x.disability_grade, x.skills_text,
      x.work_place, null
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(
      person_id bigint, county_code text, disability_encrypted text, disability_kind text, disability_grade smallint,
      skills_text text, work_place text)
    on conflict (person_id) do update set county_code = excluded.county_code,
      disability_encrypted = excluded.disability_encrypted, disability_kind = excluded.disability_kind,
      disability_grade = excluded.disability_grade, skills_text = excluded.skills_text, work_place = excluded.work_place,
      import_id = excluded.import_id, updated_at = now()`.execute(db);
}

/** Which import last wrote these persons' roster facts. */
export async function markFactsImport(db: Db, personIds: string[], importId: string) {
  if (personIds.length === 0) return;
  await db
    .updateTable('personRosterFacts')
    .set({ importId })
    .where('personId', '=', sql<string>`any(${personIds}::bigint[])`)
    .execute();
}

/** Adds skills of the taxonomy to persons (a skill already there keeps its level and certificate). */
export async function addPersonSkills(db: Db, rows: { personId: string; skillCode: string; countyCode: string }[]) {
  if (rows.length === 0) return;
  await sql`
    insert into person_skills (person_id, skill_code, county_code)
    select x.person_id, x.skill_code, x.county_code
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x(person_id bigint, skill_code text, county_code text)
    on conflict do nothing`.execute(db);
}

/** The newest mapping a worker chose for this header signature at one of the actor's sites. */
export async function rememberedMapping(db: Db, actor: Actor, signature: string): Promise<Mapping | undefined> {
  const rows = await db
    .selectFrom('rosterColumnMappings')
    .innerJoin('regions', 'regions.id', 'rosterColumnMappings.siteId')
    .select(['rosterColumnMappings.mapping', 'regions.path'])
    .where('headerSignature', '=', signature)
    .orderBy('rosterColumnMappings.updatedAt', 'desc')
    .orderBy('rosterColumnMappings.id', 'desc')
    .execute();
  return rows.find((r) => coversRegion(actor, r.path))?.mapping as Mapping | undefined;
}

export async function rememberMapping(
  db: Db,
  entry: { siteIds: string[]; signature: string; headers: string[]; mapping: Mapping; userId: string },
) {
  for (const siteId of entry.siteIds) {
    await db
      .insertInto('rosterColumnMappings')
      .values({
        siteId,
        headerSignature: entry.signature,
        headers: JSON.stringify(entry.headers),
        mapping: JSON.stringify(entry.mapping),
        userId: entry.userId,
      })
      .onConflict((oc) =>
        oc.columns(['siteId', 'headerSignature']).doUpdateSet({
          headers: JSON.stringify(entry.headers),
          mapping: JSON.stringify(entry.mapping),
          userId: entry.userId,
          updatedAt: new Date(),
        }),
      )
      .execute();
  }
}

export async function insertImportRecord(
  db: Db,
  record: {
    userId: string;
    fileName: string;
    fileSha256: string;
    committed: boolean;
    rowCount: number;
    createdCount: number;
    updatedCount: number;
    unchangedCount: number;
    rejectedCount: number;
  },
): Promise<string> {
  const { id } = await db.insertInto('rosterImports').values(record).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A page of roster imports: the actor's own, or every one for an admin. */
export async function listImports(db: Db, actor: Actor, request: PageRequest) {
  let base = db.selectFrom('rosterImports').leftJoin('users', 'users.id', 'rosterImports.userId');
  if (actor.role !== 'admin') base = base.where('rosterImports.userId', '=', actor.userId);
  const page = await paged(
    base,
    (filtered) =>
      filtered.selectAll('rosterImports').select('users.name as userName').orderBy('rosterImports.id', 'desc'),
    request,
  );
  return mapPage(page, (row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
}

const snakeKeys = (row: object) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), value]),
  );
