/** The five dimensions of 社区融入 (community integration), in the order forms and tables show them. */
export const integrationDimensions = [
  'economic',
  'socialTies',
  'dailyLifeServices',
  'culturalParticipation',
  'psychologicalBelonging',
] as const;

/** The kinds of work on the worklist (the API's alert rules), in the order the filter lists them. */
export const alertKinds = [
  'visit_overdue',
  'income_below_or_near_line',
  'below_line_without_dibao',
  'income_drop',
  'zero_employment',
  'dibao_review_due',
  'integration_drop',
  'guarantee_failed',
] as const;
