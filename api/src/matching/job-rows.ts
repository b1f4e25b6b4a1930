import { sql } from 'kysely';
import type { SkillRequirement as StoredRequirement } from '../opportunities/opportunities.tables.ts';
import type {
  GeoPoint,
  JobSchedule,
  MatchJob,
  OpportunityWorkMode,
  Pay,
  PhysicalDemand,
  PhysicalFact,
} from './types.ts';

/** Hours in a working day, to turn an hourly wage into a daily one (matching counts days). */
export const HOURS_PER_DAY = 8;
/** When a posting does not say, a job is assumed to be of ordinary (medium) physical demand. */
export const DEFAULT_PHYSICAL_DEMAND: PhysicalDemand = 'medium';

export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const parseJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
export const location = (lat: number | null, lng: number | null): GeoPoint | null =>
  lat !== null && lng !== null ? { lat, lng } : null;

function payOf(row: Record<string, any>): Pay | null {
  const unit: 'month' | 'day' | 'hour' | 'piece' = row.payUnit;
  const low = num(row.payMin) ?? num(row.payMax);
  const high = num(row.payMax) ?? num(row.payMin);
  if (low === null || high === null) return null;
  if (unit === 'hour') return { min: low * HOURS_PER_DAY, max: high * HOURS_PER_DAY, unit: 'day' };
  if (unit === 'piece' && row.piecesPerMonth) {
    return {
      min: low,
      max: high,
      unit,
      piecesPerMonth: row.piecesPerMonth,
      ...(row.piecesPerMonthMax ? { piecesPerMonthMax: row.piecesPerMonthMax } : {}),
    };
  }
  return { min: low, max: high, unit };
}

const workModeOf = (type: string): OpportunityWorkMode =>
  type === 'home_piecework' ? 'piecework_home' : (type as OpportunityWorkMode);

/** The columns of a job that matching reads (arrays as plain strings: cheaper to read by the thousand). */
export const jobColumns = [
  'jobs.id',
  'jobs.title',
  'jobs.lat',
  'jobs.lng',
  sql<string>`array_to_string(jobs.shuttle_site_ids, ',')`.as('shuttleSiteIds'),
  'jobs.ageMin',
  'jobs.ageMax',
  'jobs.physicalDemand',
  'jobs.deadline',
  'jobs.requiredSkills',
  sql<string>`array_to_string(jobs.optional_skills, ' ')`.as('optionalSkills'),
  'jobs.payMin',
  'jobs.payMax',
  'jobs.payUnit',
  'jobs.employmentType',
  'jobs.accommodation',
  'jobs.startDate',
  sql<string>`array_to_string(jobs.schedule, ',')`.as('schedule'),
  'jobs.hoursPerWeek',
  'jobs.piecesPerMonth',
  'jobs.piecesPerMonthMax',
  'jobs.materialsDelivered',
  'jobs.publicWelfare',
  'jobs.certificateRequired',
  sql<string>`array_to_string(jobs.demands, ',')`.as('demands'),
  'jobs.shuttleMinutes',
] as const;

/** A row of `jobColumns` as matching sees the job. */
export const jobRow = (row: Record<string, any>): MatchJob => ({
  kind: 'job',
  id: row.id,
  title: row.title,
  location: location(row.lat, row.lng),
  shuttleSiteIds: row.shuttleSiteIds ? row.shuttleSiteIds.split(',') : [],
  minAge: row.ageMin,
  maxAge: row.ageMax,
  physicalDemand: row.physicalDemand ?? DEFAULT_PHYSICAL_DEMAND,
  deadline: row.deadline,
  requiredSkills: parseJson<StoredRequirement[]>(row.requiredSkills).map((s) => ({
    code: s.code,
    minLevel: s.minLevel ?? 1,
  })),
  optionalSkills: row.optionalSkills
    ? row.optionalSkills.split(' ').map((code: string) => ({ code, minLevel: 1 }))
    : [],
  pay: payOf(row),
  workMode: workModeOf(row.employmentType),
  hoursPerWeek: row.hoursPerWeek ?? null,
  accommodation: row.accommodation,
  certificateRequired: row.certificateRequired ?? false,
  startDate: row.startDate,
  ...(row.schedule ? { schedule: row.schedule.split(',') as JobSchedule[] } : {}),
  ...(row.demands ? { demands: row.demands.split(',') as PhysicalFact[] } : {}),
  ...(row.materialsDelivered ? { materialsDelivered: true } : {}),
  ...(row.publicWelfare ? { publicWelfare: true } : {}),
  ...(row.shuttleMinutes ? { shuttleMinutes: row.shuttleMinutes } : {}),
});
