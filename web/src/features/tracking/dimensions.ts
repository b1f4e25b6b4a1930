/** The five dimensions of 社区融入 (community integration), in the order forms and tables show them. */
export const integrationDimensions = [
  'economic',
  'socialTies',
  'dailyLifeServices',
  'culturalParticipation',
  'psychologicalBelonging',
] as const;
