import { primarySkillOf } from './availability.ts';
import { type Reason, reason } from './reasons.ts';
import type { SkillGraph, SkillRelation } from './skill-graph.ts';
import type { MatchPerson, PersonSkill, SkillRequirement } from './types.ts';
import type { MatchWeights } from './weights.ts';

export interface RequirementMatch {
  /** 0..1: how far the person meets this one requirement. */
  credit: number;
  reason: Reason;
  /** The person's skill that met it (exactly, by alias or as a more specific skill). */
  heldSkill: PersonSkill | null;
}

/** How far one held skill meets a requirement (0..1), before any reason is written. */
function creditOf(
  held: PersonSkill,
  relation: SkillRelation,
  requirement: SkillRequirement,
  weights: MatchWeights,
): number {
  const credits = weights.skillCredit;
  if (relation !== 'exact' && relation !== 'alias') return credits[relation];
  const gap = requirement.minLevel - held.level;
  return gap <= 0 ? credits.exact : Math.max(0, credits.levelShortfall - credits.perLevelGap * (gap - 1));
}

/**
 * The best way the person meets one required skill, with the reason that says so. Credits are
 * compared first and only the winner's reason is written: scoring runs over thousands of
 * retrieved jobs per request, and reasons (with the skill's names) are most of its allocations.
 */
export function matchRequirement(
  person: MatchPerson,
  requirement: SkillRequirement,
  graph: SkillGraph,
  weights: MatchWeights,
): RequirementMatch {
  let best: { held: PersonSkill; relation: SkillRelation; credit: number } | null = null;
  for (const held of person.skills) {
    const relation = graph.relation(held.code, requirement.code);
    if (!relation) continue;
    const credit = creditOf(held, relation, requirement, weights);
    if (credit > (best?.credit ?? 0)) best = { held, relation, credit };
  }
  if (!best) {
    return {
      credit: 0,
      reason: reason('skill.missing', 'minus', { ...graph.names(requirement.code), minLevel: requirement.minLevel }),
      heldSkill: null,
    };
  }
  const { held, relation, credit } = best;
  if (relation === 'exact' || relation === 'alias') {
    if (held.level >= requirement.minLevel) {
      return {
        credit,
        reason: reason(relation === 'exact' ? 'skill.met' : 'skill.met_alias', 'plus', {
          ...graph.names(requirement.code),
          // An alias is shown as the person's own word for the skill (电焊 for 焊工).
          ...(relation === 'alias' ? { held: held.code, heldZh: held.code, heldEn: held.code } : {}),
          level: held.level,
          minLevel: requirement.minLevel,
        }),
        heldSkill: held,
      };
    }
    return {
      credit,
      reason: reason('skill.level_short', 'minus', {
        ...graph.names(requirement.code),
        level: held.level,
        minLevel: requirement.minLevel,
      }),
      heldSkill: null,
    };
  }
  const code =
    relation === 'child'
      ? 'skill.related_child'
      : relation === 'parent'
        ? 'skill.related_parent'
        : 'skill.related_sibling';
  return {
    credit,
    reason: reason(code, 'plus', {
      ...graph.names(requirement.code),
      held: held.code,
      heldZh: graph.nameZh(held.code),
      heldEn: graph.nameEn(held.code),
      level: held.level,
    }),
    heldSkill: relation === 'child' ? held : null,
  };
}

export interface SkillPart {
  value: number;
  /** The opportunity asked for skills and the person holds none of them, nor anything related. */
  noneMatched: boolean;
  reasons: Reason[];
}

/** The skill part (0..1) of a job or project: required skills averaged, optional ones a bonus. */
export function skillPart(
  person: MatchPerson,
  required: SkillRequirement[],
  optional: SkillRequirement[],
  graph: SkillGraph,
  weights: MatchWeights,
  tradeAware = true,
): SkillPart {
  const reasons: Reason[] = [];
  const skilled = person.skills.some((held) => held.level >= 2 || held.certified);
  let value = skilled ? weights.noSkillRequiredForSkilled : weights.noSkillRequired;
  let noneMatched = false;
  if (required.length === 0) {
    reasons.push(reason('skill.none_required', 'info'));
  } else {
    const matches = required.map((requirement) => matchRequirement(person, requirement, graph, weights));
    for (const match of matches) reasons.push(match.reason);
    value = matches.reduce((sum, match) => sum + match.credit, 0) / matches.length;
    noneMatched = matches.every((match) => match.credit === 0);
    // A trade (主业技能) outranks a secondary skill: physical work a welder can also do
    // (搬运装卸) is not what a welder should be offered first. Callers pass tradeAware for
    // physical work only: light work through a second craft (a certified embroiderer sewing
    // at home) is a fair offer.
    const trade = tradeAware ? primarySkillOf(person) : null;
    if (trade && !noneMatched && required.every((r) => graph.relation(trade, r.code) === null)) {
      value *= weights.secondarySkillForTradesman;
      reasons.push(reason('skill.under_uses_trade', 'info', { ...graph.names(trade) }));
    }
  }
  // Optional skills take a share of the skill part, so they separate two people who both meet
  // every required skill (a bonus added on top would vanish at the cap).
  let optionalMet = 0;
  for (const wanted of optional) {
    const match = matchRequirement(person, wanted, graph, weights);
    if (match.credit >= weights.skillCredit.exact) {
      optionalMet += 1;
      reasons.push(
        reason('skill.optional_met', 'plus', {
          ...graph.names(wanted.code),
          level: match.heldSkill?.level ?? null,
        }),
      );
    }
  }
  if (optional.length > 0) {
    value = value * (1 - weights.optionalBonus) + (optionalMet / optional.length) * weights.optionalBonus;
  }
  return { value, noneMatched, reasons };
}

/** The person's own record of a skill (or of an alias of it), if any. */
export function heldSkill(person: MatchPerson, code: string, graph: SkillGraph): PersonSkill | undefined {
  return person.skills.find((held) => {
    const relation = graph.relation(held.code, code);
    return relation === 'exact' || relation === 'alias';
  });
}
