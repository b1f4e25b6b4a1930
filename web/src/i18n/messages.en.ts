/**
 * Every string the portal shows, in English: the shape of messages.ts (`Messages`), so a missing key
 * fails typecheck. Loaded with a dynamic import only when English is chosen (i18n.ts `loadEnglish`).
 */
import { accountsEn } from '../features/accounts/messages.en.ts';
import { assignmentsEn } from '../features/assignments/messages.en.ts';
import { auditEn } from '../features/audit-log/messages.en.ts';
import { loginEn } from '../features/auth/messages.en.ts';
import { errorsEn } from '../features/errors/messages.en.ts';
import { healthEn } from '../features/health/messages.en.ts';
import { homeEn } from '../features/home/messages.en.ts';
import { jobsEn } from '../features/jobs/messages.en.ts';
import { jobDetailEn } from '../features/matching/job-detail-messages.en.ts';
import { matchingEn } from '../features/matching/messages.en.ts';
import { notificationsEn } from '../features/notifications/messages.en.ts';
import { offlineEn } from '../features/offline/messages.en.ts';
import { opportunitiesEn } from '../features/opportunities/messages.en.ts';
import { programmesEn } from '../features/programmes/messages.en.ts';
import { regionsEn } from '../features/regions/messages.en.ts';
import { registryEn } from '../features/registry/messages.en.ts';
import { personWorkEn } from '../features/registry/person-work-messages.en.ts';
import { supportEn } from '../features/support/messages.en.ts';
import { trackingEn } from '../features/tracking/messages.en.ts';
import { workflowsEn } from '../features/workflows/messages.en.ts';
import type { Messages } from './messages.ts';

export const en: Messages = {
  appName: 'Anju',
  appTagline: 'Follow-up support for relocated households',
  health: healthEn,
  registry: registryEn,
  language: { switchTo: '中文' },
  common: {
    loading: 'Loading…',
    error: 'Something went wrong; please try again later',
    loadFailed: 'Could not load this; check the connection and press “Try again”',
    busy: 'The system is busy; wait a moment and press “Try again”',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    back: 'Back to home',
    comingSoon: 'This part is being built and will be ready soon.',
    yes: 'Yes',
    no: 'No',
    page: 'Page {{page}}',
    total: '{{total}} in all',
  },
  fieldProblems: {
    required: 'This is required',
    'wrong-type': 'This has the wrong format',
    'too-small': 'This is too short or too few',
    'too-big': 'This is too long or too many',
    format: 'This has the wrong format; compare it with the example',
    'not-allowed': 'Pick this from the list',
    'unknown-field': 'The system does not know this field; reload the page and try again',
    invalid: 'Please check this field',
    taken: 'This is already taken; choose another',
    'in-past': 'The date cannot be before today',
    'in-future': 'The date cannot be after today',
    'range-inverted': 'The lowest value cannot be above the highest',
    'before-start': 'The end cannot be before the start',
    'unknown-skill': 'A skill is not in the taxonomy; pick one from the list',
    'not-a-site': 'Pick the sites from the list',
    discriminatory: 'May not restrict by gender or ethnicity ("{{phrase}}")',
    'credit-code-format': 'The credit code is 18 digits or capital letters (no I, O, Z, S, V)',
    'credit-code-check': 'The credit code is not valid; check it against the business licence',
    'parent-self': 'The parent cannot be the item itself',
    'parent-unknown': 'The parent does not exist; pick it from the list',
    'outside-scope': 'This is outside the regions you look after',
    'not-found': 'Not found; pick it from the list',
    'read-only': 'This cannot be changed',
    'weak-password': 'The password is too common or too easy to guess (like 12345678 or password); choose another',
    'password-too-short': 'The password needs at least {{min}} characters',
    'password-too-long': 'The password is too long: at most 200 characters',
    'password-personal': 'The password must not contain the name, login or phone number; choose another',
    repeated: 'An item is repeated; give each once',
    'same-worker': 'The new worker cannot be the current one',
    'account-disabled': 'This account is disabled',
    'not-on-site': 'Some households are at sites this worker does not look after',
    'same-as-other': 'The two cannot be the same',
    'id-format': 'An ID number is 18 characters: 17 digits and a digit or X',
    'id-region': 'The region code (first 6 digits) of the ID number is wrong',
    'id-birth-invalid': 'The birth date in the ID number is wrong',
    'id-birth-future': 'The birth date in the ID number cannot be in the future',
    'id-check-digit': 'The check digit is wrong; please check the number',
    'unreadable-file': 'The file cannot be read; save it as Excel (.xlsx) or CSV and upload again',
  },
  roles: {
    resident: 'Resident',
    helper: 'Helper',
    employer: 'Employer',
    worker: 'Community worker',
    official: 'Official',
    admin: 'Administrator',
  },
  nav: {
    sites: 'Sites',
    rosterImport: 'Import roster',
    label: 'Main menu',
    home: 'Home',
    jobs: 'Find work',
    training: 'Learn skills',
    applications: 'My applications',
    myResidents: 'People I help',
    postings: 'My positions',
    candidates: 'Candidates',
    roster: 'Household roster',
    worklist: 'Worklist',
    today: "Today's visits",
    visits: 'Home visits',
    residentAccounts: 'Resident accounts',
    dashboard: 'Dashboard',
    auditLog: 'Audit log',
    scheduledJobs: 'Scheduled jobs',
    accounts: 'Accounts',
    skills: 'Skills',
    projects: 'Industry projects',
    alerts: 'My alerts',
    employerReview: 'Employer verification',
    duplicates: 'Possible duplicates',
    importHistory: 'Import history',
  },
  shell: {
    signedInAs: '{{name}} ({{role}})',
    logout: 'Sign out',
    skipToContent: 'Skip to content',
    more: 'More',
    backOnline: 'Back to the home page',
  },
  login: loginEn,
  home: homeEn,
  errors: errorsEn,
  accounts: accountsEn,
  jobs: jobsEn,
  audit: auditEn,
  opportunities: opportunitiesEn,
  tracking: trackingEn,
  offline: offlineEn,
  matching: matchingEn,
  regions: regionsEn,
  assignments: assignmentsEn,
  jobDetail: jobDetailEn,
  personWork: personWorkEn,
  notifications: notificationsEn,
  support: supportEn,
  workflows: workflowsEn,
  programmes: programmesEn,
};
