import type {
  MatchHousehold,
  MatchJob,
  MatchPerson,
  MatchProject,
  MatchTraining,
} from '../../api/src/matching/types.ts';

/** Small builders for matching tests: a plain case, overridden field by field. */
export const SITE = { lat: 26.6, lng: 106.7 };
/** A point `km` kilometres due north of SITE. */
export const north = (km: number) => ({ lat: SITE.lat + km / 111.195, lng: SITE.lng });
export const TODAY = '2026-12-01';

export const person = (overrides: Partial<MatchPerson> = {}): MatchPerson => ({
  id: 'p1',
  age: 35,
  laborCapacity: 'full',
  healthLimited: false,
  skills: [],
  workModes: [],
  maxCommuteKm: 10,
  hasCareDuties: false,
  willingToWorkAway: false,
  siteId: 'site-1',
  siteLocation: SITE,
  employed: false,
  ...overrides,
});

export const household = (overrides: Partial<MatchHousehold> = {}): MatchHousehold => ({
  id: 'h1',
  membersCount: 4,
  perCapitaAnnualIncome: 6000,
  monitoringLine: 7000,
  membersEmployed: 1,
  anyMemberWithLaborCapacity: true,
  anyMemberLaborUnknown: false,
  ...overrides,
});

export const job = (overrides: Partial<MatchJob> = {}): MatchJob => ({
  kind: 'job',
  id: 'j1',
  title: '缝纫工',
  location: north(3),
  shuttleSiteIds: [],
  minAge: null,
  maxAge: null,
  physicalDemand: 'light',
  deadline: null,
  requiredSkills: [],
  optionalSkills: [],
  pay: { min: 3000, max: 4000, unit: 'month' },
  workMode: 'full_time',
  hoursPerWeek: 44,
  accommodation: false,
  certificateRequired: false,
  startDate: null,
  ...overrides,
});

export const training = (overrides: Partial<MatchTraining> = {}): MatchTraining => ({
  kind: 'training',
  id: 't1',
  title: '叉车培训',
  location: north(3),
  shuttleSiteIds: [],
  minAge: null,
  maxAge: null,
  physicalDemand: 'light',
  deadline: null,
  requiredSkills: [],
  skillsTaught: [{ code: 'forklift', levelReached: 1 }],
  durationDays: 12,
  subsidised: true,
  certificate: true,
  childcare: false,
  seatsLeft: 10,
  startDate: '2026-12-10',
  workMode: 'full_time',
  ...overrides,
});

export const project = (overrides: Partial<MatchProject> = {}): MatchProject => ({
  kind: 'project',
  id: 'pr1',
  title: '茶叶合作社',
  location: north(3),
  shuttleSiteIds: [],
  minAge: null,
  maxAge: null,
  physicalDemand: 'light',
  deadline: null,
  skillsNeeded: [],
  participationModes: ['full_time'],
  expectedMonthlyIncome: 2000,
  startDate: null,
  ...overrides,
});
