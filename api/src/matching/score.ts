import { chinaToday } from '@anju/domain/clock';
import { distanceKm } from '@anju/domain/geo';
import { opportunityMonthlyPay } from './pay.ts';
import { type Reason, reason } from './reasons.ts';
import type { SkillGraph } from './skill-graph.ts';
import { heldSkill, skillPart } from './skills-part.ts';
import type {
  MatchHousehold,
  MatchJob,
  MatchOpportunity,
  MatchPerson,
  MatchProject,
  MatchTraining,
  ParticipationMode,
} from './types.ts';
import { defaultWeights, type MatchWeights } from './weights.ts';

export interface ScoreParts {
  skill: number;
  reach: number;
  fit: number;
  need: number;
}

/** A hard constraint removes the opportunity; the reasons say which constraints failed. */
export interface Excluded {
  excluded: true;
  reasons: Reason[];
}

export interface Scored {
  excluded: false;
  /** 0..1, three decimals. */
  score: number;
  parts: ScoreParts;
  reasons: Reason[];
}

export type ScoreResult = Excluded | Scored;

export interface ScoreContext {
  /** 'YYYY-MM-DD': closed opportunities and started courses are removed against this day. */
  today: string;
  /** For courses, by course id: how many more jobs in the pool become suitable once it is done. */
  jobsUnlocked?: ReadonlyMap<string, number>;
}

/**
 * Scores one opportunity for one person in their household: removes it on a hard constraint,
 * otherwise returns a 0..1 score and the reasons behind it, skills first.
 */
export function scoreOpportunity(
  person: MatchPerson,
  household: MatchHousehold,
  opportunity: MatchOpportunity,
  graph: SkillGraph,
  weights: MatchWeights = defaultWeights,
  context: ScoreContext = { today: chinaToday() },
): ScoreResult {
  const hard = hardConstraints(person, opportunity, graph, weights, context);
  if (hard.length > 0) return { excluded: true, reasons: hard };

  const skill =
    opportunity.kind === 'training'
      ? trainingSkillPart(person, opportunity, graph, weights)
      : opportunity.kind === 'job'
        ? skillPart(person, opportunity.requiredSkills, opportunity.optionalSkills, graph, weights)
        : skillPart(person, opportunity.skillsNeeded, [], graph, weights);
  const reach = reachPart(person, opportunity, weights);
  const fit = fitPart(person, opportunity, graph, weights);
  const need = needPart(household, opportunity, weights, context);

  const w = weights.parts;
  const needWeight = w.need * need.boost;
  const mean =
    (w.skill * skill.value + w.reach * reach.value + needWeight * need.value) / (w.skill + w.reach + needWeight);
  let score = mean * (weights.fitGate + (1 - weights.fitGate) * fit.value);
  // Honesty: nearness, fit or pay never make up for holding none of the skills asked.
  if (skill.noneMatched) score = Math.min(score, weights.noSkillMatchCap);
  return {
    excluded: false,
    score: Math.round(score * 1000) / 1000,
    parts: { skill: skill.value, reach: reach.value, fit: fit.value, need: need.value },
    reasons: [...skill.reasons, ...reach.reasons, ...fit.reasons, ...need.reasons],
  };
}

const isLimited = (person: MatchPerson) => person.laborCapacity === 'weak' || person.healthLimited;

function hardConstraints(
  person: MatchPerson,
  opportunity: MatchOpportunity,
  graph: SkillGraph,
  weights: MatchWeights,
  context: ScoreContext,
): Reason[] {
  const reasons: Reason[] = [];
  if (opportunity.deadline !== null && opportunity.deadline < context.today) {
    reasons.push(reason('fit.closed', 'minus', { date: opportunity.deadline }));
  } else if (opportunity.kind === 'training' && opportunity.startDate < context.today) {
    reasons.push(reason('fit.closed', 'minus', { date: opportunity.startDate }));
  }
  if (opportunity.kind === 'training' && opportunity.seatsLeft <= 0) reasons.push(reason('fit.no_seats', 'minus'));

  const { minAge, maxAge } = opportunity;
  if (person.age !== null && ((minAge !== null && person.age < minAge) || (maxAge !== null && person.age > maxAge))) {
    reasons.push(reason('fit.age_out', 'minus', { age: person.age, minAge, maxAge }));
  }

  const dividendOnly = opportunity.kind === 'project' && opportunity.participationModes.includes('dividend');
  if (person.laborCapacity === 'none' && opportunity.physicalDemand !== 'light' && !dividendOnly) {
    reasons.push(reason('fit.no_capacity', 'minus'));
  } else if (opportunity.physicalDemand === 'heavy' && !dividendOnly) {
    if (person.laborCapacity === 'weak') reasons.push(reason('fit.heavy_for_weak', 'minus'));
    else if (person.healthLimited) reasons.push(reason('fit.health_heavy', 'minus'));
  }

  if (opportunity.kind === 'job') {
    if (opportunity.workMode === 'labour_export' && !person.willingToWorkAway) {
      reasons.push(reason('reach.not_willing_away', 'minus'));
    }
    const tooFar = tooFarKm(person, opportunity, weights);
    if (tooFar) reasons.push(reason('reach.too_far', 'minus', tooFar));
    // 持证上岗: a skill the law licenses needs the person's certificate, not just the skill.
    for (const requirement of opportunity.requiredSkills) {
      if (!(opportunity.certificateRequired || graph.certificateRequired(requirement.code))) continue;
      // A certificate for the broader trade covers its specialities (焊工证 covers 气焊), and
      // one for a speciality covers the trade asked in general.
      const certified = person.skills.some((held) => {
        const relation = graph.relation(held.code, requirement.code);
        return held.certified && relation !== null && relation !== 'sibling';
      });
      if (!certified) reasons.push(reason('fit.certificate_missing', 'minus', { ...graph.names(requirement.code) }));
    }
  } else {
    const tooFar = tooFarKm(person, opportunity, weights);
    if (tooFar) reasons.push(reason('reach.too_far', 'minus', tooFar));
  }
  return reasons;
}

/**
 * Work that needs no daily travel: piecework at home, or a project one can join from home.
 * The materials come from a workshop, so it must be within the person's commute (or send a
 * shuttle) — a workshop across the city hands out to its own neighbourhood, not to everyone.
 */
function worksFromHome(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights): boolean {
  const atHome =
    opportunity.kind === 'job'
      ? opportunity.workMode === 'piecework_home'
      : opportunity.kind === 'project' && ['piecework_home', 'dividend'].includes(projectMode(person, opportunity));
  if (!atHome) return false;
  if (!opportunity.location || !person.siteLocation || opportunity.shuttleSiteIds.includes(person.siteId)) return true;
  return distanceKm(person.siteLocation, opportunity.location) <= maxCommute(person, weights);
}

const maxCommute = (person: MatchPerson, weights: MatchWeights) =>
  person.maxCommuteKm ?? weights.reach.defaultMaxCommuteKm;

function tooFarKm(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights) {
  if (!opportunity.location || !person.siteLocation || worksFromHome(person, opportunity, weights)) return null;
  if (opportunity.shuttleSiteIds.includes(person.siteId)) return null;
  if (opportunity.kind === 'job' && opportunity.workMode === 'labour_export') return null;
  if (opportunity.kind === 'job' && opportunity.accommodation && person.willingToWorkAway) return null;
  const km = distanceKm(person.siteLocation, opportunity.location);
  const maxKm = maxCommute(person, weights);
  return km > maxKm * weights.reach.toleranceFactor ? { km: round1(km), maxKm } : null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

interface Part {
  value: number;
  reasons: Reason[];
}

function reachPart(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights): Part {
  if (worksFromHome(person, opportunity, weights)) return { value: 1, reasons: [reason('reach.at_home', 'plus')] };
  if (opportunity.kind === 'job' && opportunity.workMode === 'labour_export') {
    return {
      value: opportunity.accommodation ? 0.8 : 0.5,
      reasons: [reason('reach.labour_export', 'info', { accommodation: opportunity.accommodation })],
    };
  }
  if (!opportunity.location || !person.siteLocation) {
    return { value: 0.5, reasons: [reason('reach.unknown', 'info')] };
  }
  const km = distanceKm(person.siteLocation, opportunity.location);
  const maxKm = maxCommute(person, weights);
  if (opportunity.shuttleSiteIds.includes(person.siteId)) {
    return { value: weights.reach.shuttle, reasons: [reason('reach.shuttle', 'plus', { km: round1(km) })] };
  }
  if (km > maxKm && opportunity.kind === 'job' && opportunity.accommodation && person.willingToWorkAway) {
    return { value: 0.5, reasons: [reason('reach.accommodation', 'info', { km: round1(km) })] };
  }
  const share = Math.min(1, km / Math.max(maxKm, 0.1));
  const value = 1 - (1 - weights.reach.atMaxCommute) * share - (km > maxKm ? 0.2 : 0);
  return {
    value: Math.max(0, value),
    reasons: [reason('reach.distance', km > maxKm ? 'minus' : 'plus', { km: round1(km), maxKm, overMax: km > maxKm })],
  };
}

/** The way a person would take part in a project: home-friendly modes first for carers and the limited. */
function projectMode(person: MatchPerson, project: MatchProject): ParticipationMode {
  const modes = project.participationModes;
  const preferred: ParticipationMode[] =
    person.hasCareDuties || isLimited(person) || person.laborCapacity === 'none'
      ? ['piecework_home', 'part_time', 'dividend', 'full_time']
      : ['full_time', 'part_time', 'piecework_home', 'dividend'];
  const accepted =
    person.workModes.length === 0
      ? preferred
      : preferred.filter((mode) => mode === 'dividend' || person.workModes.includes(mode as never));
  return accepted.find((mode) => modes.includes(mode)) ?? modes[0] ?? 'full_time';
}

function fitPart(person: MatchPerson, opportunity: MatchOpportunity, graph: SkillGraph, weights: MatchWeights): Part {
  if (opportunity.kind === 'training') return trainingFit(person, opportunity, weights);
  const reasons: Reason[] = [];
  const f = weights.fit;
  let value = 1;
  const mode = opportunity.kind === 'job' ? opportunity.workMode : projectMode(person, opportunity);
  const dailyAway = mode === 'full_time' || mode === 'labour_export';
  if (person.hasCareDuties && dailyAway) {
    value = f.carerFullTime;
    reasons.push(reason('fit.carer_full_time', 'minus', { mode }));
  } else if (person.hasCareDuties && (mode === 'part_time' || mode === 'piecework_home')) {
    reasons.push(reason('fit.carer_friendly', 'plus', { mode }));
  } else if (!modeAccepted(person, mode)) {
    value = f.modeNotPreferred;
    reasons.push(reason('fit.mode_not_preferred', 'minus', { mode }));
  }
  if (mode === 'dividend') reasons.push(reason('fit.dividend', 'plus'));
  if (opportunity.physicalDemand === 'medium' && isLimited(person) && mode !== 'dividend') {
    value *= f.mediumDemandLimited;
    reasons.push(reason('fit.medium_demand_limited', 'minus'));
  }
  if (
    opportunity.kind === 'job' &&
    opportunity.workMode === 'public_welfare' &&
    (isLimited(person) || (person.age ?? 0) >= 50)
  ) {
    value = Math.min(1, value + f.publicWelfareForHardToEmploy);
    reasons.push(reason('fit.public_welfare', 'plus'));
  }
  if (opportunity.kind === 'job') {
    for (const requirement of opportunity.requiredSkills) {
      if (!(opportunity.certificateRequired || graph.certificateRequired(requirement.code))) continue;
      reasons.push(reason('fit.certified', 'plus', { ...graph.names(requirement.code) }));
    }
  }
  return { value, reasons };
}

function modeAccepted(person: MatchPerson, mode: MatchJob['workMode'] | ParticipationMode): boolean {
  if (person.workModes.length === 0 || mode === 'dividend') return true;
  if (mode === 'public_welfare') return person.workModes.some((m) => m !== 'piecework_home');
  if (mode === 'labour_export') return person.workModes.includes('full_time');
  return person.workModes.includes(mode);
}

function trainingFit(person: MatchPerson, training: MatchTraining, weights: MatchWeights): Part {
  const f = weights.fit;
  const reasons: Reason[] = [];
  let value = 0.7;
  if (person.hasCareDuties && training.workMode === 'full_time') {
    const weeks = training.durationDays / 7;
    value -= f.carerPerWeekOfCourse * weeks;
    if (weeks >= 1) reasons.push(reason('fit.long_course_carer', 'minus', { days: training.durationDays }));
  }
  if (person.hasCareDuties && training.childcare) {
    value += f.trainingChildcare;
    reasons.push(reason('fit.childcare', 'plus'));
  }
  if (training.subsidised) {
    value += f.trainingSubsidised;
    reasons.push(reason('fit.subsidised', 'plus'));
  }
  if (training.certificate) {
    value += f.trainingCertificate;
    reasons.push(reason('fit.certificate_offered', 'plus'));
  }
  if (training.physicalDemand === 'medium' && isLimited(person)) {
    value *= f.mediumDemandLimited;
    reasons.push(reason('fit.medium_demand_limited', 'minus'));
  }
  return { value: Math.max(0, Math.min(1, value)), reasons };
}

/**
 * A course is worth taking when it teaches a skill the person lacks, or raises one they hold;
 * prerequisites count like a job's required skills.
 */
function trainingSkillPart(
  person: MatchPerson,
  training: MatchTraining,
  graph: SkillGraph,
  weights: MatchWeights,
): { value: number; noneMatched: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let best = 0;
  for (const taught of training.skillsTaught) {
    const held = heldSkill(person, taught.code, graph);
    const names = graph.names(taught.code);
    if (held && held.level >= taught.levelReached) {
      reasons.push(
        reason('skill.already_has', 'minus', { ...names, level: held.level, levelReached: taught.levelReached }),
      );
    } else if (held) {
      best = Math.max(best, 0.9);
      reasons.push(reason('skill.raises', 'plus', { ...names, level: held.level, levelReached: taught.levelReached }));
    } else {
      // A new skill next to one the person has (气焊 for a welder) is an easier, likelier step.
      const related = person.skills.some((s) => graph.relation(s.code, taught.code) !== null);
      best = Math.max(best, related ? 0.8 : 0.5);
      reasons.push(reason('skill.teaches', 'plus', { ...names, levelReached: taught.levelReached }));
    }
  }
  if (training.requiredSkills.length === 0) return { value: best, noneMatched: false, reasons };
  const prerequisites = skillPart(person, training.requiredSkills, [], graph, weights);
  return {
    value: best * prerequisites.value,
    noneMatched: prerequisites.noneMatched,
    reasons: [...prerequisites.reasons.filter((r) => r.code !== 'skill.none_required'), ...reasons],
  };
}

function needPart(
  household: MatchHousehold,
  opportunity: MatchOpportunity,
  weights: MatchWeights,
  context: ScoreContext,
): Part & { boost: number } {
  const n = weights.need;
  const reasons: Reason[] = [];
  let boost = 1;
  const line = household.monitoringLine;
  const belowLine = line !== null && household.perCapitaAnnualIncome !== null && household.perCapitaAnnualIncome < line;

  if (opportunity.kind === 'training') {
    const jobs = context.jobsUnlocked?.get(opportunity.id);
    if (jobs === undefined) return { value: n.unknown, reasons, boost };
    if (jobs > 0) reasons.push(reason('need.unlocks_jobs', 'plus', { jobs }));
    return { value: Math.min(1, jobs * n.trainingPerUnlockedJob), reasons, boost };
  }

  if (household.membersEmployed === 0 && household.anyMemberWithLaborCapacity) {
    boost *= n.noOneEmployedBoost;
    reasons.push(reason('need.no_one_employed', 'plus'));
  } else if (belowLine) {
    reasons.push(reason('need.below_line', 'info'));
  }
  if (belowLine) boost *= n.belowLineBoost;

  const pay = opportunityMonthlyPay(opportunity, weights);
  if (!pay) {
    reasons.push(reason('need.pay_unknown', 'info'));
    return { value: n.unknown, reasons, boost };
  }
  const monthly = (pay.min + pay.max) / 2;
  const perCapitaLift = (monthly * 12) / Math.max(1, household.membersCount);
  const reference = line ?? n.referenceLine;
  const pctOfLine = line !== null ? Math.round((perCapitaLift / line) * 100) : null;
  reasons.push(
    reason('need.lift', 'plus', { monthly: Math.round(monthly), perCapitaLift: Math.round(perCapitaLift), pctOfLine }),
  );
  return { value: Math.min(1, perCapitaLift / reference / n.fullLiftShare), reasons, boost };
}
