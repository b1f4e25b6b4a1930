import { chinaToday } from '@anju/domain/clock';
import { distanceKm } from '@anju/domain/geo';
import { availabilityOf, hoursFit, mustStayClose, onlyAtNight, reachesAtLeast, scheduleOf } from './availability.ts';
import { effectiveLimits, limitsPhysicalWork } from './health.ts';
import { opportunityMonthlyPay } from './pay.ts';
import { isPublicWelfare, welfareRuleMet } from './public-welfare.ts';
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
  PersonHours,
  WorkWhere,
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
  const hard = hardConstraints(person, household, opportunity, graph, weights, context);
  if (hard.length > 0) return { excluded: true, reasons: hard };

  const skill =
    opportunity.kind === 'training'
      ? trainingSkillPart(person, opportunity, graph, weights)
      : opportunity.kind === 'job'
        ? skillPart(
            person,
            opportunity.requiredSkills,
            opportunity.optionalSkills,
            graph,
            weights,
            opportunity.physicalDemand !== 'light' || (opportunity.demands ?? []).includes('heavy_lifting'),
          )
        : skillPart(person, opportunity.skillsNeeded, [], graph, weights, opportunity.physicalDemand !== 'light');
  // A 公益性岗位 asking no skill is made for the people its rules name: for them it is a match.
  if (isPublicWelfare(opportunity) && opportunity.requiredSkills.length === 0 && welfareRuleMet(person, household)) {
    skill.value = Math.max(skill.value, weights.publicWelfareSkill);
  }
  const reach = reachPart(person, opportunity, weights);
  const fit = fitPart(person, household, opportunity, graph, weights);
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

const isLimited = (person: MatchPerson) => person.laborCapacity === 'weak' || limitsPhysicalWork(person);

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function hardConstraints(
  person: MatchPerson,
  household: MatchHousehold,
  opportunity: MatchOpportunity,
  graph: SkillGraph,
  weights: MatchWeights,
  context: ScoreContext,
): Reason[] {
  const reasons: Reason[] = [];
  const availability = availabilityOf(person);
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

  // 可开始日期: a course that starts before the person is free, or a job that cannot wait a month.
  const from = availability.availableFrom;
  if (from !== null && from > context.today) {
    const starts =
      opportunity.kind === 'training' ? opportunity.startDate : addDays(opportunity.startDate ?? context.today, 30);
    if (from > starts) reasons.push(reason('fit.not_available_yet', 'minus', { date: from }));
  }

  const dividendOnly = opportunity.kind === 'project' && opportunity.participationModes.includes('dividend');
  const limits = effectiveLimits(person.health);
  const demands = new Set(opportunity.kind === 'job' ? (opportunity.demands ?? []) : []);
  const heavy = opportunity.physicalDemand === 'heavy' || demands.has('heavy_lifting');
  if (person.laborCapacity === 'none' && opportunity.physicalDemand !== 'light' && !dividendOnly) {
    reasons.push(reason('fit.no_capacity', 'minus'));
  } else if (heavy && !dividendOnly) {
    if (person.laborCapacity === 'weak') reasons.push(reason('fit.heavy_for_weak', 'minus'));
    else if (person.healthLimited || limits.has('no_heavy_lifting')) reasons.push(reason('fit.health_heavy', 'minus'));
  }
  if (opportunity.kind === 'job') {
    if (limits.has('no_standing_all_day') && demands.has('standing_all_day')) {
      reasons.push(reason('fit.health_limit', 'minus', { limit: 'no_standing_all_day' }));
    }
    if (limits.has('no_heights') && demands.has('heights')) {
      reasons.push(reason('fit.health_limit', 'minus', { limit: 'no_heights' }));
    }
    if (limits.has('no_night_work') && onlyAtNight(opportunity)) {
      reasons.push(reason('fit.health_limit', 'minus', { limit: 'no_night_work' }));
    }
    if (availability.stated && !hoursFit(opportunity, availability)) {
      reasons.push(reason('fit.hours_mismatch', 'minus', { schedule: scheduleOf(opportunity).join(',') }));
    }
    if (isPublicWelfare(opportunity) && !welfareRuleMet(person, household)) {
      reasons.push(reason('fit.public_welfare_ineligible', 'minus'));
    }
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
  }
  if (opportunity.kind === 'project' && availability.stated && !projectModeFor(person, opportunity)) {
    reasons.push(reason('fit.hours_mismatch', 'minus', { schedule: opportunity.participationModes.join(',') }));
  }
  reasons.push(...placeConstraints(person, opportunity, weights));
  return reasons;
}

/**
 * Where the work is done, as far as the person is concerned (居家 / 安置点内 / 通勤 / 外出):
 * take-home piecework and home-friendly projects are work at home when the materials come to the
 * site (送料上门) or can be fetched within the person's commute; work within a short walk of the
 * site is on the site.
 */
function placeOf(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights): WorkWhere {
  const atHome =
    opportunity.kind === 'job'
      ? opportunity.workMode === 'piecework_home'
      : opportunity.kind === 'project' && ['piecework_home', 'dividend'].includes(projectMode(person, opportunity));
  if (atHome) {
    if (opportunity.kind === 'job' && opportunity.materialsDelivered) return 'home';
    if (!opportunity.location || !person.siteLocation) return 'home';
    if (distanceKm(person.siteLocation, opportunity.location) <= maxCommute(person, weights)) return 'home';
    if (opportunity.shuttleSiteIds.includes(person.siteId)) return 'home';
    return 'commute';
  }
  if (opportunity.kind === 'job' && opportunity.workMode === 'labour_export') return 'away';
  if (!opportunity.location || !person.siteLocation) return 'commute';
  return distanceKm(person.siteLocation, opportunity.location) <= weights.reach.siteRadiusKm ? 'site' : 'commute';
}

/** The person's commute limit: as said, or short for people who said home or site only. */
function maxCommute(person: MatchPerson, weights: MatchWeights): number {
  if (person.maxCommuteKm !== null) return person.maxCommuteKm;
  const availability = availabilityOf(person);
  if (availability.stated && (availability.where === 'home' || availability.where === 'site')) {
    return weights.reach.siteRadiusKm;
  }
  return weights.reach.defaultMaxCommuteKm;
}

/** The hard constraints of place: where the person can work, and how far. */
function placeConstraints(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights): Reason[] {
  const availability = availabilityOf(person);
  const place = placeOf(person, opportunity, weights);
  const close = mustStayClose(person);
  if (place === 'away') {
    if (!reachesAtLeast(availability.where, 'away')) return [reason('reach.not_willing_away', 'minus')];
    // The old, the weak, the disabled and carers are not sent away unless they said so.
    if (close && !availability.stated) return [reason('reach.must_stay_close', 'minus')];
    return [];
  }
  if (availability.stated && !reachesAtLeast(availability.where, place)) {
    return [reason(availability.where === 'home' ? 'reach.home_only' : 'reach.site_only', 'minus')];
  }
  if (place === 'home' || place === 'site') return [];
  const tooFar = tooFarKm(person, opportunity, weights);
  return tooFar ? [reason('reach.too_far', 'minus', tooFar)] : [];
}

function tooFarKm(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights) {
  if (!opportunity.location || !person.siteLocation) return null;
  const km = distanceKm(person.siteLocation, opportunity.location);
  const maxKm = maxCommute(person, weights);
  const close = mustStayClose(person);
  const shuttle = opportunity.shuttleSiteIds.includes(person.siteId);
  const minutes = opportunity.kind === 'job' ? (opportunity.shuttleMinutes ?? null) : null;
  // A shuttle lifts the limit for those who can travel — unless the ride itself is too long;
  // for people who must stay close the whole journey counts against their limit.
  if (shuttle && !close && (minutes === null || minutes <= weights.reach.maxShuttleMinutes)) return null;
  const canLiveAway = reachesAtLeast(availabilityOf(person).where, 'away');
  if (opportunity.kind === 'job' && opportunity.accommodation && canLiveAway && !close) return null;
  const journeyOver = close && minutes !== null && minutes > weights.reach.maxShuttleMinutesClose;
  return km > maxKm * weights.reach.toleranceFactor || journeyOver ? { km: round1(km), maxKm } : null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

interface Part {
  value: number;
  reasons: Reason[];
}

function reachPart(person: MatchPerson, opportunity: MatchOpportunity, weights: MatchWeights): Part {
  const place = placeOf(person, opportunity, weights);
  if (place === 'home') {
    const delivered = opportunity.kind === 'job' && opportunity.materialsDelivered;
    return { value: 1, reasons: [reason(delivered ? 'reach.materials_delivered' : 'reach.at_home', 'plus')] };
  }
  if (place === 'away') {
    const accommodation = opportunity.kind === 'job' && opportunity.accommodation;
    return {
      value: accommodation ? 0.8 : 0.5,
      reasons: [reason('reach.labour_export', 'info', { accommodation })],
    };
  }
  if (!opportunity.location || !person.siteLocation) {
    return { value: 0.5, reasons: [reason('reach.unknown', 'info')] };
  }
  const km = distanceKm(person.siteLocation, opportunity.location);
  if (place === 'site') return { value: 1, reasons: [reason('reach.on_site', 'plus', { km: round1(km) })] };
  const maxKm = maxCommute(person, weights);
  const close = mustStayClose(person);
  if (opportunity.shuttleSiteIds.includes(person.siteId)) {
    // The ride counts: a long one is worth less, and for people who must stay close the
    // distance weighs as if there were no bus (the bus only spares them the fare and the walk).
    const minutes = opportunity.kind === 'job' ? (opportunity.shuttleMinutes ?? null) : null;
    const ride = minutes === null ? 0 : Math.min(1, minutes / weights.reach.maxShuttleMinutes);
    const byDistance = 1 - (1 - weights.reach.atMaxCommute) * Math.min(1, km / Math.max(maxKm, 0.1));
    const value = close
      ? Math.min(weights.reach.shuttle, byDistance + 0.1)
      : weights.reach.shuttle - weights.reach.perShuttleHour * ride;
    return { value, reasons: [reason('reach.shuttle', 'plus', { km: round1(km), minutes })] };
  }

  if (km > maxKm && opportunity.kind === 'job' && opportunity.accommodation && !close) {
    return { value: 0.5, reasons: [reason('reach.accommodation', 'info', { km: round1(km) })] };
  }
  const share = Math.min(1, km / Math.max(maxKm, 0.1));
  const value = 1 - (1 - weights.reach.atMaxCommute) * share - (km > maxKm ? 0.2 : 0);
  return {
    value: Math.max(0, value),
    reasons: [reason('reach.distance', km > maxKm ? 'minus' : 'plus', { km: round1(km), maxKm, overMax: km > maxKm })],
  };
}

/** Home-first for people who can only work at home, carers and the limited; full-time first otherwise. */
function projectPreference(person: MatchPerson): ParticipationMode[] {
  const availability = availabilityOf(person);
  const homeFirst =
    availability.where === 'home' ||
    person.hasCareDuties ||
    isLimited(person) ||
    person.laborCapacity === 'none' ||
    (availability.stated && !availability.hours.includes('full_time'));
  return homeFirst
    ? ['piecework_home', 'part_time', 'dividend', 'full_time']
    : ['full_time', 'part_time', 'piecework_home', 'dividend'];
}

/** Whether the person's stated hours allow a way of taking part. */
function participationFits(person: MatchPerson, mode: ParticipationMode): boolean {
  const availability = availabilityOf(person);
  if (!availability.stated || mode === 'dividend' || mode === 'piecework_home') return true;
  const hours = new Set(availability.hours);
  if (mode === 'full_time') return hours.has('full_time');
  return ['part_time_morning', 'part_time_afternoon', 'school_hours', 'full_time', 'weekends'].some((h) =>
    hours.has(h as PersonHours),
  );
}

/** The way a person can take part in a project under their stated hours, or null if none fits. */
function projectModeFor(person: MatchPerson, project: MatchProject): ParticipationMode | null {
  const modes = project.participationModes;
  const accepted =
    person.workModes.length === 0 || availabilityOf(person).stated
      ? projectPreference(person)
      : projectPreference(person).filter(
          (mode) => mode === 'dividend' || (person.workModes as readonly string[]).includes(mode),
        );
  return accepted.find((mode) => modes.includes(mode) && participationFits(person, mode)) ?? null;
}

/** The way a person would take part in a project: home-friendly modes first for carers and the limited. */
function projectMode(person: MatchPerson, project: MatchProject): ParticipationMode {
  return projectModeFor(person, project) ?? project.participationModes[0] ?? 'full_time';
}

function fitPart(
  person: MatchPerson,
  household: MatchHousehold,
  opportunity: MatchOpportunity,
  graph: SkillGraph,
  weights: MatchWeights,
): Part {
  if (opportunity.kind === 'training') return trainingFit(person, opportunity, weights);
  const reasons: Reason[] = [];
  const f = weights.fit;
  let value = 1;
  const availability = availabilityOf(person);
  const mode = opportunity.kind === 'job' ? opportunity.workMode : projectMode(person, opportunity);
  if (availability.stated) {
    // Stated availability is a hard constraint, already checked: what is left fits.
    if (opportunity.kind === 'job' && opportunity.workMode !== 'piecework_home') {
      reasons.push(reason('fit.hours_fit', 'plus', { schedule: scheduleOf(opportunity).join(',') }));
    }
  } else {
    const dailyAway = mode === 'full_time' || mode === 'labour_export';
    const hoursOk = opportunity.kind !== 'job' || hoursFit(opportunity, availability);
    if (person.hasCareDuties && dailyAway) {
      value = f.carerFullTime;
      reasons.push(reason('fit.carer_full_time', 'minus', { mode }));
    } else if (person.hasCareDuties && hoursOk && (mode === 'part_time' || mode === 'piecework_home')) {
      reasons.push(reason('fit.carer_friendly', 'plus', { mode }));
    } else if (!modeAccepted(person, mode) || !hoursOk) {
      value = f.modeNotPreferred;
      reasons.push(reason('fit.mode_not_preferred', 'minus', { mode }));
    }
  }
  if (mode === 'dividend') reasons.push(reason('fit.dividend', 'plus'));
  // 未登记: scored as someone who can work, but said, so the worker checks before recommending.
  if (person.laborCapacity === 'unknown' && mode !== 'dividend') reasons.push(reason('fit.capacity_unknown', 'minus'));
  if (opportunity.physicalDemand === 'medium' && isLimited(person) && mode !== 'dividend') {
    value *= f.mediumDemandLimited;
    reasons.push(reason('fit.medium_demand_limited', 'minus'));
  }
  if (isPublicWelfare(opportunity) && welfareRuleMet(person, household)) {
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
  const availability = availabilityOf(person);
  const carer = person.hasCareDuties && !(availability.stated && availability.hours.includes('full_time'));
  if (carer && training.workMode === 'full_time') {
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
  const prerequisites = skillPart(person, training.requiredSkills, [], graph, weights, false);
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

  // 未登记 is not "unable": a household where no one works and no one is known able but someone's
  // capacity is not recorded gets the same priority, with a reason that asks to verify it.
  if (household.membersEmployed === 0 && household.anyMemberWithLaborCapacity) {
    boost *= n.noOneEmployedBoost;
    reasons.push(reason('need.no_one_employed', 'plus'));
  } else if (household.membersEmployed === 0 && household.anyMemberLaborUnknown) {
    boost *= n.noOneEmployedBoost;
    reasons.push(reason('need.no_one_employed_unverified', 'plus'));
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
