import { ageOn } from '@anju/domain/dates';
import { employedStatuses } from '@anju/domain/enums';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { STAY_CLOSE_AGE, STAY_CLOSE_KM } from './availability.ts';
import { STAY_CLOSE_LIMIT } from './health.ts';
import type { Candidate } from './rank.ts';
import { SkillGraph } from './skill-graph.ts';
import type {
  GeoPoint,
  HealthLimit,
  MatchHousehold,
  MatchJob,
  MatchPerson,
  PersonHealth,
  PersonHours,
  PersonWorkMode,
  WorkWhere,
} from './types.ts';
import { defaultWeights, type MatchWeights } from './weights.ts';

/** The skill taxonomy as matching sees it. Small (hundreds of rows): read whole. */
export async function loadSkillGraph(db: Db): Promise<SkillGraph> {
  const rows = await db
    .selectFrom('skills')
    .select(['code', 'nameZh', 'nameEn', 'parentCode', 'aliases', 'certificateRequired'])
    .execute();
  return new SkillGraph(rows);
}

/**
 * Household income facts matching needs. They live with income tracking (人均纯收入, 监测线),
 * which is another domain; until it lands callers pass nulls and need reasons say "unknown".
 */
export interface IncomeFacts {
  perCapitaAnnualIncome: number | null;
  monitoringLine: number | null;
}

/** Income facts for a batch of households, by household id. */
export type IncomeSource = (householdIds: string[]) => Promise<Map<string, IncomeFacts>>;

export const unknownIncome: IncomeSource = async () => new Map();

/** Age in whole years on `today`, or null when the birth date is not recorded. */
export function ageOrNull(birthDate: string | null, today: string): number | null {
  return birthDate ? ageOn(birthDate, today) : null;
}

const personColumns = [
  'persons.id',
  'persons.householdId',
  'persons.birthDate',
  'persons.laborCapacity',
  'persons.employmentStatus',
  'persons.maxCommuteKm',
  'persons.workModes',
  'persons.willingToWorkAway',
  'persons.hasCareDuties',
  'persons.availableWhere',
  'persons.availableHours',
  'persons.availableFrom',
  'persons.primarySkill',
  'persons.workLimits',
  'households.siteId',
  'households.monitoringCategory',
  'sites.lat',
  'sites.lng',
] as const;

type PersonRow = {
  id: string;
  householdId: string;
  birthDate: string | null;
  laborCapacity: MatchPerson['laborCapacity'];
  employmentStatus: string;
  maxCommuteKm: number | null;
  workModes: string[];
  willingToWorkAway: boolean;
  hasCareDuties: boolean;
  availableWhere: WorkWhere | null;
  availableHours: string[];
  availableFrom: string | null;
  primarySkill: string | null;
  workLimits: string[];
  siteId: string;
  monitoringCategory: string;
  lat: number | null;
  lng: number | null;
};

/** 监测户: any monitoring category but 'none' (read by the 公益性岗位 rules). */
const withMonitoring = (household: MatchHousehold, row: PersonRow): MatchHousehold =>
  row.monitoringCategory === 'none' ? household : { ...household, monitored: true };

function healthOfLimits(limits: string[]): PersonHealth {
  return {
    disabilityKind: null,
    disabilityGrade: null,
    chronicIllness: limits.includes(STAY_CLOSE_LIMIT),
    limits: limits.filter((limit) => limit !== STAY_CLOSE_LIMIT) as HealthLimit[],
  };
}

function toMatchPerson(row: PersonRow, skills: MatchPerson['skills'], today: string): MatchPerson {
  return {
    id: row.id,
    age: ageOrNull(row.birthDate, today),
    laborCapacity: row.laborCapacity,
    // Health is encrypted; matching reads only the limits kept in clear (work_limits): what work
    // to avoid, and `stay_close` standing for a disability or chronic illness.
    healthLimited: false,
    ...(row.workLimits.length ? { health: healthOfLimits(row.workLimits) } : {}),
    ...(row.availableWhere
      ? {
          availability: {
            where: row.availableWhere,
            hours: row.availableHours as PersonHours[],
            availableFrom: row.availableFrom,
          },
        }
      : {}),
    ...(row.primarySkill ? { primarySkill: row.primarySkill } : {}),
    skills,
    workModes: row.workModes as PersonWorkMode[],
    maxCommuteKm: row.maxCommuteKm,
    hasCareDuties: row.hasCareDuties,
    willingToWorkAway: row.willingToWorkAway,
    siteId: row.siteId,
    siteLocation: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    employed: (employedStatuses as readonly string[]).includes(row.employmentStatus),
  };
}

async function skillsOf(db: Db, personIds: string[]): Promise<Map<string, MatchPerson['skills']>> {
  const bySkill = new Map<string, MatchPerson['skills']>();
  if (personIds.length === 0) return bySkill;
  const rows = await db
    .selectFrom('personSkills')
    .select(['personId', 'skillCode', 'level', 'certificate'])
    .where('personId', '=', sql<string>`any(${personIds}::bigint[])`)
    // In a stable order: when two held skills earn a requirement the same credit, the first is
    // the one its reason names, and that must not change with the plan's order of the rows.
    .orderBy('personId')
    .orderBy('skillCode')
    .execute();
  for (const row of rows) {
    const list = bySkill.get(row.personId) ?? [];
    list.push({ code: row.skillCode, level: row.level, certified: row.certificate !== null });
    bySkill.set(row.personId, list);
  }
  return bySkill;
}

async function householdsOf(
  db: Db,
  householdIds: string[],
  income: IncomeSource,
): Promise<Map<string, MatchHousehold>> {
  const result = new Map<string, MatchHousehold>();
  if (householdIds.length === 0) return result;
  // Members, labour and employment per household come from household_summary, which triggers
  // keep current on every write to persons (one index lookup per household instead of counting
  // every member of thousands of candidates' households).
  const [rows, facts] = await Promise.all([
    db
      .selectFrom('householdSummary')
      .select(['householdId', 'members', 'employedAny as employed', 'able', 'laborUnknown'])
      .where('householdId', '=', sql<string>`any(${householdIds}::bigint[])`)
      .execute(),
    income(householdIds),
  ]);
  for (const row of rows) {
    const known = facts.get(row.householdId);
    result.set(row.householdId, {
      id: row.householdId,
      membersCount: Number(row.members),
      perCapitaAnnualIncome: known?.perCapitaAnnualIncome ?? null,
      monitoringLine: known?.monitoringLine ?? null,
      membersEmployed: Number(row.employed),
      anyMemberWithLaborCapacity: Number(row.able) > 0,
      anyMemberLaborUnknown: Number(row.laborUnknown) > 0,
    });
  }
  return result;
}

const personQuery = (db: Db) =>
  db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .leftJoin('sites', 'sites.regionId', 'households.siteId');

/** A person and their household, as matching sees them; undefined if there is no such person. */
export async function loadMatchSubject(
  db: Db,
  personId: string,
  today: string,
  income: IncomeSource = unknownIncome,
): Promise<Candidate | undefined> {
  const row = await personQuery(db).select(personColumns).where('persons.id', '=', personId).executeTakeFirst();
  if (!row) return undefined;
  const [skills, households] = await Promise.all([skillsOf(db, [row.id]), householdsOf(db, [row.householdId], income)]);
  return {
    person: toMatchPerson(row as PersonRow, skills.get(row.id) ?? [], today),
    household: withMonitoring(households.get(row.householdId)!, row as PersonRow),
  };
}

export interface CandidatePoolOptions {
  today: string;
  /** People who applied to this job are candidates even when not visible to employers. */
  appliedPersonIds?: string[];
  /** At most this many people are scored (retrieval keeps the likeliest by skill and place). */
  limit?: number;
  weights?: MatchWeights;
}

/**
 * Retrieval for an employer's job: people who opted in to being seen (or applied), hold a
 * skill that earns credit for a required one, live on a site within reach (or on a shuttle
 * route), are of an age the job takes and can do its physical work. Scoring happens after, in code.
 */
export async function loadCandidatePool(
  db: Db,
  job: MatchJob,
  graph: SkillGraph,
  options: CandidatePoolOptions,
  income: IncomeSource = unknownIncome,
): Promise<Candidate[]> {
  const rows = (await candidatePoolQuery(db, job, graph, options).execute()) as PersonRow[];
  const [skills, households] = await Promise.all([
    skillsOf(
      db,
      rows.map((r) => r.id),
    ),
    householdsOf(db, [...new Set(rows.map((r) => r.householdId))], income),
  ]);
  return rows.map((row) => ({
    person: toMatchPerson(row, skills.get(row.id) ?? [], options.today),
    household: withMonitoring(households.get(row.householdId)!, row),
  }));
}

/**
 * `mustStayClose` (availability.ts) on the person row: weak labour, a disability or chronic
 * illness (kept as the `stay_close` limit), care duties, born on or before `bornBy` (60 today:
 * compared as text, as `ageOn` compares), or a commute limit of a few km.
 */
const mustStayCloseSql = (bornBy: string) =>
  sql<SqlBool>`(persons.labor_capacity = 'weak' or ${STAY_CLOSE_LIMIT}::text = any(persons.work_limits)
    or persons.has_care_duties or coalesce(to_char(persons.birth_date, 'YYYY-MM-DD') <= ${bornBy}, false)
    or coalesce(persons.max_commute_km <= ${STAY_CLOSE_KM}::float8, false))`;

/** Great-circle km from a point to a site (`alias`.lat/lng); null when the site has no place. */
const kmFromSite = (alias: 'sites' | 's', { lat, lng }: { lat: number; lng: number }) => {
  const siteLat = sql.ref(`${alias}.lat`);
  const siteLng = sql.ref(`${alias}.lng`);
  return sql<number>`6371 * 2 * asin(sqrt(power(sin(radians(${siteLat} - ${lat}::float8) / 2), 2) + cos(radians(${lat}::float8)) * cos(radians(${siteLat})) * power(sin(radians(${siteLng} - ${lng}::float8) / 2), 2)))`;
};

/**
 * Whether the job's place limits who can take it (labour export is fetched apart). Not for a job
 * with no place, nor for take-home piecework whose materials are brought to the site (送料上门):
 * that is work at home wherever one lives. Piecework fetched from the workshop is work at home
 * within the person's commute and a commute beyond it (score.ts, placeOf), removed past the
 * commute's tolerance like any other job: retrieval must not hand thousands of far-away people
 * to scoring only for scoring to remove them.
 */
const placeLimits = (job: MatchJob): job is MatchJob & { location: GeoPoint } =>
  job.location !== null && !(job.workMode === 'piecework_home' && job.materialsDelivered);

/**
 * The ids of the people who may be candidates for the job by skill and place: the people seen by
 * employers who hold one of the `related` skills and live within reach, plus the applicants
 * holding one. It reads person_skills_reach_idx, where each skill row carries its person's site,
 * commute, willingness to work away and visibility (kept by triggers), so that only those few are
 * looked up in persons, not every holder of the skill in the database. It names a superset: the
 * caller still applies the exact filters to the persons it returns.
 */
function reachableSkillHolders(job: MatchJob, related: string[], applied: string[], weights: MatchWeights) {
  const holds = sql`ps.skill_code = any(${sql.val(related)}::text[])`;
  const seen = sql`select ps.person_id from person_skills ps where ps.visible_to_employers and ${holds}`;
  const applicants = applied.length
    ? sql` union all select ps.person_id from person_skills ps where ps.person_id = any(${sql.val(applied)}::bigint[]) and ${holds}`
    : sql``;
  if (job.workMode === 'labour_export') return sql`${seen} and ps.willing_to_work_away${applicants}`;
  if (!placeLimits(job)) return sql`${seen}${applicants}`;
  // The sites within reach: those within the longest commute anyone seen by employers accepts
  // (× tolerance), the shuttle's, and those with no known place. Sites are a few hundred rows.
  const km = kmFromSite('s', job.location);
  const shuttle = sql`${sql.val(job.shuttleSiteIds)}::bigint[]`;
  const { defaultMaxCommuteKm, toleranceFactor } = weights.reach;
  const sitesWithinReach = sql`select site_id, km from (select r.id as site_id, ${km} as km from regions r
      left join sites s on s.region_id = r.id where r.level = 'site') site
    where km is null or site_id = any(${shuttle})
      or km <= (select greatest(max(max_commute_km), ${defaultMaxCommuteKm}::float8) from persons
        where visible_to_employers) * ${toleranceFactor}::float8`;
  // Then the skill holders living there, each within their own commute (the filter below).
  const near = sql`select ps.person_id from (${sitesWithinReach}) r
    join person_skills ps on ps.site_id = r.site_id
    where ps.visible_to_employers and ${holds} and (r.km is null or r.site_id = any(${shuttle})
      or r.km <= coalesce(ps.max_commute_km, ${defaultMaxCommuteKm}::float8) * ${toleranceFactor}::float8)`;
  const away = job.accommodation ? sql` union all ${seen} and ps.willing_to_work_away` : sql``;
  return sql`${near}${away}${applicants}`;
}

/** The retrieval query of `loadCandidatePool`, apart so that the bench can EXPLAIN it. */
export function candidatePoolQuery(db: Db, job: MatchJob, graph: SkillGraph, options: CandidatePoolOptions) {
  const weights = options.weights ?? defaultWeights;
  const applied = options.appliedPersonIds ?? [];
  const related = [...new Set(job.requiredSkills.flatMap((s) => graph.relatedCodes(s.code)))];
  let query = personQuery(db)
    .select(personColumns)
    .where((eb) =>
      applied.length
        ? eb.or([eb('persons.visibleToEmployers', '=', true), eb('persons.id', 'in', applied)])
        : eb('persons.visibleToEmployers', '=', true),
    );
  if (related.length) {
    // People who hold a related skill and live within reach are a few hundred of 200k: find them
    // by the reach index, then look each one up by id (an array, so the planner does not read
    // every person instead).
    query = query.where(
      sql<SqlBool>`persons.id = any(array(${reachableSkillHolders(job, related, applied, weights)}))`,
    );
  }
  if (job.physicalDemand !== 'light') query = query.where('persons.laborCapacity', '!=', 'none');
  // 未登记 is retrieved as someone who can work (scoring asks the worker to check it first).
  if (job.physicalDemand === 'heavy') query = query.where('persons.laborCapacity', 'in', ['full', 'unknown']);
  // Ages as `ageOn` counts them: the birth date against today's month and day N years back,
  // compared as text (29 February of a year that had none is no date, but orders right).
  const [y] = options.today.split('-').map(Number);
  const iso = (year: number) => `${year}${options.today.slice(4)}`;
  const born = sql<string>`to_char(persons.birth_date, 'YYYY-MM-DD')`;
  if (job.maxAge !== null) query = query.where(born, '>', iso(y - job.maxAge - 1));
  if (job.minAge !== null) query = query.where(born, '<=', iso(y - job.minAge));
  // Who is sent away (or lifted past their commute by a dormitory) only as scoring would:
  // willing to go, not saying otherwise, and not someone who must stay close (score.ts,
  // placeConstraints and tooFarKm), unless they said "away" themselves (labour export).
  const close = mustStayCloseSql(iso(y - STAY_CLOSE_AGE));
  const goesAway = sql<SqlBool>`persons.willing_to_work_away and persons.available_where is distinct from 'home'
    and persons.available_where is distinct from 'site' and persons.available_where is distinct from 'commute'`;
  if (job.workMode === 'labour_export') {
    query = query.where(sql<SqlBool>`${goesAway} and (persons.available_where = 'away' or not ${close})`);
  } else if (placeLimits(job)) {
    // Sites from which the job is reachable at the person's own commute; a site with a shuttle
    // always is. The same test as the index's above, exact here for every row (applicants too).
    const withinKm = kmFromSite('sites', job.location);
    query = query.where((eb) =>
      eb.or([
        eb(
          withinKm,
          '<=',
          sql<number>`coalesce(persons.max_commute_km, ${weights.reach.defaultMaxCommuteKm}::float8) * ${weights.reach.toleranceFactor}::float8`,
        ),
        ...(job.shuttleSiteIds.length ? [eb('households.siteId', 'in', job.shuttleSiteIds)] : []),
        ...(job.accommodation ? [sql<SqlBool>`${goesAway} and not ${close}`] : []),
        eb(withinKm, 'is', null),
      ]),
    );
  }
  return query.orderBy('persons.id').limit(options.limit ?? 5000);
}
