/**
 * Every number that shapes matching, in one place. Each part (skills, reach, fit, household
 * need) is between 0 and 1. The score is the weighted mean of skills, reach and need, times a
 * fit gate — `fitGate + (1 − fitGate) × fit` — because a job one cannot attend (a carer offered
 * full-time hours) is not made good by skills or pay; then it is capped for honesty.
 * Tests in tests/matching/weights.test.ts pin the effect of each weight; the evaluation set
 * (tests/matching/eval) fails when a change makes the ranking worse.
 */
export interface MatchWeights {
  /** Relative weight of each part in the weighted mean (they need not sum to 1). */
  parts: { skill: number; reach: number; need: number };
  /** The score kept when fit is 0: the mean is multiplied by fitGate + (1 − fitGate) × fit. */
  fitGate: number;
  skillCredit: {
    /** Holds the required skill (or a recorded alias of it) at the level asked. */
    exact: number;
    /** Holds a more specific skill under the one asked (缝纫 asked, 工业缝纫 held). */
    child: number;
    /** Holds the broader skill above the one asked (工业缝纫 asked, 缝纫 held). */
    parent: number;
    /** Holds a sibling skill under the same parent (电焊 asked, 气焊 held). */
    sibling: number;
    /** Holds the skill one level below the one asked; each further level costs `perLevelGap`. */
    levelShortfall: number;
    perLevelGap: number;
  };
  /** The skill part of an opportunity that asks for no skill: honest, not a perfect match. */
  noSkillRequired: number;
  /** The same for someone holding a trade (level 2+ or certified): such work under-uses them. */
  noSkillRequiredForSkilled: number;
  /**
   * The skill part is multiplied by this when a person with a trade (welder, electrician) meets
   * a posting only through a secondary skill (搬运装卸): trade work and apprenticeships first.
   */
  secondarySkillForTradesman: number;
  /** The skill part of a 公益性岗位 asking no skill, for a person its rules make eligible. */
  publicWelfareSkill: number;
  /** The share of the skill part that optional skills earn, when a posting lists any. */
  optionalBonus: number;
  /**
   * Honesty: when an opportunity asks for skills and the person holds none of them (not even a
   * related one), the whole score is capped here, however near or well-paid it is.
   */
  noSkillMatchCap: number;
  reach: {
    /** Max commute used when the person has not said one. */
    defaultMaxCommuteKm: number;
    /** Past the person's max commute by this factor the job is removed (a hard constraint). */
    toleranceFactor: number;
    /** Reach part at exactly the max commute (1 at the doorstep, falling linearly). */
    atMaxCommute: number;
    /** Reach part when a shuttle (班车) runs from the person's site. */
    shuttle: number;
    /** Work within this distance of the site counts as inside it (安置点内), km. */
    siteRadiusKm: number;
    /** What a shuttle ride as long as `maxShuttleMinutes` takes off the reach part. */
    perShuttleHour: number;
    /** A shuttle ride longer than this (minutes, one way) no longer lifts the commute limit. */
    maxShuttleMinutes: number;
    /** For people who must stay close, a shuttle ride longer than this removes the job. */
    maxShuttleMinutesClose: number;
  };
  fit: {
    /** Fit part when the work mode is one the person did not ask for. */
    modeNotPreferred: number;
    /** Fit part for a carer (有照料负担) offered full-time work without home or part-time hours. */
    carerFullTime: number;
    /** Fit part for medium physical work by someone with weak labour capacity or health limits. */
    mediumDemandLimited: number;
    /** Extra fit for 公益性岗位 offered to people with weak capacity, or aged 50 and over. */
    publicWelfareForHardToEmploy: number;
    /** Training: extra fit for childcare offered to a carer, for subsidy, for a certificate. */
    trainingChildcare: number;
    trainingSubsidised: number;
    trainingCertificate: number;
    /** Training: a carer's fit falls by this much per week of full-time course. */
    carerPerWeekOfCourse: number;
  };
  need: {
    /** Working days a month, to turn a daily wage into a monthly one. */
    workDaysPerMonth: number;
    /**
     * The need part is how far one year of this pay, shared by the household, lifts per-capita
     * income relative to the monitoring line: (lift / line) / fullLiftShare, capped at 1.
     */
    fullLiftShare: number;
    /** The line used for that ratio when the household's county has none recorded (yuan a year). */
    referenceLine: number;
    /** Need part when income or the line is unknown (no pretence either way). */
    unknown: number;
    /** Multiplies the need weight when no one in the household is in work (优先推荐). */
    noOneEmployedBoost: number;
    /** Multiplies the need weight when per-capita income is below the monitoring line. */
    belowLineBoost: number;
    /** Training: need part per suitable job nearby the course unlocks, up to 1. */
    trainingPerUnlockedJob: number;
  };
  /** A score at or above this counts as "suitable" (pathways count such jobs). */
  suitableScore: number;
}

export const defaultWeights: MatchWeights = {
  parts: { skill: 0.5, reach: 0.25, need: 0.25 },
  fitGate: 0.4,
  skillCredit: { exact: 1, child: 0.8, parent: 0.5, sibling: 0.4, levelShortfall: 0.6, perLevelGap: 0.2 },
  noSkillRequired: 0.6,
  noSkillRequiredForSkilled: 0.45,
  secondarySkillForTradesman: 0.4,
  publicWelfareSkill: 0.85,
  optionalBonus: 0.15,
  noSkillMatchCap: 0.2,
  reach: {
    defaultMaxCommuteKm: 15,
    toleranceFactor: 1.2,
    atMaxCommute: 0.4,
    shuttle: 0.9,
    siteRadiusKm: 1,
    perShuttleHour: 0.5,
    maxShuttleMinutes: 75,
    maxShuttleMinutesClose: 40,
  },
  fit: {
    modeNotPreferred: 0.4,
    carerFullTime: 0.15,
    mediumDemandLimited: 0.5,
    publicWelfareForHardToEmploy: 0.2,
    trainingChildcare: 0.2,
    trainingSubsidised: 0.1,
    trainingCertificate: 0.1,
    carerPerWeekOfCourse: 0.1,
  },
  need: {
    workDaysPerMonth: 22,
    fullLiftShare: 1.5,
    referenceLine: 7000,
    unknown: 0.5,
    noOneEmployedBoost: 1.5,
    belowLineBoost: 1.3,
    trainingPerUnlockedJob: 0.1,
  },
  suitableScore: 0.55,
};
