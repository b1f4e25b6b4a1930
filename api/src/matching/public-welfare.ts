import { hasHealthLimit } from './health.ts';
import type { MatchHousehold, MatchJob, MatchOpportunity, MatchPerson } from './types.ts';

/**
 * 公益性岗位 (public-welfare posts) are kept for people who find work hardest (就业困难人员).
 * Who counts is data, not code: each rule names one situation; a person meeting any is eligible.
 */
export type WelfareRule =
  | { kind: 'weak_labour' }
  | { kind: 'disability_or_illness' }
  | { kind: 'age_at_least'; age: number }
  /** A monitored household (监测户), or one with no one in work or below the line, for someone without a skill. */
  | { kind: 'household_in_need_without_trade'; minAge: number };

export const publicWelfareRules: readonly WelfareRule[] = [
  { kind: 'weak_labour' },
  { kind: 'disability_or_illness' },
  { kind: 'age_at_least', age: 50 },
  { kind: 'household_in_need_without_trade', minAge: 40 },
];

export const isPublicWelfare = (opportunity: MatchOpportunity): opportunity is MatchJob =>
  opportunity.kind === 'job' && (opportunity.publicWelfare === true || opportunity.workMode === 'public_welfare');

function meets(rule: WelfareRule, person: MatchPerson, household: MatchHousehold): boolean {
  switch (rule.kind) {
    case 'weak_labour':
      return person.laborCapacity === 'weak';
    case 'disability_or_illness':
      return hasHealthLimit(person);
    case 'age_at_least':
      return person.age !== null && person.age >= rule.age;
    case 'household_in_need_without_trade': {
      const below =
        household.perCapitaAnnualIncome !== null &&
        household.monitoringLine !== null &&
        household.perCapitaAnnualIncome < household.monitoringLine;
      const inNeed = household.monitored === true || household.membersEmployed === 0 || below;
      // Someone with a skill at level 2 or a certificate has better work to be offered.
      const skilled = person.skills.some((held) => held.level >= 2 || held.certified);
      return inNeed && !skilled && person.age !== null && person.age >= rule.minAge;
    }
  }
}

/** The first rule that makes the person eligible, or null. */
export function welfareRuleMet(
  person: MatchPerson,
  household: MatchHousehold,
  rules: readonly WelfareRule[] = publicWelfareRules,
): WelfareRule | null {
  return rules.find((rule) => meets(rule, person, household)) ?? null;
}
