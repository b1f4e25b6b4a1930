import { hasHealthLimit } from './health.ts';
import type { Availability, JobSchedule, MatchJob, MatchPerson, PersonHours, WorkWhere } from './types.ts';
import { workWhereOrder } from './types.ts';

/**
 * Availability (可工作时间与地点) as matching reads it. A recorded availability is a hard
 * constraint; a record that predates it gets one read from the care duty, work modes and
 * willingness to work away, used only as a preference (it was never said in so many words).
 */
export interface ReadAvailability extends Availability {
  /** True when the person (or their worker) recorded it; false when read from older fields. */
  stated: boolean;
}

const dayHours: PersonHours[] = ['part_time_morning', 'part_time_afternoon', 'school_hours'];

export function availabilityOf(person: MatchPerson): ReadAvailability {
  if (person.availability) return { ...person.availability, stated: true };
  const modes = person.workModes;
  // Shift and night work are never assumed: only someone who said so is offered them as a fit.
  const fullHours: PersonHours[] = ['full_time', 'weekends'];
  const hours = new Set<PersonHours>([
    ...(modes.length === 0 && !person.hasCareDuties ? fullHours : []),
    ...(modes.length === 0 || modes.includes('part_time') ? dayHours : []),
    ...(modes.includes('full_time') ? fullHours : []),
  ]);
  const homeOnly = modes.length > 0 && modes.every((mode) => mode === 'piecework_home');
  const where: WorkWhere = person.willingToWorkAway ? 'away' : homeOnly ? 'home' : 'commute';
  return { where, hours: [...hours], availableFrom: null, stated: false };
}

export const reachesAtLeast = (where: WorkWhere, needed: WorkWhere) =>
  workWhereOrder.indexOf(where) >= workWhereOrder.indexOf(needed);

/** The ways a job's hours run: recorded, or read from its work mode and weekly hours. */
export function scheduleOf(job: MatchJob): JobSchedule[] {
  if (job.schedule && job.schedule.length > 0) return job.schedule;
  if (job.workMode === 'part_time') return ['part_time_morning', 'part_time_afternoon'];
  if (job.workMode === 'piecework_home') return [];
  // 公益性岗位 are arranged around the people they are for: full days or half days.
  if (job.workMode === 'public_welfare') return ['full_time', 'part_time_morning', 'part_time_afternoon'];
  return ['full_time'];
}

/** Whether one way of working a job suits the hours a person can give. */
function suits(schedule: JobSchedule, hours: ReadonlySet<PersonHours>): boolean {
  switch (schedule) {
    case 'full_time':
      return hours.has('full_time');
    case 'part_time_morning':
      return hours.has('part_time_morning') || hours.has('school_hours') || hours.has('full_time');
    case 'part_time_afternoon':
      return hours.has('part_time_afternoon') || hours.has('full_time');
    case 'school_hours':
      return hours.has('school_hours') || hours.has('full_time');
    case 'two_shifts':
      return hours.has('shifts');
    case 'three_shifts':
      return hours.has('shifts') && hours.has('night');
    case 'night':
      return hours.has('night');
    case 'weekends':
      return hours.has('weekends');
  }
}

/** The job's hours suit the person: some listed way of doing it fits (home piecework always does). */
export function hoursFit(job: MatchJob, availability: Availability): boolean {
  const schedule = scheduleOf(job);
  if (schedule.length === 0) return true;
  const hours = new Set(availability.hours);
  return schedule.some((s) => suits(s, hours));
}

/** Every way of doing the job involves night work (夜班, 三班倒). */
export function onlyAtNight(job: MatchJob): boolean {
  const schedule = scheduleOf(job);
  return (
    (job.demands ?? []).includes('night_work') ||
    (schedule.length > 0 && schedule.every((s) => s === 'night' || s === 'three_shifts'))
  );
}

/** A commute limit this short is the person saying they stay close, km. */
export const STAY_CLOSE_KM = 3;
/** From this age people stay close unless they said otherwise. */
export const STAY_CLOSE_AGE = 60;

/**
 * People who must stay close (就近): weak labour, a disability or chronic illness, care duties,
 * aged 60 or over, or a commute limit of a few km. A shuttle or a dormitory does not lift their limit.
 */
export function mustStayClose(person: MatchPerson): boolean {
  return (
    person.laborCapacity === 'weak' ||
    hasHealthLimit(person) ||
    person.hasCareDuties ||
    (person.age !== null && person.age >= STAY_CLOSE_AGE) ||
    (person.maxCommuteKm !== null && person.maxCommuteKm <= STAY_CLOSE_KM)
  );
}

/** The person's trade (主业技能): recorded, or the best certified skill (level 2+) or a level-4+ one. */
export function primarySkillOf(person: MatchPerson): string | null {
  if (person.primarySkill !== undefined) return person.primarySkill;
  const trades = person.skills.filter((s) => s.level >= 4 || (s.certified && s.level >= 2));
  if (trades.length === 0) return null;
  return [...trades].sort((a, b) => Number(b.certified) - Number(a.certified) || b.level - a.level)[0].code;
}
