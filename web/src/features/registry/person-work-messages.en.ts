/** English for person-work-messages.ts, loaded only when English is chosen (web/src/i18n/messages.en.ts). */
import type { personWorkZh } from './person-work-messages.ts';

export const personWorkEn: typeof personWorkZh = {
  availability: 'Where and when they can work',
  where: 'Where they can work',
  whereUnsaid: 'Not asked yet',
  wheres: {
    home: 'At home only',
    site: 'Inside the site',
    commute: 'Commuting (home every day)',
    away: 'Can work away',
  },
  commuteKm: 'Longest commute in km (0.5 allowed)',
  hours: 'Hours they can work (tick all that apply)',
  hoursOf: {
    full_time: 'Full days',
    part_time_morning: 'Mornings',
    part_time_afternoon: 'Afternoons',
    school_hours: 'School hours',
    shifts: 'Shifts',
    night: 'Nights',
    weekends: 'Weekends',
  },
  availableFrom: 'Can start from (leave empty if now)',
  health: 'Health and disability (confidential: only the responsible staff see it)',
  disabilityKind: 'Disability',
  noDisability: 'No disability',
  disabilityKinds: {
    physical: 'Physical',
    visual: 'Visual',
    hearing: 'Hearing',
    speech: 'Speech',
    intellectual: 'Intellectual',
    mental: 'Mental',
    multiple: 'Multiple',
  },
  disabilityGrade: 'Grade',
  grades: { '1': 'Grade 1 (most severe)', '2': 'Grade 2', '3': 'Grade 3', '4': 'Grade 4' },
  chronicIllness: 'Chronic or serious illness',
  limits: 'Limits at work',
  limitsOf: {
    no_heavy_lifting: 'No heavy lifting',
    no_standing_all_day: 'Cannot stand all day',
    no_night_work: 'No night work',
    no_heights: 'No work at heights',
  },
  commuteWrong: 'Enter a distance from 0 to 2000 km with at most one decimal, such as 0.5',
};
